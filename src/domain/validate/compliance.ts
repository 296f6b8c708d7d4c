// Policy compliance: what the Continual Improvement Policy promises, checked as of a date.
// These are warnings (errors with --strict): the register is well-formed, but the organisation
// is behind on what its policy says it does. The rules run in this order.
import { auditProgress, coverage, internalAuditPlanned } from './compliance/audits.js';
import { caOverdue, exceptionExpiry, ncDeadlinesRule } from './compliance/deadlines.js';
import { DOCUMENT_COMPLIANCE } from './compliance/documents.js';
import { IMPROVEMENT_COMPLIANCE } from './compliance/improvement.js';
import { NONCONFORMITY_COMPLIANCE } from './compliance/nonconformities.js';
import { AUDIT_PROGRAMME_COMPLIANCE } from './compliance/programme.js';
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
  ...AUDIT_PROGRAMME_COMPLIANCE,
  ...NONCONFORMITY_COMPLIANCE,
  ...IMPROVEMENT_COMPLIANCE,
  ...DOCUMENT_COMPLIANCE,
];
