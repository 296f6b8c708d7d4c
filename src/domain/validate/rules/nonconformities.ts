// Rules of substance on nonconformities, corrective actions and audit findings (10.2).
import type { Rule } from '../rule.js';

export const NONCONFORMITY_RULES: readonly Rule[] = [];
