// The entry point: wires commander to the commands, prints their results and owns the exit code.
// Command modules are imported only when their command runs, so `cim --version` stays fast.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, UserError } from '../errors.js';
import { processContext } from '../context.js';
import { oneLine, shown } from './terminal.js';
import { describeFsError } from '../io/fs-errors.js';
import { lastCommit } from '../io/last-commit.js';
import type { GlobalFlags, Printer } from './print.js';
import type { RunState } from './run-state.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(state: RunState = { code: ExitCode.Ok }): Command {
  const program = new Command('cim')
    .description('ISO 27001 continual improvement register: YAML records in git, validated, with enforced lifecycles')
    .version(version, '-V, --version', 'print the version')
    .option('-C <dir>', 'run as if started in <dir> (the register or a folder inside it)')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--no-input', 'never prompt (also when stdin is not a terminal or CI is set)')
    .option('--no-color', 'plain output without colour (also NO_COLOR)')
    .option('-q, --quiet', 'print only results and errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .exitOverride();

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
        const { init } = await import('../commands/init.js');
        const p = await printer(cmd);
        // -C is where cim runs, as for every command: the folder is found from there.
        const result = await init({ ...opts, dir: p.where.dir ? resolve(p.where.dir, dir) : dir }, p.ctx);
        p.result(result, () => {
          const where = result.repository
            ? `, in the git repository at ${result.repository}`
            : result.gitInitialised
              ? ' (new git repository)'
              : '';
          p.info(`Created a cim register in ${result.root}${where}`);
          p.info(
            result.commit
              ? `Committed ${result.files.length} files as ${result.commit.slice(0, 7)}.`
              : 'Files written, not committed.',
          );
          p.info(`Next: edit cim.yaml (people, areas), then run \`cim validate\`.`);
          return '';
        });
      },
    );

  program
    .command('validate')
    .description('check every record: YAML syntax, schemas, register rules and policy compliance')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'gitlab']))
    .option('--strict', 'treat policy-compliance warnings as errors')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option(
      '--base <ref>',
      'also check that every commit since the merge base with <ref> took legal steps (pull requests)',
    )
    .option('--history', 'also check every commit of the register, from the first')
    .action(
      async (
        opts: { format?: string; strict?: boolean; asOf?: string; base?: string; history?: boolean },
        cmd: Command,
      ) => {
        const [{ validateRegister }, { formatReport }, { repoRelative }] = await Promise.all([
          import('../commands/validate.js'),
          import('./report.js'),
          import('../io/paths.js'),
        ]);
        const p = await printer(cmd);
        const { root, asOf, result } = await validateRegister({ ...p.where, ...opts }, p.ctx);
        const format = (opts.format ??
          (p.global.json ? 'json' : p.ctx.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text')) as 'text';
        const toRepo = await repoRelative(root);
        const report = {
          ...result,
          asOf,
          strict: opts.strict ?? false,
          root,
          display: p.display(root),
          repoPath: toRepo,
        };
        p.out(formatReport(format, report, p.color));
        state.code = result.errors > 0 ? ExitCode.Invalid : ExitCode.Ok;
      },
    );

  program
    .command('log')
    .description("a record's history, or the register's changes in a period, from git")
    .argument('[id]', 'record id, e.g. NC-0007')
    .option('--since <date>', 'changes on or after this date')
    .option('--until <date>', 'changes on or before this date')
    .option('--kind <kind>', 'only records of this kind')
    .action(async (id: string | undefined, opts: { since?: string; until?: string; kind?: string }, cmd: Command) => {
      const [{ log }, { formatLog }] = await Promise.all([import('../commands/history.js'), import('./log-format.js')]);
      const p = await printer(cmd);
      const result = await log({ ...p.where, ...opts, ...(id ? { id } : {}) }, p.ctx);
      if (result.shallow)
        p.info(p.color.yellow('This is a shallow clone: older history is missing. Run `git fetch --unshallow`.'));
      p.result(result.entries, () => formatLog(result.entries, p.color, id !== undefined));
      if (result.entries.length === 0) p.info('No changes found.');
    });

  program
    .command('list')
    .description('list records, optionally of one kind, status or owner')
    .argument('[kind]', 'nc, ca, audit, ofi, incident, change, mrt, objective, lrc or exception')
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
        const [{ list }, { table }] = await Promise.all([import('../commands/list.js'), import('./table.js')]);
        const p = await printer(cmd);
        const result = await list({ ...p.where, ...opts, ...(kind ? { kind } : {}) }, p.ctx);
        p.result(result.rows, () =>
          result.rows.length === 0
            ? ''
            : table(
                ['ID', 'STATUS', 'OWNER', 'TITLE'],
                result.rows.map((r) => [r.id, r.status, r.owner, r.title]),
                (i, cell) => (i === 0 ? p.color.bold(cell) : cell),
              ),
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

  program
    .command('show')
    .description('show a record, what refers to it, and its problems')
    .argument('<id>', 'record id, e.g. NC-0007')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .action(async (id: string, opts: { asOf?: string }, cmd: Command) => {
      const { show } = await import('../commands/show.js');
      const p = await printer(cmd);
      const r = await show({ ...p.where, id, ...opts }, p.ctx);
      p.result(r, () => {
        const c = p.color;
        const lines = [
          `${c.bold(r.id)}  ${oneLine(r.title)}`,
          c.dim(`${r.kind} · ${oneLine(r.status)} · ${oneLine(r.file)}`),
          '',
          r.text.trimEnd(),
          '',
        ];
        if (r.referencedBy.length)
          lines.push(c.bold('Referenced by'), ...r.referencedBy.map((b) => `  ${b.id}  (${b.field})`), '');
        if (r.problems.length) {
          const errors = r.problems.some((d) => d.severity === 'error');
          lines.push(
            c.bold(errors ? c.red('Problems') : c.yellow('Problems')),
            ...r.problems.map(
              (d) =>
                `  ${d.line}:${d.column}  ${d.severity === 'error' ? c.red('error') : c.yellow('warning')}  ${c.dim(d.rule)}  ${d.message}\n    ${c.cyan('hint:')} ${d.hint}`,
            ),
            '',
          );
        }
        return lines.join('\n');
      });
    });

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
        const { edit } = await import('../commands/edit.js');
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

  program
    .command('renumber')
    .description('give a record a new id: its file and every reference to it, in one commit')
    .argument('<old>', 'current id, e.g. NC-0042')
    .argument('<new>', 'new id, e.g. NC-0043')
    .option('--dry-run', 'list what would change; write nothing')
    .option('--no-commit', 'write without committing')
    .action(async (from: string, to: string, opts: { dryRun?: boolean; commit: boolean }, cmd: Command) => {
      const { renumber } = await import('../commands/renumber.js');
      const p = await printer(cmd);
      const r = await renumber({ ...p.where, from, to, dryRun: opts.dryRun ?? false, commit: opts.commit }, p.ctx);
      p.result(r, () => r.files.join('\n'));
      p.info(
        `${r.from} → ${r.to}${r.updated.length ? `; references updated in ${r.updated.join(', ')}` : ''}${r.commit ? ` — committed ${r.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
      );
    });

  program
    .command('schema')
    .description('print the JSON Schema of a record kind, or of cim.yaml ("config"); without a kind, list the kinds')
    .argument('[kind]', 'nc, ca, audit, ofi, incident, change, mrt, objective, lrc, exception or config')
    .action(async (kind: string | undefined, _opts: unknown, cmd: Command) => {
      const { schema } = await import('../commands/schema.js');
      const p = await printer(cmd);
      const result = schema(kind);
      if ('schema' in result) {
        p.out(`${JSON.stringify(result.schema, null, 2)}\n`);
        return;
      }
      const { table } = await import('./table.js');
      p.result(result.kinds, () =>
        table(
          ['KIND', 'PREFIX', 'FOLDER', 'STATES'],
          result.kinds.map((k) => [k.name, k.prefix, `${k.folder}/`, k.states.join(' · ')]),
          (i, cell) => (i === 0 ? p.color.bold(cell) : cell),
        ),
      );
    });

  const documentCommand = (name: string, description: string, formats: readonly string[]) =>
    program
      .command(name)
      .description(description)
      .addOption(new Option('--format <format>', 'output format (default md)').choices(formats))
      .option('-o, --output <file>', 'write the document to a file instead of standard output (- for standard output)')
      .option('--as-of <date>', 'the date the document is prepared as of (YYYY-MM-DD; default today)');

  type DocumentFlags = { format?: string; output?: string; asOf?: string };
  /** Prints or writes a document (`-o -` is standard output, as for most tools); --json prints the
   * data it shows. */
  const emit = async (p: Printer, opts: DocumentFlags, doc: { text: string; model: object }) => {
    if (p.global.json && opts.format === undefined) return p.out(`${JSON.stringify(doc.model, null, 2)}\n`);
    if (!opts.output || opts.output === '-') return p.out(doc.text);
    const { writeDocument } = await import('../commands/documents.js');
    await writeDocument(opts.output, doc.text, p.ctx);
    p.info(`Wrote ${opts.output}`);
  };

  documentCommand('policy', 'the Continual Improvement Policy, filled from cim.yaml and the register', [
    'md',
    'html',
    'json',
  ]).action(async (opts: DocumentFlags, cmd: Command) => {
    const { policy } = await import('../commands/documents.js');
    const p = await printer(cmd);
    await emit(p, opts, await policy({ ...p.where, ...opts }, p.ctx));
  });

  documentCommand(
    'agenda',
    'the agenda of a management review: every clause 9.3.2 input, filled since the previous review',
    ['md', 'html', 'json'],
  )
    .argument('<mrt>', 'the management review, e.g. MRT-0004')
    .action(async (id: string, opts: DocumentFlags, cmd: Command) => {
      const { agenda } = await import('../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await agenda({ ...p.where, ...opts, id }, p.ctx));
    });

  documentCommand(
    'programme',
    'the audit programme of a year: its audits, and coverage of clauses and controls over the cycle',
    ['md', 'html', 'json'],
  )
    .argument('<year>', 'the year, e.g. 2027')
    .action(async (year: string, opts: DocumentFlags, cmd: Command) => {
      const { programme } = await import('../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await programme({ ...p.where, ...opts, year }, p.ctx));
    });

  const exporting = program.command('export').description('export a register log');
  exporting
    .command('log')
    .description('the incident and corrective action log: NCs with their CAs, and incidents')
    .addOption(new Option('--format <format>', 'output format (default md)').choices(['md', 'html', 'csv', 'json']))
    .option('-o, --output <file>', 'write the log to a file instead of standard output (- for standard output)')
    .option('--as-of <date>', 'the date overdue items are judged at (YYYY-MM-DD; default today)')
    .action(async (opts: DocumentFlags, cmd: Command) => {
      const { exportLog } = await import('../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await exportLog({ ...p.where, ...opts }, p.ctx));
    });

  program
    .command('status')
    .description('what needs attention: overdue and due-soon items by owner, policy compliance, counts, what is next')
    .option('--as-of <date>', 'judge deadlines as of this date (YYYY-MM-DD; default today)')
    .option('--days <n>', 'how far ahead "due soon" looks', '14')
    .action(async (opts: { asOf?: string; days: string }, cmd: Command) => {
      const [{ status }, { formatStatus }] = await Promise.all([
        import('../commands/status.js'),
        import('./status-format.js'),
      ]);
      const p = await printer(cmd);
      const result = await status({ ...p.where, ...opts }, p.ctx);
      p.result(result, () => formatStatus(result, p.color));
    });

  for (const [name, title] of KIND_COMMANDS) {
    program
      .command(name)
      .description(`${title}: cim ${name} <verb> [ID] [--field value …] (cim ${name} --help lists the verbs)`)
      .argument('[verb]')
      .argument('[args...]')
      .allowUnknownOption()
      .allowExcessArguments()
      .helpOption(false)
      .action(async (_verb: string | undefined, _args: string[], _opts: unknown, cmd: Command) => {
        const { kindProgram } = await import('./kind-commands.js');
        const p = await printer(cmd);
        const sub = kindProgram(name, p, state);
        await sub.parseAsync(cmd.args, { from: 'user' });
      });
  }

  return program;
}

/** Kind command names, listed here so that `cim --help` needs no schema code; a test keeps it in
 * step with the kind tables. */
export const KIND_COMMANDS: readonly (readonly [string, string])[] = [
  ['nc', 'Nonconformities'],
  ['ca', 'Corrective actions'],
  ['audit', 'Audits'],
  ['ofi', 'Opportunities for improvement'],
  ['incident', 'Incidents'],
  ['change', 'Changes'],
  ['mrt', 'Management reviews'],
  ['objective', 'Objectives'],
  ['lrc', 'Legal, regulatory and standards changes'],
  ['exception', 'Policy exceptions'],
];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function printer(cmd: Command): Promise<Printer> {
  const { makePrinter } = await import('./print.js');
  return makePrinter(cmd.optsWithGlobals<GlobalFlags>(), processContext());
}

/** Runs the CLI and returns the exit code; only bin/cim calls process.exit. */
export async function run(argv: readonly string[]): Promise<number> {
  const state: RunState = { code: ExitCode.Ok };
  guardOutput();
  const program = buildProgram(state);
  program.configureOutput({
    writeOut: (s) => process.stdout.write(shown(s)),
    writeErr: (s) => process.stderr.write(shown(s)),
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (e) {
    return handleError(e);
  }
}

/**
 * Output that cannot be written: a reader that went away (`cim log | head`) ends cim quietly, as it
 * ends any Unix tool; a full disk or a closed descriptor is said on stderr, if stderr still works.
 */
function guardOutput(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.Ok);
    const { text, code } = unprintable(e, lastCommit());
    try {
      process.stderr.write(text);
    } catch {
      // stderr is gone too: the exit status is all that is left to tell.
    }
    process.exit(code);
  });
  process.stderr.on('error', () => process.exit(process.exitCode ?? ExitCode.Usage));
}

/** What to say when standard output fails: whether the change was made, and the status to exit with. */
export function unprintable(e: NodeJS.ErrnoException, commit: string | undefined): { text: string; code: number } {
  const why = (describeFsError(e) ?? e.message).replace(/^cannot write[^:]*: /, '');
  if (commit === undefined) return { text: `cim: cannot print the output: ${why}\n`, code: ExitCode.Usage };
  const sha = commit.slice(0, 7);
  return {
    text: `cim: the change was made and committed as ${sha}, but its output cannot be printed: ${why}\n  hint: do not run the command again: \`git show ${sha}\` shows what it did\n`,
    code: ExitCode.DoneUnprinted,
  };
}

function handleError(e: unknown): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  if (e instanceof UserError) {
    process.stderr.write(shown(`cim: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`));
    return e.exitCode;
  }
  // Ctrl+C at a prompt: the person chose to stop; nothing has been written yet.
  if (e instanceof Error && e.name === 'ExitPromptError') return ExitCode.Interrupted;
  // The machine's trouble, not cim's: a full disk, a read-only folder, a missing permission.
  const fs = describeFsError(e);
  if (fs) {
    process.stderr.write(
      shown(`cim: ${fs}\n  hint: free the space or fix the permission, then run the command again\n`),
    );
    return ExitCode.Usage;
  }
  const detail = e instanceof Error ? (process.env.CIM_DEBUG ? e.stack : e.message) : String(e);
  process.stderr.write(
    shown(
      `cim: internal error: ${detail}\n  This is a bug in cim. Please report it with the command you ran (set CIM_DEBUG=1 for details).\n`,
    ),
  );
  return ExitCode.Internal;
}
