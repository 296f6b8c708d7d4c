// `cim schema`: the JSON Schema of a kind or of cim.yaml, or the table of kinds.
import type { Command } from 'commander';
import type { SchemaResult } from '../../commands/schema.js';
import type { KindCommand } from '../kind-names.js';
import { type Column, columns } from '../table.js';
import { namesOf } from './kinds.js';
import { printer } from './printer.js';

type KindRow = Extract<SchemaResult, { kinds: unknown }>['kinds'][number];

const COLUMNS: readonly Column<KindRow>[] = [
  ['KIND', (k) => k.name],
  ['PREFIX', (k) => k.prefix],
  ['FOLDER', (k) => `${k.folder}/`],
  ['STATES', (k) => k.states.join(' · ')],
];

export function addSchema(program: Command, kinds: readonly KindCommand[]): void {
  program
    .command('schema')
    .description('print the JSON Schema of a record kind, or of cim.yaml ("config"); without a kind, list the kinds')
    .argument('[kind]', namesOf(kinds, 'config'))
    .action(async (kind: string | undefined, _opts: unknown, cmd: Command) => {
      const { schema } = await import('../../commands/schema.js');
      const p = await printer(cmd);
      const result = schema(kind);
      if ('schema' in result) {
        p.out(`${JSON.stringify(result.schema, null, 2)}\n`);
        return;
      }
      p.result(result.kinds, () => columns(COLUMNS, result.kinds, (i, cell) => (i === 0 ? p.color.bold(cell) : cell)));
    });
}
