// Layer 3: rules across records. Each rule is a small function from the register to diagnostics;
// the pipeline runs them all on records that passed their schema, in this order.
import type { Rule } from './rule.js';
import { auditClosure, auditorIndependence } from './rules/audits.js';
import { dateOrder, futureDates } from './rules/dates.js';
import { DOCUMENT_RULES } from './rules/documents.js';
import { IMPROVEMENT_RULES } from './rules/improvement.js';
import { heldReviews, ncPresented, topManagement } from './rules/mrt.js';
import { caReviews, ncActions } from './rules/nc-actions.js';
import { NONCONFORMITY_RULES } from './rules/nonconformities.js';
import { AUDIT_PROGRAMME_RULES } from './rules/programme.js';
import { duplicateIds, exceptionLength, plainText } from './rules/records.js';
import { references, sources } from './rules/references.js';

export const RULES: readonly Rule[] = [
  duplicateIds,
  plainText,
  references,
  sources,
  dateOrder,
  futureDates,
  auditorIndependence,
  caReviews,
  ncActions,
  heldReviews,
  topManagement,
  ncPresented,
  auditClosure,
  exceptionLength,
  ...AUDIT_PROGRAMME_RULES,
  ...NONCONFORMITY_RULES,
  ...IMPROVEMENT_RULES,
  ...DOCUMENT_RULES,
];
