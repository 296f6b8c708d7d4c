// The entry point: builds the command line from the modules of the command families, and owns
// the exit code. Command modules are imported only when their command runs, so `cim --version`
// stays fast.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../errors.js';
import { shown } from './terminal.js';
import { describeFsError } from '../io/fs-errors.js';
import { lastCommit } from '../io/last-commit.js';
import { addAttach } from './commands/attach.js';
import { addCompletion } from './commands/completion.js';
import { addDocuments, addExport } from './commands/documents.js';
import { addEdit, addRenumber } from './commands/edit.js';
import { addImport } from './commands/import.js';
import { addInit } from './commands/init.js';
import { addKindCommands } from './commands/kinds.js';
import { addList } from './commands/list.js';
import { addPack } from './commands/pack.js';
import { addLog } from './commands/log.js';
import { addRemind } from './commands/remind.js';
import { addSchema } from './commands/schema.js';
import { addShow } from './commands/show.js';
import { addStatus } from './commands/status.js';
import { addValidate } from './commands/validate.js';
import type { KindCommand } from './kind-names.js';
import type { RunState } from './run-state.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The whole command line: global options, then each command family, then one command per kind. */
export function buildProgram(kinds: readonly KindCommand[], state: RunState = { code: ExitCode.Ok }): Command {
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
  addInit(program);
  addValidate(program, state);
  addLog(program);
  addList(program, kinds);
  addShow(program);
  addEdit(program);
  addRenumber(program);
  addAttach(program);
  addImport(program, kinds);
  addSchema(program, kinds);
  addDocuments(program);
  addExport(program);
  addStatus(program, state);
  addRemind(program);
  addPack(program, state);
  addCompletion(program);
  addKindCommands(program, kinds, state);
  return program;
}

/**
 * The kind commands, from the kind declarations. `cim --version` is answered at its first argument,
 * before any command is looked at, so it does without them and the schemas they load: it stays
 * about as quick as starting Node.
 */
async function kindCommandsFor(argv: readonly string[]): Promise<readonly KindCommand[]> {
  if (argv[0] === '-V' || argv[0] === '--version') return [];
  return (await import('./kind-names.js')).KIND_COMMANDS;
}

/** Runs the CLI and returns the exit code; only bin/cim calls process.exit. */
export async function run(argv: readonly string[]): Promise<number> {
  const state: RunState = { code: ExitCode.Ok };
  guardOutput();
  try {
    const program = buildProgram(await kindCommandsFor(argv), state);
    program.configureOutput({
      writeOut: (s) => process.stdout.write(shown(s)),
      writeErr: (s) => process.stderr.write(shown(s)),
    });
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
