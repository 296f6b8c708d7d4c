// Markdown for a CI job summary or a pull-request comment: the verdict and its counts first, then
// the errors and the warnings, each with its file and line. GitHub takes 1 MiB in a step summary but only 65,536
// characters in a comment, so the report stops, between two problems, before it reaches that.
import type { Diagnostic } from '../../domain/diagnostics.js';
import type { Report } from './report.js';

/** Under a pull-request comment's 65,536 characters, however many bytes a character takes. */
export const MAX_MARKDOWN_BYTES = 60 * 1024;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function markdownReport(r: Report, max = MAX_MARKDOWN_BYTES): string {
  const scope = `${plural(r.records, 'record')}, as of ${r.asOf}${r.strict ? ', strict' : ''}`;
  if (r.diagnostics.length === 0) return `### ✔ valid\n\n${scope}.\n`;
  const verdict =
    r.errors > 0
      ? `✖ ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`
      : `✔ valid with ${plural(r.warnings, 'warning')}`;
  const head = [
    `### ${verdict}`,
    '',
    '| records | errors | warnings | as of | strict |',
    '|--:|--:|--:|---|---|',
    `| ${r.records} | ${r.errors} | ${r.warnings} | ${r.asOf} | ${r.strict ? 'yes' : 'no'} |`,
    '',
    ...ruleTable(r.diagnostics),
    '',
  ].join('\n');
  return head + problems(r, max - bytes(head));
}

/** A line per rule that reported: the most errors first, then the most warnings. */
function ruleTable(diagnostics: readonly Diagnostic[]): string[] {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics) {
    const c = counts.get(d.rule) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    counts.set(d.rule, c);
  }
  const rows = [...counts]
    .sort(([a, x], [b, y]) => y.errors - x.errors || y.warnings - x.warnings || (a < b ? -1 : 1))
    .map(([rule, c]) => `| \`${rule}\` | ${c.errors} | ${c.warnings} |`);
  return ['| rule | errors | warnings |', '|---|--:|--:|', ...rows];
}

const TABLE_HEAD = '| file:line | rule | problem | hint |\n|---|---|---|---|\n';

/**
 * The errors, then the warnings, each in file order: as many whole problems as fit in `room`
 * bytes, and a count of the rest. Errors come first so that a report cut short still shows what
 * fails the check.
 */
function problems(r: Report, room: number): string {
  const ordered = [
    ...r.diagnostics.filter((d) => d.severity === 'error'),
    ...r.diagnostics.filter((d) => d.severity !== 'error'),
  ];
  const out: string[] = [];
  let used = 0;
  let section: string | undefined;
  for (const [i, d] of ordered.entries()) {
    const title = d.severity === 'error' ? `Errors (${r.errors})` : `Warnings (${r.warnings})`;
    const heading = title === section ? '' : `\n#### ${title}\n\n${TABLE_HEAD}`;
    const place = `${md(r.repoPath(d.file))}:${d.line}:${d.column}`;
    const row = `| ${place} | \`${d.rule}\` | ${md(d.message)} | ${md(d.hint)} |\n`;
    const rest = ordered.length - i - 1;
    // Room is kept for the closing line whenever a problem still follows this one.
    const closing = rest > 0 ? bytes(moreLine(rest)) : 0;
    if (used + bytes(heading + row) + closing > room) {
      out.push(moreLine(ordered.length - i));
      break;
    }
    out.push(heading + row);
    used += bytes(heading + row);
    section = title;
  }
  return out.join('');
}

const moreLine = (n: number) => `\n… and ${plural(n, 'more problem')} (run \`cim validate\` for all)\n`;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * User text in a table cell, shown as written: Markdown's punctuation and HTML are escaped, a line
 * break is a <br>, a web address is not made a link, and an @ cannot mention anyone (GitHub links
 * mentions and e-mail addresses after rendering, so a zero-width space follows it rather than a
 * backslash before it).
 */
export const md = (s: string): string =>
  s
    .replace(/[\\`*_{}[\]<>#|~&!]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, '<br>');
