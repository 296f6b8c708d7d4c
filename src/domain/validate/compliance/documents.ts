// Policy compliance of document control and settings, as of a date (7.5).
import type { Rule } from '../rule.js';

export const DOCUMENT_COMPLIANCE: readonly Rule[] = [];
