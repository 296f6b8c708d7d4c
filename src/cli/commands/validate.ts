// `cim validate`: the register checked, reported for people, programs or CI; the exit code says
// whether it is valid.
import { type Command, Option } from 'commander';
import { ExitCode } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../reports/formats.js';
import type { RunState } from '../run-state.js';
import { printer } from './printer.js';

type ValidateFlags = {
  format?: string;
  strict?: boolean;
  asOf?: string;
  base?: string;
  history?: boolean;
  docs?: boolean;
};

export function addValidate(program: Command, state: RunState): void {
  program
    .command('validate')
    .description('check every record: YAML syntax, schemas, register rules and policy compliance')
    .addOption(
      new Option(
        '--format <format>',
        'output format: github annotations, gitlab code quality, junit test report, sarif code scanning, markdown job summary',
      ).choices(REPORT_FORMATS),
    )
    .option('--strict', 'treat policy-compliance warnings as errors')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option(
      '--base <ref>',
      'also check that every commit since the merge base with <ref> took legal steps (pull requests)',
    )
    .option('--history', 'also check every commit of the register, from the first')
    .option(
      '--docs',
      'also check that the documents in docs/ are what cim generates now, each as of the date it states',
    )
    .action(async (opts: ValidateFlags, cmd: Command) => {
      const [{ validateRegister }, { formatReport }, { repoRelative }, { CONFIG_FILE }] = await Promise.all([
        import('../../commands/validate.js'),
        import('../report.js'),
        import('../../io/paths.js'),
        import('../../io/register.js'),
      ]);
      const p = await printer(cmd);
      const { root, asOf, result, input } = await validateRegister({ ...p.where, ...opts }, p.ctx);
      const format = (opts.format ??
        (p.global.json ? 'json' : p.ctx.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text')) as ReportFormat;
      const toRepo = await repoRelative(root);
      const report = {
        ...result,
        asOf,
        strict: opts.strict ?? false,
        root,
        display: p.display(root),
        repoPath: toRepo,
        ...versionOf(cmd),
        checked: {
          files: [
            ...(input.config ? [{ file: CONFIG_FILE }] : []),
            ...input.files.map((f) => ({ file: f.file, kind: f.kind.name })),
          ],
          docs: opts.docs ?? false,
          history: opts.base !== undefined || (opts.history ?? false),
        },
      };
      p.out(formatReport(format, report, p.color));
      state.code = result.errors > 0 ? ExitCode.Invalid : ExitCode.Ok;
    });
}

/** cim's version as the program declares it (`cim --version`), for reports that name their tool. */
function versionOf(cmd: Command): { version?: string } {
  const version = cmd.parent?.version();
  return version === undefined ? {} : { version };
}
