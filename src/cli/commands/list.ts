// `cim list`: records as a table, filtered by kind, status, owner or deadline.
import type { Command } from 'commander';
import type { ListRow } from '../../commands/list.js';
import type { KindCommand } from '../kind-names.js';
import { type Column, columns } from '../table.js';
import { namesOf } from './kinds.js';
import { printer } from './printer.js';

const COLUMNS: readonly Column<ListRow>[] = [
  ['ID', (r) => r.id],
  ['STATUS', (r) => r.status],
  ['OWNER', (r) => r.owner],
  ['TITLE', (r) => r.title],
];

export function addList(program: Command, kinds: readonly KindCommand[]): void {
  program
    .command('list')
    .description('list records, optionally of one kind, status or owner')
    .argument('[kind]', namesOf(kinds))
    .option('--status <status>', 'only records in this state')
    .option('--owner <person>', 'only records owned by this person')
    .option('--overdue', 'only records with a deadline that has passed (`cim status` says which)')
    .option('--as-of <date>', 'judge --overdue as of this date (YYYY-MM-DD; default today)')
    .action(
      async (
        kind: string | undefined,
        opts: { status?: string; owner?: string; overdue?: boolean; asOf?: string },
        cmd: Command,
      ) => {
        const { list } = await import('../../commands/list.js');
        const p = await printer(cmd);
        const result = await list({ ...p.where, ...opts, ...(kind ? { kind } : {}) }, p.ctx);
        p.result(result.rows, () =>
          result.rows.length === 0
            ? ''
            : columns(COLUMNS, result.rows, (i, cell) => (i === 0 ? p.color.bold(cell) : cell)),
        );
        if (result.rows.length === 0) p.info('No records match.');
        if (result.errors > 0)
          p.info(
            p.color.yellow(
              `The register has ${result.errors} validation error${result.errors === 1 ? '' : 's'}; run \`cim validate\`.`,
            ),
          );
      },
    );
}
