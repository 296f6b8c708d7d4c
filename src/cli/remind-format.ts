// The text and Markdown of `cim remind`: one part per person with something due, overdue first,
// each item with the command that moves it on. Markdown is written to be an issue's body.
import type { ChalkInstance } from 'chalk';
import type { Reminder, Reminders, RemindResult } from '../commands/remind.js';
import { escapeMarkdown } from '../docs/escape.js';
import { oneLine } from './terminal.js';

/** The heading of the items no person in cim.yaml owns. */
export const UNASSIGNED = 'Unassigned';

interface Part extends Reminders {
  readonly heading: string;
  readonly id?: string;
}

/** The people with something due, then the unassigned items, if any. */
function parts(r: RemindResult): Part[] {
  const all: Part[] = [...r.people.map((p) => ({ ...p, heading: p.name })), { ...r.unassigned, heading: UNASSIGNED }];
  return all.filter((p) => p.overdue.length + p.soon.length > 0);
}

/** "12 days overdue", "due today", "3 days left". */
export function when(i: Reminder): string {
  const days = `${i.days} day${i.days === 1 ? '' : 's'}`;
  if (i.overdue) return `${days} overdue`;
  return i.days === 0 ? 'due today' : `${days} left`;
}

/** A step's summary inside a sentence: "Start fieldwork" reads "start fieldwork". */
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "within 14 days", or "ahead" when every deadline was taken. */
const within = (r: RemindResult) => (r.days === undefined ? 'ahead' : `within ${r.days} day${r.days === 1 ? '' : 's'}`);

const soonHeading = (r: RemindResult) => `Due ${within(r)}`;

export function formatRemindText(r: RemindResult, c: ChalkInstance): string {
  const shown = parts(r);
  const lines = [c.bold(`Reminders as of ${r.asOf}`) + c.dim(`  overdue, and due ${within(r)}`)];
  if (shown.length === 0) lines.push('', `Nothing is overdue or due ${within(r)}.`);
  for (const part of shown) {
    lines.push('', c.bold(oneLine(part.heading)) + (part.id ? c.dim(` (${oneLine(part.id)})`) : ''));
    const group = (heading: string, items: readonly Reminder[]) => {
      if (items.length === 0) return;
      lines.push(`  ${heading}`);
      for (const i of items) {
        const late = i.overdue ? c.red(when(i)) : c.yellow(when(i));
        lines.push(`    ${c.bold(i.id)}  ${i.what}, due ${i.due} (${late})`);
        lines.push(`      ${c.dim(oneLine(i.title))}`);
        lines.push(`      ${i.command ? `${c.cyan(i.command)}  ${c.dim(`— ${lower(i.step)}`)}` : oneLine(i.step)}`);
      }
    };
    group('Overdue', part.overdue);
    group(soonHeading(r), part.soon);
  }
  return `${lines.join('\n')}\n`;
}

/** A command as inline code, fenced so that no backtick in it could end the span. */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${fence.length > 1 ? ` ${text} ` : text}${fence}`;
}

function markdownItem(i: Reminder): string {
  const head = `- [ ] **${escapeMarkdown(i.id)}** ${escapeMarkdown(i.what)}, due ${i.due} (${when(i)}): ${escapeMarkdown(i.title)}`;
  const next = i.command ? `${code(i.command)} — ${escapeMarkdown(lower(i.step))}` : escapeMarkdown(i.step);
  return `${head}  \n  ${next}`;
}

export function formatRemindMarkdown(r: RemindResult): string {
  const out: string[] = [];
  for (const part of parts(r)) {
    out.push(`## ${escapeMarkdown(part.heading)}`, '');
    out.push(
      `What the ${escapeMarkdown(r.organisation)} register shows as of ${r.asOf}: overdue items, and items due ${within(r)}. Each names the command that moves it on.`,
      '',
    );
    if (part.overdue.length) out.push('### Overdue', '', ...part.overdue.map(markdownItem), '');
    if (part.soon.length) out.push(`### ${soonHeading(r)}`, '', ...part.soon.map(markdownItem), '');
  }
  if (out.length === 0) out.push(`Nothing is overdue or due ${within(r)} as of ${r.asOf}.`, '');
  return out.join('\n');
}
