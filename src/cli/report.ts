// Validation results for people (text), programs (json), GitHub Actions (workflow commands) and
// GitLab (code-quality report). The json shape is the stable contract; change it only additively.
import { createHash } from 'node:crypto';
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../domain/diagnostics.js';

export type ReportFormat = 'text' | 'json' | 'github' | 'gitlab';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github', 'gitlab'];

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
}

export function formatReport(format: ReportFormat, report: Report, color: ChalkInstance): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
    case 'github':
      return githubReport(report) + textReport(report, color);
    case 'gitlab':
      return `${JSON.stringify(gitlabReport(report), null, 2)}\n`;
    case 'text':
      return textReport(report, color);
  }
}

export function jsonReport(r: Report) {
  return {
    version: 1,
    valid: r.errors === 0,
    root: r.root,
    asOf: r.asOf,
    strict: r.strict,
    summary: { records: r.records, errors: r.errors, warnings: r.warnings },
    diagnostics: r.diagnostics,
  };
}

export function textReport(r: Report, c: ChalkInstance): string {
  const lines = r.diagnostics.map((d) => {
    const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    return `${c.bold(`${r.display(d.file)}:${d.line}:${d.column}`)}  ${severity}  ${c.dim(d.rule)}  ${d.message}\n    ${c.cyan('hint:')} ${d.hint}`;
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const scope = `${plural(r.records, 'record')}, as of ${r.asOf}${r.strict ? ', strict' : ''}`;
  const summary =
    r.errors > 0
      ? c.red(`✖ ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')} (${scope})`)
      : r.warnings > 0
        ? c.yellow(`✔ valid with ${plural(r.warnings, 'warning')} (${scope})`)
        : c.green(`✔ valid (${scope})`);
  return [...lines, ...(lines.length ? [''] : []), summary, ''].join('\n');
}

/** GitHub workflow commands: one annotation per diagnostic on the changed file and line. */
export function githubReport(r: Report): string {
  return r.diagnostics
    .map((d) => {
      const props = `file=${property(r.repoPath(d.file))},line=${d.line},col=${d.column},title=${property(`cim ${d.rule}`)}`;
      return `::${d.severity} ${props}::${data(`${d.message}\nhint: ${d.hint}`)}\n`;
    })
    .join('');
}

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitLab code-quality report (a JSON array of issues). */
export function gitlabReport(r: Report) {
  return r.diagnostics.map((d) => {
    const path = r.repoPath(d.file);
    return {
      description: `${d.message} (hint: ${d.hint})`,
      check_name: d.rule,
      fingerprint: createHash('sha256').update(`${path}\0${d.rule}\0${d.message}`).digest('hex').slice(0, 32),
      severity: d.severity === 'error' ? 'major' : 'minor',
      location: { path, lines: { begin: d.line } },
    };
  });
}
