// Validation results for people (text), programs (json), GitHub Actions (workflow commands),
// GitLab (code-quality report), test dashboards (JUnit XML), code scanning (SARIF) and job
// summaries or pull-request comments (Markdown). The json shape is the stable contract; change it
// only additively.
import { createHash } from 'node:crypto';
import type { ChalkInstance } from 'chalk';
import type { ReportFormat } from './reports/formats.js';
import { junitReport } from './reports/junit.js';
import { markdownReport } from './reports/markdown.js';
import type { Report } from './reports/report.js';
import { sarifReport } from './reports/sarif.js';

export type { Report } from './reports/report.js';
export { REPORT_FORMATS, type ReportFormat } from './reports/formats.js';

export function formatReport(format: ReportFormat, report: Report, color: ChalkInstance): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
    case 'github':
      return githubReport(report) + textReport(report, color);
    case 'gitlab':
      return `${JSON.stringify(gitlabReport(report), null, 2)}\n`;
    case 'junit':
      return junitReport(report);
    case 'sarif':
      return `${JSON.stringify(sarifReport(report), null, 2)}\n`;
    case 'markdown':
      return markdownReport(report);
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
