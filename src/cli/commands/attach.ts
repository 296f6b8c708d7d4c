// `cim attach`: evidence files copied into the register and recorded on a record by hash.
import type { Command } from 'commander';
import { printer } from './printer.js';

export function addAttach(program: Command): void {
  program
    .command('attach')
    .description('copy evidence files into evidence/<ID>/ and record them on the record, held by hash')
    .argument('<id>', 'the record, e.g. CA-0003')
    .argument('<files...>', 'the files to attach')
    .option('--note <text>', 'what the files show')
    .option('--by <person>', 'who attaches them, when your git identity matches nobody in cim.yaml')
    .option('--dry-run', 'check the files; write nothing')
    .option('--no-commit', 'write without committing')
    .action(
      async (
        id: string,
        files: string[],
        opts: { note?: string; by?: string; dryRun?: boolean; commit?: boolean },
        cmd: Command,
      ) => {
        const [{ attach }, { formatSize }] = await Promise.all([
          import('../../commands/attach.js'),
          import('./show.js'),
        ]);
        const p = await printer(cmd);
        const result = await attach(
          {
            ...p.where,
            id,
            files,
            ...(opts.note !== undefined ? { note: opts.note } : {}),
            ...(opts.by !== undefined ? { by: opts.by } : {}),
            dryRun: opts.dryRun === true,
            commit: opts.commit !== false,
          },
          p.ctx,
        );
        p.result(result, () =>
          result.attached.map((a) => `${a.file}  ${formatSize(a.size)}  sha256 ${a.sha256.slice(0, 12)}`).join('\n'),
        );
        p.info(
          `${result.id}: ${result.attached.length} file${result.attached.length === 1 ? '' : 's'} attached${result.commit ? ` — committed ${result.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
        );
      },
    );
}
