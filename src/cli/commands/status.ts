// `cim status`: what needs attention, as of a date.
import type { Command } from 'commander';
import { printer } from './printer.js';

export function addStatus(program: Command): void {
  program
    .command('status')
    .description('what needs attention: overdue and due-soon items by owner, policy compliance, counts, what is next')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option('--days <n>', 'how far ahead "due soon" looks', '14')
    .action(async (opts: { asOf?: string; days: string }, cmd: Command) => {
      const [{ status }, { formatStatus }] = await Promise.all([
        import('../../commands/status.js'),
        import('../status-format.js'),
      ]);
      const p = await printer(cmd);
      const result = await status({ ...p.where, ...opts }, p.ctx);
      p.result(result, () => formatStatus(result, p.color));
    });
}
