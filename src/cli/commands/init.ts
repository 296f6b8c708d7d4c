// `cim init`: a new register, and what to do next.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { InitResult } from '../../commands/init.js';
import { printer } from './printer.js';

export function addInit(program: Command): void {
  program
    .command('init')
    .description('create a register: cim.yaml, folders, editor schemas, and the first commit')
    .argument('[dir]', 'folder to create it in', '.')
    .option('--organisation <name>', 'organisation name (default: the folder name)')
    .option('--name <name>', 'the first person (default: your git user.name)')
    .option('--email <email>', 'their email (default: your git user.email)')
    .option('--no-commit', 'write the files without committing them')
    .action(
      async (
        dir: string,
        opts: { organisation?: string; name?: string; email?: string; commit: boolean },
        cmd: Command,
      ) => {
        const { init } = await import('../../commands/init.js');
        const p = await printer(cmd);
        // -C is where cim runs, as for every command: the folder is found from there.
        const result = await init({ ...opts, dir: p.where.dir ? resolve(p.where.dir, dir) : dir }, p.ctx);
        p.result(result, () => {
          for (const line of initialised(result)) p.info(line);
          return '';
        });
      },
    );
}

/** What init says on stderr: where the register is, what was committed, what to do next. */
function initialised(result: InitResult): string[] {
  const where = result.repository
    ? `, in the git repository at ${result.repository}`
    : result.gitInitialised
      ? ' (new git repository)'
      : '';
  return [
    `Created a cim register in ${result.root}${where}`,
    result.commit
      ? `Committed ${result.files.length} files as ${result.commit.slice(0, 7)}.`
      : 'Files written, not committed.',
    `Next: edit cim.yaml (people, areas), then run \`cim validate\`.`,
  ];
}
