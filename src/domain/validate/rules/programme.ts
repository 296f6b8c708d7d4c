// Rules on audits and auditors: what an internal audit covers, and who may audit it (9.2, 7.2).
import type { Rule } from '../rule.js';

export const AUDIT_PROGRAMME_RULES: readonly Rule[] = [];
