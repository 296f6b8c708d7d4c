// `cim edit` and `cim renumber`: the changes to a record that are no lifecycle step.
import type { Command } from 'commander';
import { printer } from './printer.js';

export function addEdit(program: Command): void {
  program
    .command('edit')
    .description('change fields no lifecycle step controls (title, owner, agreed deadlines…), validated and committed')
    .argument('<id>', 'record id, e.g. NC-0007')
    .option(
      '--set <path=value>',
      'set a field; repeat for several (values read as YAML: [a, b] is a list)',
      collect,
      [],
    )
    .option('--unset <path>', 'remove an optional field; repeatable', collect, [])
    .option('--dry-run', 'show the resulting record; write nothing')
    .option('--no-commit', 'write without committing')
    .action(
      async (id: string, opts: { set: string[]; unset: string[]; dryRun?: boolean; commit: boolean }, cmd: Command) => {
        const { edit } = await import('../../commands/edit.js');
        const p = await printer(cmd);
        const r = await edit(
          { ...p.where, id, set: opts.set, unset: opts.unset, dryRun: opts.dryRun ?? false, commit: opts.commit },
          p.ctx,
        );
        p.result(r.data, () => (opts.dryRun ? r.text : r.id));
        p.info(
          `${r.id}: edited ${r.fields.join(', ')}${r.commit ? ` — committed ${r.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ' — written, not committed'}`,
        );
      },
    );
}

export function addRenumber(program: Command): void {
  program
    .command('renumber')
    .description('give a record a new id: its file and every reference to it, in one commit')
    .argument('<old>', 'current id, e.g. NC-0042')
    .argument('<new>', 'new id, e.g. NC-0043')
    .option('--dry-run', 'list what would change; write nothing')
    .option('--no-commit', 'write without committing')
    .action(async (from: string, to: string, opts: { dryRun?: boolean; commit: boolean }, cmd: Command) => {
      const { renumber } = await import('../../commands/renumber.js');
      const p = await printer(cmd);
      const r = await renumber({ ...p.where, from, to, dryRun: opts.dryRun ?? false, commit: opts.commit }, p.ctx);
      p.result(r, () => r.files.join('\n'));
      p.info(
        `${r.from} → ${r.to}${r.updated.length ? `; references updated in ${r.updated.join(', ')}` : ''}${r.commit ? ` — committed ${r.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
      );
    });
}

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
