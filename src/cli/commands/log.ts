// `cim log`: a record's history, or the register's changes in a period.
import type { Command } from 'commander';
import { printer } from './printer.js';

export function addLog(program: Command): void {
  program
    .command('log')
    .description("a record's history, or the register's changes in a period, from git")
    .argument('[id]', 'record id, e.g. NC-0007')
    .option('--since <date>', 'changes on or after this date')
    .option('--until <date>', 'changes on or before this date')
    .option('--kind <kind>', 'only records of this kind')
    .action(async (id: string | undefined, opts: { since?: string; until?: string; kind?: string }, cmd: Command) => {
      const [{ log }, { formatLog }] = await Promise.all([
        import('../../commands/history.js'),
        import('../log-format.js'),
      ]);
      const p = await printer(cmd);
      const result = await log({ ...p.where, ...opts, ...(id ? { id } : {}) }, p.ctx);
      if (result.shallow)
        p.info(p.color.yellow('This is a shallow clone: older history is missing. Run `git fetch --unshallow`.'));
      p.result(result.entries, () => formatLog(result.entries, p.color, id !== undefined));
      if (result.entries.length === 0) p.info('No changes found.');
    });
}
