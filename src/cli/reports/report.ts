// What every report format is made from: the validation result, the date and strictness it was
// judged with, and the files it checked, with the paths a reader or a CI server needs.
import type { Diagnostic } from '../../domain/diagnostics.js';

/** A file validation read: a record of a kind (its name), or cim.yaml (no kind). */
export interface CheckedFile {
  readonly file: string;
  readonly kind?: string;
}

export interface Report {
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly records: number;
  readonly asOf: string;
  readonly strict: boolean;
  readonly root: string;
  /** Turns a register-relative path into one for the reader: cwd-relative or repository-relative. */
  readonly display: (file: string) => string;
  readonly repoPath: (file: string) => string;
  /** cim's version, for reports that name the tool that made them. */
  readonly version?: string;
  /** The files read, and the checks run only when asked for (`--docs`, `--base`/`--history`). */
  readonly checked: {
    readonly files: readonly CheckedFile[];
    readonly docs: boolean;
    readonly history: boolean;
  };
}
