// `cim import`: records from a spreadsheet's CSV export, all in one commit or none.
import type { Command } from 'commander';
import { Option } from 'commander';
import { DATE_FORMATS } from '../../domain/date-formats.js';
import type { KindCommand } from '../kind-names.js';
import { UserError } from '../../errors.js';
import { printer } from './printer.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addImport(program: Command, kinds: readonly KindCommand[]): void {
  const names = kinds.map(([name]) => name);
  program
    .command('import')
    .description('create records from a CSV file, all of them in one commit or none')
    .argument('[kind]', `the kind of record each row becomes (${names.join(', ')})`)
    .requiredOption(
      '--from <file>',
      'the CSV file (header row first; comma or semicolon; UTF-8); repeat as KIND=FILE to import several kinds together',
      collect,
    )
    .option(
      '--map <Column=field,…>',
      'name the field a column fills, or Column=- to leave it out (repeatable)',
      collect,
    )
    .option(
      '--migrate',
      'import records as they stand elsewhere: a status column, the fields of later steps, and imported: {from, on, by}',
    )
    .addOption(
      new Option('--date-format <format>', 'how the file writes dates other than YYYY-MM-DD').choices([
        ...DATE_FORMATS,
      ]),
    )
    .option('--by <person>', 'who imports, when your git identity matches nobody in cim.yaml (recorded with --migrate)')
    .option('--dry-run', 'check every row and show the records it would create; write nothing')
    .option('--no-commit', 'write without committing')
    .addHelpText(
      'after',
      `
Columns are matched to the creating step's flags by name, whatever the case and whether words are
joined by spaces, _ or - ("Close by", close_by, CLOSE-BY all name --close-by), or by --map. With
--migrate the fields of later steps are columns too, by their dotted names (correction.action,
analysis.root_cause), as are status and created. An id column (e.g. NC-0012, free) gives a row its
id, so rows of several files can name each other; other rows get the next free ids in row order.
A list cell (areas, clauses) holds its items separated by ; , or line breaks. Dates are
YYYY-MM-DD unless --date-format says otherwise: 03/04/2026 is never guessed. Empty rows are
skipped. Every row is checked, and the register with all of them, before anything is written;
a problem is reported as FILE:ROW, ROW being the spreadsheet's row (the header is row 1; a cell
with line breaks is one row).

Examples:
  cim import nc --from nonconformities.csv --dry-run
  cim import nc --from ncs.csv --map "Reported=raised_on,Comments=-"
  cim import --migrate --from nc=ncs.csv --from ca=actions.csv`,
    )
    .action(
      async (
        kind: string | undefined,
        opts: {
          from: string[];
          map?: string[];
          migrate?: boolean;
          dateFormat?: string;
          by?: string;
          dryRun?: boolean;
          commit?: boolean;
        },
        cmd: Command,
      ) => {
        const { importRecords } = await import('../../commands/import.js');
        const p = await printer(cmd);
        const sources = opts.from.map((from) => source(names, kind, from));
        const result = await importRecords(
          {
            ...p.where,
            sources,
            map: opts.map ?? [],
            migrate: opts.migrate === true,
            ...(opts.dateFormat ? { dateFormat: opts.dateFormat as (typeof DATE_FORMATS)[number] } : {}),
            ...(opts.by !== undefined ? { by: opts.by } : {}),
            dryRun: opts.dryRun === true,
            commit: opts.commit !== false,
          },
          p.ctx,
        );
        p.result(result, () => result.records.map((r) => `${r.id}  ${r.status}  ${r.title}  (${r.row})`).join('\n'));
        const n = result.records.length;
        p.info(
          `${n} record${n === 1 ? '' : 's'} ${result.written ? 'imported' : 'would be imported'}${result.commit ? ` — committed ${result.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
        );
      },
    );
}

/** `--from FILE` for the kind given, or `--from KIND=FILE`. */
function source(names: readonly string[], kind: string | undefined, from: string): { kind: string; file: string } {
  const pair = /^([a-z]+)=(.+)$/.exec(from);
  if (pair && names.includes(pair[1]!)) return { kind: pair[1]!, file: pair[2]! };
  if (kind === undefined)
    throw new UserError(
      `--from ${from} names no kind`,
      'give the kind first (cim import nc --from FILE) or --from nc=FILE',
    );
  if (!names.includes(kind)) throw new UserError(`no kind "${kind}"`, `use one of: ${names.join(', ')}`);
  return { kind, file: from };
}
