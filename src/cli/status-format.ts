// The text of `cim status`: short enough to read at a glance, most urgent first.
import type { ChalkInstance } from 'chalk';
import type { StatusResult } from '../commands/status.js';
import { oneLine } from './terminal.js';

/** How many compliance findings are listed before the rest are counted. */
const SHOWN = 8;

export function formatStatus(s: StatusResult, c: ChalkInstance): string {
  const lines: string[] = [];
  const overdue = s.owners.reduce((n, o) => n + o.items.filter((i) => i.overdue).length, 0);
  const soon = s.owners.reduce((n, o) => n + o.items.length, 0) - overdue;
  lines.push(
    c.bold(`Status as of ${s.asOf}`) +
      `  ${s.records} records · ${overdue ? c.red(`${overdue} overdue`) : '0 overdue'} · ${soon} due within ${s.soonDays} days`,
  );
  if (s.errors) lines.push(c.red(`${s.errors} validation error${s.errors === 1 ? '' : 's'}: run \`cim validate\``));

  if (s.owners.length) {
    lines.push('', c.bold('Needs attention'));
    for (const o of s.owners) {
      lines.push(`  ${c.bold(oneLine(o.name))} ${c.dim(`(${oneLine(o.owner)})`)}`);
      for (const i of o.items) {
        const when = i.overdue ? c.red(`overdue since ${i.due}`) : c.yellow(`due ${i.due}`);
        lines.push(`    ${i.id.padEnd(9)} ${i.what.padEnd(15)} ${when}  ${c.dim(oneLine(i.title))}`);
      }
    }
  }

  if (s.compliance.length) {
    lines.push('', c.bold(`Policy compliance (${s.compliance.length})`));
    for (const f of s.compliance.slice(0, SHOWN)) lines.push(`  ${c.yellow(f.rule)}  ${f.message}`);
    if (s.compliance.length > SHOWN)
      lines.push(c.dim(`  … and ${s.compliance.length - SHOWN} more: run \`cim validate\``));
  }

  lines.push('', c.bold('Records'));
  const width = Math.max(...s.counts.map((k) => k.kind.length));
  for (const k of s.counts) {
    const states = Object.entries(k.states)
      .filter(([, n]) => n > 0)
      .map(([state, n]) => `${n} ${state}`)
      .join(' · ');
    lines.push(`  ${k.kind.padEnd(width)}  ${states}`);
  }

  lines.push('', c.bold('Next'));
  const review = s.nextReview.scheduled;
  lines.push(
    review
      ? `  review  ${review.id} on ${review.on}  ${c.dim(oneLine(review.title))}${review.on > s.nextReview.dueBy ? c.yellow(` (due by ${s.nextReview.dueBy})`) : ''}`
      : `  review  none scheduled; one is due by ${s.nextReview.dueBy}`,
  );
  lines.push(
    s.nextAudit
      ? `  audit   ${s.nextAudit.id} planned ${s.nextAudit.planned}  ${c.dim(oneLine(s.nextAudit.title))}`
      : '  audit   none planned',
  );
  return `${lines.join('\n')}\n`;
}
