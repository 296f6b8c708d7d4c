// Rules on document control and on settings in cim.yaml (7.5).
import type { Rule } from '../rule.js';

export const DOCUMENT_RULES: readonly Rule[] = [];
