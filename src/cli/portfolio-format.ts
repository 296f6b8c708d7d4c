// The text of `cim status --all`: a line per client register, in the order the folders were given,
// so a consultant reads them as their own folders are laid out.
import type { ChalkInstance } from 'chalk';
import type { PortfolioLine, PortfolioResult } from '../commands/portfolio.js';
import { columns, type Column } from './table.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The next review: the one scheduled, else when one is due by the cadence; late ones say so. */
function review(line: PortfolioLine): string {
  const next = line.nextReview;
  if (!next) return '–';
  const late = line.reviewLate ? ` (due by ${next.dueBy})` : '';
  return next.scheduled
    ? `${next.scheduled.on} ${next.scheduled.id}${late}`
    : `none scheduled${late || ` (due by ${next.dueBy})`}`;
}

/** The next audit planned, and whether its planned day or month has passed. */
function audit(line: PortfolioLine): string {
  if (line.problem) return '–';
  const next = line.nextAudit;
  if (!next) return 'none planned';
  return `${next.planned} ${next.id}${line.auditLate ? ' (late)' : ''}`;
}

function verdict(line: PortfolioLine): string {
  if (line.problem) return `cannot read: ${line.problem.message}`;
  if (line.errors) return plural(line.errors, 'error');
  return line.warnings ? `valid, ${plural(line.warnings, 'warning')}` : 'valid';
}

export function formatPortfolio(p: PortfolioResult, c: ChalkInstance, display: (root: string) => string): string {
  if (p.registers.length === 0) return 'No registers found.\n';
  const red = (when: (l: PortfolioLine) => boolean | undefined) => (cell: string, l: PortfolioLine) =>
    when(l) ? c.red(cell) : cell;
  const cols: Column<PortfolioLine>[] = [
    ['Organisation', (l) => l.organisation ?? '–'],
    ['Register', (l) => display(l.root)],
    ['Records', (l) => (l.records === undefined ? '–' : String(l.records))],
    ['Overdue', (l) => (l.overdue === undefined ? '–' : String(l.overdue)), red((l) => (l.overdue ?? 0) > 0)],
    [`Due ≤${p.soonDays}d`, (l) => (l.dueSoon === undefined ? '–' : String(l.dueSoon))],
    ['Next review', review, red((l) => l.reviewLate)],
    ['Next audit', audit, red((l) => l.auditLate)],
    [
      'Validation',
      verdict,
      (cell, l) => (l.problem || l.errors ? c.red(cell) : l.warnings ? c.yellow(cell) : c.green(cell)),
    ],
  ];
  const unreadable = p.registers.filter((l) => l.problem);
  const hints = unreadable.map((l) => c.dim(`${display(l.root)}: ${l.problem!.hint ?? l.problem!.message}`));
  return [
    c.bold(`${plural(p.registers.length, 'register')} as of ${p.asOf}`),
    columns(cols, p.registers),
    ...(hints.length ? ['', ...hints] : []),
    '',
  ].join('\n');
}
