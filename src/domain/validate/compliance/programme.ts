// Policy compliance of the audit programme, as of a date (9.2).
import type { Rule } from '../rule.js';

export const AUDIT_PROGRAMME_COMPLIANCE: readonly Rule[] = [];
