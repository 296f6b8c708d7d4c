// Policy compliance of nonconformities and audit findings, as of a date (10.2).
import type { Rule } from '../rule.js';

export const NONCONFORMITY_COMPLIANCE: readonly Rule[] = [];
