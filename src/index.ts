/**
 * kohort: cohort retention analysis on Arquero tables.
 *
 *   files ──loadFile──▶ Dataset ──normalize──▶ NormalizedMatrixSpec ──plan──▶ MatrixPlan
 *         ──executeMatrix──▶ MatrixResult ──tidyTable / wideTable──▶ Arquero tables
 *         ──toCSV / toJSON / toArrow / formatMatrix──▶ outputs
 *
 * `retention(table, spec)` and `matrix(spec)` run the whole pipeline; each stage is
 * exported too. Every public export is named here.
 */

// Spec: the schema of what can be asked.
export type {
  ColumnRoles,
  Anchor,
  Filter,
  FilterOp,
  Granularity,
  InputSpec,
  MatrixSpec,
  Mode,
  OffsetKind,
  WeekStart,
  Completeness,
} from './spec/types.js';
export { ANCHORS, GRANULARITIES, MATRIX_DEFAULTS, MODES, OFFSET_KINDS, WEEK_STARTS, COMPLETENESS } from './spec/types.js';
export { normalize } from './spec/normalize.js';
export type { NormalizedMatrixSpec, ResolvedFilter } from './spec/normalize.js';
export { parseWhere, formatWhere } from './spec/parse-where.js';
export { detectColumn } from './spec/detect-column.js';

// Whole pipeline.
export { retention, matrix, planAndLoad } from './api/matrix.js';
export type { RetentionInput } from './api/matrix.js';
export { loadInputs, readInputSchema } from './load/load-inputs.js';
export type { LoadInputOptions, InputFiles } from './load/load-inputs.js';
export type { Projection } from './plan/projection.js';
export { prepare, compute, analyze, planTables } from './api/analysis.js';
export type { Analysis } from './api/analysis.js';
export type { Engine, Awaitable } from './engine/engine.js';
export { memoryEngine } from './engine/memory/memory-engine.js';

// Survival and customer retention rate.
export { survival, survivalFromTables, lifetimeTables } from './api/survival.js';
export type { LifetimeInput } from './api/survival.js';
export { crr, crrFromTables } from './api/crr.js';
export { normalizeSurvival, SURVIVAL_DEFAULTS } from './spec/survival-spec.js';
export type { SurvivalSpec, NormalizedSurvivalSpec } from './spec/survival-spec.js';
export { normalizeCrr, CRR_DEFAULTS } from './spec/crr-spec.js';
export type { CrrSpec, NormalizedCrrSpec } from './spec/crr-spec.js';
export type { ChurnInputSpec } from './spec/churn-spec.js';
export { DURATION_UNITS, UNIT_DAYS } from './spec/units.js';
export type { DurationUnit, TimeUnit } from './spec/units.js';
export { executeSurvival } from './engine/memory/churn/execute-survival.js';
export { executeCrr } from './engine/memory/churn/execute-crr.js';
export { survivalJSON } from './result/survival-json.js';
export { survivalCurveTable, survivalAtTable } from './result/survival-table.js';
export type { SurvivalResult, SurvivalGroup } from './result/survival-result.js';
export type { SurvivalJSON } from './result/survival-json.js';
export type { LifetimeReport } from './report/lifetime-report.js';
export { crrTable, crrJSON } from './result/crr-table.js';
export type { CrrResult, CrrJSON } from './result/crr-table.js';
export { formatSurvival } from './export/terminal/format-survival.js';
export { formatCrr } from './export/terminal/format-crr.js';

// Group comparison.
export { compare, compareFromTables, compareAnalysis } from './api/compare.js';
export { comparePlan } from './plan/compare-plan.js';
export type { ComparePlan } from './plan/compare-plan.js';
export { COMPARE_DEFAULTS, resolveGroupBy } from './spec/compare-spec.js';
export type { CompareSpec, GroupBy } from './spec/compare-spec.js';
export { executeCompare } from './engine/memory/compare/execute-compare.js';
export { compareJSON } from './result/compare-result.js';
export type {
  CompareResult, CompareResolved, CompareJSON, CompareGroup, ComparePoint, CompareDifference, CompareRevenue, CurveMethod,
} from './result/compare-result.js';
export { compareSummary } from './result/compare-summary.js';
export { compareTidyTable, compareWideTable, compareRevenueTable } from './result/compare-table.js';
export { formatCompare } from './export/terminal/format-compare.js';
// Churned vs retained: reasons and value; feedback scores (METRICS.md section 8).
export { reasons, reasonsFromTables, reasonsAnalysis } from './api/reasons.js';
export { value, valueFromTables, valueAnalysis } from './api/value.js';
export { feedback, feedbackFromTables, feedbackAnalysis } from './api/feedback.js';
export { reasonsPlan, valuePlan, feedbackPlan } from './plan/outcome-plan.js';
export type { ReasonsPlan, ValuePlan, FeedbackPlan } from './plan/outcome-plan.js';
export { normalizeReasons, normalizeValue, normalizeOutcome } from './spec/outcome-spec.js';
export type {
  OutcomeSpec, ReasonsSpec, ValueSpec, NormalizedOutcome, NormalizedReasonsSpec, NormalizedValueSpec, OutcomeSource,
} from './spec/outcome-spec.js';
export { normalizeFeedback, parseScale, FEEDBACK_DEFAULTS } from './spec/feedback-spec.js';
export type { FeedbackSpec, NormalizedFeedbackSpec } from './spec/feedback-spec.js';
export { NPS_CLASS } from './spec/nps-class.js';
export { executeReasons } from './engine/memory/outcomes/execute-reasons.js';
export { executeValue } from './engine/memory/outcomes/execute-value.js';
export { executeFeedback } from './engine/memory/outcomes/execute-feedback.js';
export { reasonsTable, reasonsWideTable, reasonsJSON, NO_REASON } from './result/reasons-table.js';
export type { ReasonsResult, ReasonRows, ReasonsJSON } from './result/reasons-table.js';
export { valueTable, valueWideTable, valueJSON, VALUE_STATUSES } from './result/value-table.js';
export type { ValueResult, ValueStats, ValueJSON } from './result/value-table.js';
export { feedbackTable, feedbackJSON } from './result/feedback-table.js';
export type { FeedbackResult, FeedbackCounts, FeedbackReport, FeedbackJSON, RejectedScores } from './result/feedback-table.js';
export { formatReasons } from './export/terminal/format-reasons.js';
export { formatValue } from './export/terminal/format-value.js';
export { formatFeedback, formatFeedbackReport } from './export/terminal/format-feedback.js';
export { npsInterval, npsClassIndex, onScale, NPS_CLASSES } from './stats/feedback-scores.js';
export type { NpsEstimate, NpsClass, Scale } from './stats/feedback-scores.js';

// Statistics (pure functions over typed arrays).
export { kaplanMeier, kaplanMeierGroups } from './stats/kaplan-meier.js';
export type { KMCurve, KMRow, KMOptions } from './stats/kaplan-meier.js';
export type { SurvivalTally } from './stats/survival-tally.js';
export { confidenceBand, CONF_TYPES } from './stats/greenwood.js';
export type { ConfType } from './stats/greenwood.js';
export { medianSurvival, survivalQuantile, survivalAt } from './stats/median.js';
export type { SurvivalQuantile, SurvivalAt } from './stats/median.js';
export { logRank, LOG_RANK_TESTS } from './stats/log-rank.js';
export type { LogRankResult, LogRankTest, LogRankOptions } from './stats/log-rank.js';
export { chiSquareTail } from './stats/chi-square.js';
export { diffProportions, wilson } from './stats/newcombe.js';
export { adjustP, P_ADJUST_METHODS } from './stats/adjust-p.js';
export type { PAdjustMethod } from './stats/adjust-p.js';
export { meanSummary, diffMeans, groupMoments } from './stats/mean-interval.js';
export type { MeanSummary, MeanDifference, Moments } from './stats/mean-interval.js';

// Stages.
export { loadFile } from './load/load-file.js';
export type { LoadOptions } from './load/load-file.js';
export { readColumnNames } from './load/read-column-names.js';
export { datasetFromTable } from './load/from-table.js';
export { dictColumn, encodeStrings } from './load/dict/dict-column.js';
export type { DictColumn } from './load/dict/dict-column.js';
export type { ColumnKind, Dataset, InputFormat } from './load/dataset.js';
export { plan } from './plan/matrix-plan.js';
export type { MatrixPlan, MeasureNeeds } from './plan/matrix-plan.js';
export { survivalPlan } from './plan/survival-plan.js';
export type { SurvivalPlan } from './plan/survival-plan.js';
export { crrPlan } from './plan/crr-plan.js';
export type { CrrPlan } from './plan/crr-plan.js';
export { executeMatrix } from './engine/memory/matrix/execute-matrix.js';
export type { ExecuteOptions } from './engine/memory/matrix/execute-matrix.js';
export { inputSchema, toInputTables } from './load/input-tables.js';
export type { InputTables, InputSchema, TablesInput } from './load/input-tables.js';
export type { MatrixResult } from './result/matrix-result.js';
export { tidyTable } from './result/tidy-table.js';
export { wideTable } from './result/wide-table.js';
export { averageTable } from './result/average-table.js';
export type { LoadReport, Exclusions } from './report/load-report.js';
export { formatReport } from './report/load-report.js';
export { snakeKeys } from './report/snake-keys.js';
export { asOfWarning, inactivityAsOfWarning } from './result/as-of-warning.js';
export type { AsOfWarning } from './result/as-of-warning.js';
export { defaultAtTimes } from './stats/default-at.js';
export { headerLooksLikeData } from './load/header-looks-like-data.js';
export { prepareInputs } from './api/prepare-inputs.js';
export type { PreparedInputs, PrepareInputsOptions } from './api/prepare-inputs.js';

// Export.
export { toCSV, textNumber } from './export/csv/to-csv.js';
export { formatFromPath, chooseOutputFormat } from './export/format-from-path.js';
export type { FormatFamily, FormatChoice } from './export/format-from-path.js';
export { toJSON } from './export/to-json.js';
export { toArrow } from './export/to-arrow.js';
export { formatMatrix } from './export/terminal/format-matrix.js';
export { writeAtomic } from './export/write-atomic.js';
export { toHTMLMatrix, toHTMLSurvival, toHTMLCrr, toHTMLCompare, toHTMLReport, toHTMLTables } from './export/html/to-html.js';
export type { HTMLOptions, HTMLTablePart, ReportParts } from './export/html/to-html.js';
export type { TerminalOptions } from './export/terminal/ansi.js';
export { retentionReport, planReport, reportAnalysis, REPORT_MODES } from './api/report.js';
export type { ReportSpec, ReportPlan } from './api/report.js';
export type { ReportTable } from './result/report-parts.js';

// SQL engines: the same specs on DuckDB, PostgreSQL, ClickHouse; SQL for warehouses.
export { matrixOnEngine, survivalOnEngine, crrOnEngine, compareOnEngine, runOnEngine, matrixSqlText } from './api/engines.js';
export { reasonsOnEngine, valueOnEngine, feedbackOnEngine, outcomeSqlText } from './api/engines.js';
export type { OutcomeSqlSpec, OutcomeSqlTextOptions } from './api/engines.js';
export type { PrintSqlOptions, EngineName, SqlEngineOptions, DialectName, TimeType } from './api/engines.js';
export { planOnEngine } from './api/engines.js';
export { engineOptions, engineSection } from './api/engine-section.js';
export type { EngineSpec } from './api/engine-section.js';
export { sqlEngine } from './engine/sql/sql-engine.js';
export type { DuckdbOptions } from './engine/sql/connections/duckdb-connection.js';
// Typed outputs (docs/schema.md): one schema per table kind, written as Parquet, Arrow, CSV.
export { OUTPUT_TABLES, OUTPUT_SCHEMA_VERSION, outputTable } from './result/typed/output-schema.js';
export { OUTPUT_TYPES } from './result/typed/schema/output-types.js';
export type { OutputTableSchema, OutputColumn, OutputColumnGroup, OutputType, TableKind } from './result/typed/schema/output-types.js';
export { tidyTyped, wideTyped, averageTyped } from './result/typed/matrix-typed.js';
export { crrTyped, survivalCurveTyped, survivalAtTyped, survivalSummaryTyped } from './result/typed/churn-typed.js';
export { checkConforms, typedRows, encodeText } from './result/typed/typed-table.js';
export type { TypedTable, TypedColumn } from './result/typed/typed-table.js';
export { toParquet } from './export/to-parquet.js';
export { toArrowIPC, typedToArrowTable } from './export/to-arrow-ipc.js';
export { typedToCSV } from './export/csv/typed-to-csv.js';
export { metadataPairs } from './export/output-metadata.js';
export type { OutputMetadata } from './export/output-metadata.js';
export type { InputHash } from './report/input-hash.js';
export { typedOutputTable, OUTPUT_TABLE_NAMES } from './result/typed/typed-output.js';
export { FORMATS, formatsFor, writeFormat, isBinary } from './export/formats.js';
export type { OutputFormat, ResultKind, ResultKinds, WriteOptions } from './export/formats.js';
export { hashInputs, hashFile } from './load/hash-inputs.js';
export { KOHORT_VERSION } from './version.js';

// Spec files: `kohort run`, `kohort schema`, `--print-spec`.
export { runAnalysis, SPEC_ANALYSES } from './api/run-spec.js';
export type { AnalysisOutcome } from './api/run-spec.js';
export { validateRunSpec } from './spec/validate-run-spec.js';
export { resolveAnalyses, specOfCommand, analysisMetadataSpec } from './spec/resolve-run-spec.js';
export type { AnalysisRequest, ResolvedAnalysis } from './spec/resolve-run-spec.js';
export { RUN_SPEC_SCHEMA } from './spec/run-spec-schema.js';
export { ANALYSIS_KINDS } from './spec/run-spec.js';
export type {
  RunSpec, SpecAnalysis, AnalysisKind, AnalysisBase, MatrixAnalysis, SurvivalAnalysis, CrrAnalysis, CompareAnalysis,
  ReportAnalysis, ReasonsAnalysis, ValueAnalysis, FeedbackAnalysis,
  OutputFormatName, OutputSpecBase, MatrixOutputSpec, SurvivalOutputSpec, CrrOutputSpec, CompareOutputSpec,
  ReportOutputSpec, ReasonsOutputSpec, ValueOutputSpec, FeedbackOutputSpec,
} from './spec/run-spec.js';
export type { RejectSpec } from './spec/reject-options.js';

// Errors.
export { KohortError } from './errors.js';
export type { ErrorLocation } from './errors.js';

// CLI.
export { createProgram } from './cli/program.js';
export type { CliIO } from './cli/program.js';
export { main } from './cli/main.js';
