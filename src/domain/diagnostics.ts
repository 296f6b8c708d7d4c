// What validation reports. A diagnostic always has a place (file, line, column), a rule id that
// can be looked up, a message that says what is wrong and a hint that says how to fix it.
import { FILE_MORE_PROBLEMS } from './validate/rule-ids.js';

export type Severity = 'error' | 'warning';
export type Path = readonly (string | number)[];

export interface Diagnostic {
  readonly severity: Severity;
  readonly rule: string;
  /** Path relative to the register root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

/** A diagnostic about a file's data, placed by its field path; the pipeline adds line/column. */
export interface FieldDiagnostic {
  readonly severity: Severity;
  readonly rule: string;
  readonly file: string;
  readonly path: Path;
  /** Point at the key rather than the value (unknown fields). */
  readonly atKey?: boolean;
  readonly message: string;
  readonly hint: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps a field path of one file to where it is written. */
export interface SourceMap {
  locate(path: Path, atKey?: boolean): Position;
  /** The scalar at the path as written in the file (`9.10`, where the data holds 9.1). */
  written?(path: Path): string | undefined;
}

/** Where a problem with a whole file is reported: its start. */
export const START: Position = Object.freeze({ line: 1, column: 1 });

/** A source map for a file whose structure is unknown (unreadable or unparsed): everything is at its start. */
export const AT_START: SourceMap = { locate: () => START };

/** An error about a whole file, reported at its start. */
export function fileError(file: string, rule: string, message: string, hint: string): Diagnostic {
  return { severity: 'error', rule, file, ...START, message, hint };
}

/**
 * Problems listed per file, across every layer; the rest are counted in one more. A file of 20,000
 * misspelt keys would otherwise print 40,000 lines, and a person fixes the first ones first.
 */
export const MAX_PROBLEMS_PER_FILE = 50;

/** The rule of the diagnostic that counts the problems of a file not listed. */
export const MORE_PROBLEMS = FILE_MORE_PROBLEMS;

/** The one diagnostic that stands for the problems of a file left unlisted: an error if any is. */
export function moreProblems(file: string, unlisted: readonly { readonly severity: Severity }[]): Diagnostic {
  const n = unlisted.length;
  return {
    ...fileError(
      file,
      MORE_PROBLEMS,
      `${n} more problem${n === 1 ? '' : 's'} in this file`,
      'fix the problems listed first: the rest often follow from them, and the next ones are listed once they are fixed',
    ),
    severity: unlisted.some((d) => d.severity === 'error') ? 'error' : 'warning',
  };
}

/** In file order, and within a file by place; the count of the unlisted problems comes last. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const more = Number(a.rule === MORE_PROBLEMS) - Number(b.rule === MORE_PROBLEMS);
  return more || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function formatPath(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
