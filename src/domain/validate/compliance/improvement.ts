// Policy compliance of incidents, objectives, OFIs, changes and legal changes, as of a date.
import type { Rule } from '../rule.js';

export const IMPROVEMENT_COMPLIANCE: readonly Rule[] = [];
