// `cim log` for people: one block per change, with the fields that changed.
import type { ChalkInstance } from 'chalk';
import type { LogEntry } from '../commands/history.js';
import { formatSize } from './commands/show.js';

const MAX = 72;

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

/** What was done, and to which id: a renumber names both ids, a change made under an earlier id
 * than the one asked for names that id, a move of the register names the folder it left. */
function label(e: LogEntry, oneRecord: boolean): string {
  const action =
    e.movedFrom === undefined
      ? e.action
      : `${e.action === 'moved' ? 'moved' : `${e.action}, moved`} from ${e.movedFrom || 'the top folder'}`;
  if (!oneRecord)
    return `${e.record} ${action}${e.renumberedFrom ? ` from ${e.renumberedFrom}` : e.renumberedTo ? ` to ${e.renumberedTo}` : ''}`;
  if (e.renumberedFrom) return `${action} ${e.renumberedFrom} → ${e.record}`;
  if (e.renumberedTo) return `${action} ${e.record} → ${e.renumberedTo}`;
  return e.beforeRenumber ? `${action} (as ${e.record})` : action;
}

/** Attachments added by a change (the list, or one item of it), each as one line; undefined for anything else. */
function attachedLines(path: string, before: unknown, after: unknown, c: ChalkInstance): string[] | undefined {
  if (before !== undefined || !/^attachments(\[\d+\])?$/.test(path)) return undefined;
  const added = Array.isArray(after) ? (after as unknown[]) : [after];
  if (!added.every((a) => typeof a === 'object' && a !== null && typeof (a as { file?: unknown }).file === 'string'))
    return undefined;
  if (added.length === 0) return undefined;
  return added.map((a) => {
    const { file, size, sha256, added_by, note } = a as Record<string, unknown>;
    const facts = [
      typeof size === 'number' ? formatSize(size) : undefined,
      typeof sha256 === 'string' ? `sha256 ${sha256.slice(0, 12)}` : undefined,
      typeof added_by === 'string' ? `by ${added_by}` : undefined,
    ].filter(Boolean);
    return `    ${c.green('+')} attached ${show(file)}${facts.length ? ` (${facts.join(', ')})` : ''}${typeof note === 'string' ? `: ${show(note)}` : ''}`;
  });
}

export function formatLog(entries: readonly LogEntry[], c: ChalkInstance, oneRecord: boolean): string {
  return entries
    .map((e) => {
      const move = e.from && e.to && e.from !== e.to ? `${e.from} → ${e.to}` : (e.to ?? '');
      const head = `${c.dim(e.date)}  ${c.bold(label(e, oneRecord))}  ${move}  ${c.dim(`${e.author} · ${e.commit.slice(0, 7)}`)}`;
      const lines = oneRecord
        ? e.changes.flatMap(
            (ch) =>
              attachedLines(ch.path, ch.before, ch.after, c) ??
              (ch.before === undefined
                ? `    ${c.green('+')} ${ch.path}: ${show(ch.after)}`
                : ch.after === undefined
                  ? `    ${c.red('-')} ${ch.path}: ${show(ch.before)}`
                  : `    ${c.yellow('~')} ${ch.path}: ${show(ch.before)} → ${show(ch.after)}`),
          )
        : [];
      if (oneRecord && e.allowedFuture !== undefined)
        lines.push(c.yellow(`    a date after the day was allowed: ${show(e.allowedFuture)}`));
      if (oneRecord && e.today !== undefined) lines.push(c.dim(`    the day was ${show(e.today)}`));
      if (oneRecord && e.unreadable)
        lines.push(
          c.yellow(
            `    the version ${e.unreadable} this change is not readable YAML; see it with git show ${e.commit.slice(0, 7)}${e.unreadable === 'before' ? '^' : ''}:${e.file}`,
          ),
        );
      return [head, ...lines].join('\n');
    })
    .join('\n');
}
