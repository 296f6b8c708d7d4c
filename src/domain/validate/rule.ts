// What a register rule is: a small function from the register, judged as of a date, to the
// diagnostics it finds. The rules across records (rules.ts) are errors; the policy's (compliance.ts)
// are warnings.
import type { FieldDiagnostic, Path } from '../diagnostics.js';
import type { Register } from '../register.js';

export interface RuleContext {
  /** The date compliance is judged at (today, or --as-of). */
  readonly asOf: string;
}

export type Rule = (register: Register, ctx: RuleContext) => FieldDiagnostic[];

/** An error in a record's file, at a field path. */
export const error = (
  e: { file: string },
  rule: string,
  path: Path,
  message: string,
  hint: string,
): FieldDiagnostic => ({
  severity: 'error',
  rule,
  file: e.file,
  path,
  message,
  hint,
});

/** A policy-compliance warning in a file, at a field path. */
export const warn = (file: string, rule: string, path: Path, message: string, hint: string): FieldDiagnostic => ({
  severity: 'warning',
  rule,
  file,
  path,
  message,
  hint,
});
