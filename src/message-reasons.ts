import type { FieldName } from './field-name.js';

// The catalogue's wording of the reasons a run leaves customers and activity rows out
// (noCustomers, noActivity in messages.ts).

/** Why customers were left out of a churn analysis (the lifetime report's exclusions). */
export type NoCustomersReason =
  | 'missingId' | 'duplicateId' | 'filtered' | 'noGroup' | 'missingAnchor' | 'anchorAfterAsOf' | 'badChurn'
  | 'churnBeforeAnchor' | 'missingDuration' | 'negativeDuration' | 'missingEvent';
export function noCustomersReason(reason: NoCustomersReason, n: FieldName): string {
  switch (reason) {
    case 'missingId': return 'without an id';
    case 'duplicateId': return 'repeating an earlier id';
    case 'filtered': return `filtered out by ${n('where')}`;
    case 'noGroup': return 'in no compared group';
    case 'missingAnchor': return 'without a readable signup (or counted activity)';
    case 'anchorAfterAsOf': return `signed up after ${n('asOf')}`;
    case 'badChurn': return 'with an unreadable churn time';
    case 'churnBeforeAnchor': return 'with a churn time before their signup';
    case 'missingDuration': return 'with an empty or unreadable duration';
    case 'negativeDuration': return 'with a duration below 0';
    case 'missingEvent': return 'with an empty event value';
  }
}

/** Why activity rows were left out (the load report's exclusions), as noActivity words them. */
export type NoActivityReason =
  'missingId' | 'unknownCustomer' | 'missingTime' | 'badTime' | 'filtered' | 'noGroup' | 'afterAsOf' | 'beforeAnchor' | 'customerLeftOut';
export function noActivityReason(reason: NoActivityReason, n: FieldName): string {
  switch (reason) {
    case 'missingId': return 'without an id';
    case 'unknownCustomer': return 'with an id not in the customers table';
    case 'missingTime': return 'without a time';
    case 'badTime': return 'with an unreadable time';
    case 'filtered': return `filtered out by ${n('where')}`;
    case 'noGroup': return 'in no compared group';
    case 'afterAsOf': return `after ${n('asOf')}`;
    case 'beforeAnchor': return "before their customer's signup";
    case 'customerLeftOut': return 'of customers in no cohort';
  }
}
