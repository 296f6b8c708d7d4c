// `cim remind`: per person, what is overdue and what falls due soon, as text, Markdown, JSON or a
// calendar feed.
import { Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import { printer } from './printer.js';

export const REMIND_FORMATS = ['text', 'markdown', 'json', 'ics'] as const;

export function addRemind(program: Command): void {
  program
    .command('remind')
    .description('per person: what is overdue and what falls due soon, each with the command that moves it on')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option('--days <n>', 'how far ahead "due soon" looks (default 14; ics without it: every date ahead)')
    .option('--person <person>', 'only this person (their id or name)')
    .addOption(new Option('--format <format>', 'output format (--json is json)').choices(REMIND_FORMATS))
    .addHelpText(
      'after',
      '\nA report, not a check: it exits 0 even when items are overdue, and 2 when the register cannot be read.\n' +
        'json lists every person, with empty lists for those with nothing due; text and markdown leave them out.\n' +
        'ics is a calendar feed to subscribe to: one all-day event per item on its due date (every date ahead\n' +
        'unless --days is given), each with a UID that stays the same from run to run.',
    )
    .action(
      async (
        opts: { asOf?: string; days?: string; person?: string; format?: (typeof REMIND_FORMATS)[number] },
        cmd: Command,
      ) => {
        const [{ remind }, p] = await Promise.all([import('../../commands/remind.js'), printer(cmd)]);
        if (p.global.json && opts.format !== undefined && opts.format !== 'json')
          throw new UserError(`--json and --format ${opts.format} ask for two formats`, 'give one of them');
        const format = p.global.json ? 'json' : (opts.format ?? 'text');
        const all = format === 'ics' && opts.days === undefined;
        const { asOf, days, person } = opts;
        const asked = { ...(asOf ? { asOf } : {}), ...(days ? { days } : {}), ...(person ? { person } : {}) };
        const result = await remind({ ...p.where, ...asked, ...(all ? { all } : {}) }, p.ctx);
        if (result.errors > 0)
          p.info(
            p.color.yellow(
              `The register has ${result.errors} validation error${result.errors === 1 ? '' : 's'}, so a record may be missing here; run \`cim validate\`.`,
            ),
          );
        if (format === 'json') return p.out(`${JSON.stringify(result, null, 2)}\n`);
        if (format === 'ics') return p.out((await import('../remind-ics.js')).formatRemindIcs(result));
        const { formatRemindMarkdown, formatRemindText } = await import('../remind-format.js');
        p.out(format === 'markdown' ? formatRemindMarkdown(result) : formatRemindText(result, p.color));
      },
    );
}
