import type { CompareResult } from '../compare-result.js';
import { compareTyped } from './compare-typed.js';
import { crrTyped, survivalAtTyped, survivalCurveTyped, survivalSummaryTyped } from './churn-typed.js';
import type { CrrResult } from '../crr-table.js';
import type { FeedbackResult } from '../feedback-table.js';
import type { MatrixResult } from '../matrix-result.js';
import { feedbackTyped, reasonsTyped, reasonsWideTyped, valueTyped, valueWideTyped } from './outcome-typed.js';
import type { ReasonsResult } from '../reasons-table.js';
import type { ValueResult } from '../value-table.js';
import { averageTyped, tidyTyped, wideTyped } from './matrix-typed.js';
import type { SurvivalResult } from '../survival-result.js';
import type { TypedTable } from './typed-table.js';

/** The tables each analysis writes (docs/schema.md), by its `table` name; the first is the default. */
export const OUTPUT_TABLE_NAMES = {
  matrix: ['tidy', 'wide', 'average'],
  survival: ['curve', 'at', 'summary'],
  crr: ['crr'],
  compare: ['compare'],
  reasons: ['reasons', 'wide'],
  value: ['value', 'wide'],
  feedback: ['feedback'],
} as const;

/** The results that have typed output tables, by kind. */
export interface TypedResults {
  matrix: MatrixResult;
  survival: SurvivalResult;
  crr: CrrResult;
  compare: CompareResult;
  reasons: ReasonsResult;
  value: ValueResult;
  feedback: FeedbackResult;
}

/**
 * typedOutputTable: the typed table (docs/schema.md) `table` of a result; the kind's
 * default (tidy, curve, crr) when `table` is not given.
 */
export function typedOutputTable<K extends keyof TypedResults>(kind: K, result: TypedResults[K], table?: string): TypedTable {
  switch (kind) {
    case 'matrix': {
      const r = result as MatrixResult;
      if (table === 'wide') return wideTyped(r);
      if (table === 'average') return averageTyped(r);
      return tidyTyped(r);
    }
    case 'survival': {
      const r = result as SurvivalResult;
      if (table === 'at') return survivalAtTyped(r);
      if (table === 'summary') return survivalSummaryTyped(r);
      return survivalCurveTyped(r);
    }
    case 'compare':
      return compareTyped(result as CompareResult);
    case 'reasons':
      return table === 'wide' ? reasonsWideTyped(result as ReasonsResult) : reasonsTyped(result as ReasonsResult);
    case 'value':
      return table === 'wide' ? valueWideTyped(result as ValueResult) : valueTyped(result as ValueResult);
    case 'feedback':
      return feedbackTyped(result as FeedbackResult);
    default:
      return crrTyped(result as CrrResult);
  }
}
