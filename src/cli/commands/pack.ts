// `cim pack -o DIR`: the evidence pack for an auditor; `cim pack verify DIR`: whether it is intact.
import type { Command } from 'commander';
import type { VerifyResult } from '../../commands/pack.js';
import { ExitCode, UserError } from '../../errors.js';
import type { RunState } from '../run-state.js';
import { printer } from './printer.js';

export function addPack(program: Command, state: RunState): void {
  const packing = program
    .command('pack')
    .description(
      'the evidence pack: a static site of the records, their history and evidence, the documents and the validation report',
    )
    .option('-o, --output <dir>', 'the folder to write the pack to (new, empty, or an earlier pack)')
    .option(
      '--as-of <date>',
      'the date the pack is prepared as of (YYYY-MM-DD; default the day of SOURCE_DATE_EPOCH, or today)',
    )
    .action(async (opts: { output?: string; asOf?: string }, cmd: Command) => {
      const { pack } = await import('../../commands/pack.js');
      // Not a required option to commander, which would then ask it of `cim pack verify` too.
      if (opts.output === undefined)
        throw new UserError('cim pack needs the folder to write the pack to', 'give it with -o, e.g. cim pack -o pack');
      const p = await printer(cmd);
      const result = await pack({ ...p.where, ...opts, output: opts.output }, p.ctx);
      p.result(result, () => `${result.dir}\n`);
      p.info(
        `Wrote the evidence pack (${result.files} files and their manifest, commit ${result.commit.slice(0, 7)}, as of ${result.asOf})`,
      );
    });
  packing
    .command('verify')
    .description('check an evidence pack against its manifest: every file changed, added or missing')
    .argument('<dir>', 'the folder of the pack')
    .action(async (dir: string, _opts: object, cmd: Command) => {
      const { verifyPack } = await import('../../commands/pack.js');
      const p = await printer(cmd);
      const result = await verifyPack({ pack: dir }, p.ctx);
      p.result(result, () => formatVerify(dir, result));
      state.code = result.intact ? ExitCode.Ok : ExitCode.Invalid;
    });
}

/** One line when intact, else one line per file that differs. */
function formatVerify(dir: string, r: VerifyResult): string {
  const from = `commit ${r.commit.slice(0, 7)}, as of ${r.asOf}`;
  if (r.intact) return `${dir}: intact (${r.files} files, ${from})\n`;
  const lines = [
    ...r.changed.map((f) => `changed: ${f}`),
    ...r.added.map((f) => `added: ${f}`),
    ...r.missing.map((f) => `missing: ${f}`),
  ];
  const n = lines.length;
  return `${dir}: not intact, ${n} file${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''} from its manifest (${from})\n${lines.map((l) => `  ${l}\n`).join('')}`;
}
