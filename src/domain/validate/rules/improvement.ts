// Rules of substance on incidents, objectives, OFIs, changes, legal changes and exceptions.
import type { Rule } from '../rule.js';

export const IMPROVEMENT_RULES: readonly Rule[] = [];
