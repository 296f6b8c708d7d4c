// Policy compliance: what the Continual Improvement Policy promises, checked as of a date.
// These are warnings (errors with --strict): the register is well-formed, but the organisation
// is behind on what its policy says it does. The rules run in this order.
import type { NcRecord } from '../kinds/index.js';
import { nc } from '../kinds/index.js';
import type { Register } from '../register.js';
import { auditProgress, coverage, internalAuditPlanned } from './compliance/audits.js';
import { caOverdue, exceptionExpiry, ncDeadlinesRule } from './compliance/deadlines.js';
import { recurrence } from './compliance/recurrence.js';
import { mrtActions, mrtCadence, policyReview } from './compliance/reviews.js';
import type { Rule } from './rule.js';

export const COMPLIANCE: readonly Rule[] = [
  ncDeadlinesRule,
  caOverdue,
  internalAuditPlanned,
  auditProgress,
  policyReview,
  mrtCadence,
  mrtActions,
  exceptionExpiry,
  coverage,
  recurrence,
];

/** @deprecated Held reviews are a query: import `heldReviews` from domain/queries.ts. */
export { heldReviews } from '../queries.js';

/** @deprecated An NC's deadlines are the kind's: ask `deadline(register, entry, 'correction' | 'closure')`
 * in domain/queries.ts. Kept while the documents still import it. */
export function ncDeadlines(register: Register, record: NcRecord): { respondBy: string; closeBy: string } {
  const on = (name: string) => nc.deadlines[name]!.on(record, register.config)!;
  return { respondBy: on('correction'), closeBy: on('closure') };
}
