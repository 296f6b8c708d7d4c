// `cim status`: what needs attention, as of a date; with --all, one line per client register.
import type { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import type { RunState } from '../run-state.js';
import { printer } from './printer.js';

type StatusFlags = { asOf?: string; days: string; all?: boolean };

export function addStatus(program: Command, state: RunState): void {
  program
    .command('status')
    .description('what needs attention: overdue and due-soon items by owner, policy compliance, counts, what is next')
    .argument('[dirs...]', 'with --all: the registers, or folders holding them (default: the current folder)')
    .option('--all', 'one line per register: organisation, records, overdue, next review and audit, validity')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option('--days <n>', 'how far ahead "due soon" looks', '14')
    .action(async (dirs: string[], opts: StatusFlags, cmd: Command) => {
      if (opts.all) return portfolioAction(dirs, opts, cmd, state);
      if (dirs.length)
        throw new UserError(
          `cim status takes no folder (got ${dirs[0]})`,
          'pass -C <dir> for one register, or --all <dir>… for several',
          ExitCode.Usage,
        );
      const [{ status }, { formatStatus }] = await Promise.all([
        import('../../commands/status.js'),
        import('../status-format.js'),
      ]);
      const p = await printer(cmd);
      const result = await status({ ...p.where, ...opts }, p.ctx);
      p.result(result, () => formatStatus(result, p.color));
    });
  program
    .command('portfolio')
    .description('one line per client register (the same as `cim status --all`)')
    .argument('[dirs...]', 'the registers, or folders holding them (default: the current folder)')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option('--days <n>', 'how far ahead "due soon" looks', '14')
    .action((dirs: string[], opts: StatusFlags, cmd: Command) => portfolioAction(dirs, opts, cmd, state));
}

async function portfolioAction(dirs: string[], opts: StatusFlags, cmd: Command, state: RunState): Promise<void> {
  const [{ portfolio }, { formatPortfolio }] = await Promise.all([
    import('../../commands/portfolio.js'),
    import('../portfolio-format.js'),
  ]);
  const p = await printer(cmd);
  const from = dirs.length ? dirs : [p.where.dir ?? '.'];
  const result = await portfolio(from, opts, p.ctx);
  // Relative to where the user stands when the register is below it, else the whole path.
  const display = (root: string) => {
    const rel = p.display(p.ctx.cwd)(root);
    return rel === '' ? '.' : rel.startsWith('..') ? root : rel;
  };
  p.result({ ...result, registers: result.registers.map((l) => ({ ...l, root: display(l.root) })) }, () =>
    formatPortfolio(result, p.color, display),
  );
  // A folder that is not a register is the caller's mistake, said in its line and in the exit code.
  if (result.registers.some((l) => l.problem)) state.code = ExitCode.Usage;
}
