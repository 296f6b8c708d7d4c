// `cim show`: one record as written, what refers to it, and its problems.
import type { ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import type { ShowResult } from '../../commands/show.js';
import { oneLine } from '../terminal.js';
import { printer } from './printer.js';

export function addShow(program: Command): void {
  program
    .command('show')
    .description('show a record, what refers to it, and its problems')
    .argument('<id>', 'record id, e.g. NC-0007')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .action(async (id: string, opts: { asOf?: string }, cmd: Command) => {
      const { show } = await import('../../commands/show.js');
      const p = await printer(cmd);
      const r = await show({ ...p.where, id, ...opts }, p.ctx);
      p.result(r, () => formatShow(r, p.color));
    });
}

export function formatShow(r: ShowResult, c: ChalkInstance): string {
  const lines = [
    `${c.bold(r.id)}  ${oneLine(r.title)}`,
    c.dim(`${r.kind} · ${oneLine(r.status)} · ${oneLine(r.file)}`),
    '',
    r.text.trimEnd(),
    '',
  ];
  if (r.attachments.length)
    lines.push(
      c.bold('Attachments'),
      ...r.attachments.map(
        (a) =>
          `  ${oneLine(a.file)}  ${formatSize(a.size)}  ${c.dim(`sha256 ${a.sha256.slice(0, 12)}`)}  added ${a.added_on} by ${oneLine(a.added_by)}${a.note ? `\n    ${oneLine(a.note)}` : ''}`,
      ),
      '',
    );
  if (r.referencedBy.length)
    lines.push(c.bold('Referenced by'), ...r.referencedBy.map((b) => `  ${b.id}  (${b.field})`), '');
  if (r.problems.length) {
    const errors = r.problems.some((d) => d.severity === 'error');
    lines.push(
      c.bold(errors ? c.red('Problems') : c.yellow('Problems')),
      ...r.problems.map(
        (d) =>
          `  ${d.line}:${d.column}  ${d.severity === 'error' ? c.red('error') : c.yellow('warning')}  ${c.dim(d.rule)}  ${d.message}\n    ${c.cyan('hint:')} ${d.hint}`,
      ),
      '',
    );
  }
  return lines.join('\n');
}

/** A file's size as people read it: bytes, kB or MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1000 * 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / (1000 * 1000)).toFixed(1)} MB`;
}
