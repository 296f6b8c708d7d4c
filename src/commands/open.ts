// Finding, reading and validating the register: the first step of nearly every command.
import { resolve } from 'node:path';
import { isIsoDate, today } from '../domain/dates.js';
import type { Entry, Register, RegisterInput } from '../domain/register.js';
import { validate, type ValidationResult } from '../domain/validate/index.js';
import { UserError } from '../errors.js';
import { findGitDir, identity, isInsideWorkTree, NO_IDENTITY_HINT, onBranch, type Identity } from '../io/git.js';
import type { Env } from '../io/git-run.js';
import { CONFIG_FILE, findRoot, loadRegister } from '../io/register.js';
import { linkedEntries, type Changed } from '../domain/links.js';
import { recoverInterruptedWrite, refuseDuringGitOperation, type FileRead } from '../io/write.js';
import type { Context } from '../context.js';

export interface OpenOptions {
  /** -C: where to look for the register instead of the current folder. */
  readonly dir?: string;
  readonly asOf?: string;
  readonly strict?: boolean;
  readonly compliance?: boolean;
}

export interface OpenRegister {
  readonly root: string;
  readonly asOf: string;
  readonly input: RegisterInput;
  readonly result: ValidationResult;
}

export async function openRegister(opts: OpenOptions, ctx: Context): Promise<OpenRegister> {
  const asOf = asOfDate(opts.asOf, ctx);
  const root = await findRoot(resolve(ctx.cwd, opts.dir ?? '.'));
  await recoverInterruptedWrite(root, ctx.env); // a killed command's half-done write, rolled back or finished
  const input = await loadRegister(root, ctx.env);
  const result = validate(input, { asOf, strict: opts.strict ?? false, compliance: opts.compliance ?? true });
  await input.parseCache.save();
  return { root, asOf, input, result };
}

export function asOfDate(value: string | undefined, ctx: Context): string {
  if (value === undefined) return today(ctx.now);
  if (!isIsoDate(value))
    throw new UserError(`--as-of ${value} is not a date`, 'write it as YYYY-MM-DD, e.g. --as-of 2026-06-30');
  return value;
}

export interface ChangeOptions {
  readonly dir?: string;
  readonly dryRun?: boolean;
  /** Commit the change (default true; never on a dry run). */
  readonly commit?: boolean;
}

export interface OpenForChange {
  readonly root: string;
  readonly input: RegisterInput;
  readonly register: Register;
  readonly commit: boolean;
  /** The person running the command, when cim.yaml knows their git name or email. */
  readonly actor?: string;
  /**
   * What a change to these records is decided on besides themselves: cim.yaml and every record
   * linked to them, each with its text as read, so the write can refuse when one has changed.
   */
  readonly reads: (changed: readonly Changed[]) => FileRead[];
}

/** Opens the register for a command that writes: cim.yaml valid, and git ready to commit. */
export async function openForChange(opts: ChangeOptions, ctx: Context): Promise<OpenForChange> {
  const { root, input, result } = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), compliance: false },
    ctx,
  );
  const register = result.register;
  if (!register) throw invalidConfig(result, 'so no record can be changed');
  const commit = (opts.commit ?? true) && !opts.dryRun;
  const who = commit ? await gitReady(root, ctx.env) : await identity(root, ctx.env);
  const actor = who
    ? register.config.people.find((p) => (who.email && p.email === who.email) || p.name === who.name)?.id
    : undefined;
  const reads = (changed: readonly Changed[]): FileRead[] => [
    { file: CONFIG_FILE, text: input.config?.text ?? null },
    ...linkedEntries(register, changed).map((e) => ({ file: e.file, text: e.text })),
  ];
  return { root, input, register, commit, reads, ...(actor ? { actor } : {}) };
}

/** Everything a commit needs, checked before anything is written. */
async function gitReady(root: string, env: Env): Promise<Identity> {
  if (!(await isInsideWorkTree(root, env))) {
    throw new UserError(
      'the register is not in a git repository, so the change cannot be committed',
      'run `git init` in the register, or use --no-commit',
    );
  }
  const git = await findGitDir(root);
  if (git) await refuseDuringGitOperation(git.gitDir);
  if (!(await onBranch(root, env)))
    throw new UserError(
      'HEAD is detached: a commit here would belong to no branch',
      'check out a branch first: git switch <branch>',
    );
  const who = await identity(root, env);
  if (!who) throw new UserError('git has no identity to commit the change with', NO_IDENTITY_HINT);
  return who;
}

/** The record a command is to change, or why it cannot be: there is none, or it does not validate. */
export function recordToChange(register: Register, id: string, kind?: string): Entry {
  const found = register.byId.get(id);
  if (found) return found;
  if (register.unchecked.has(id))
    throw new UserError(
      `${id} has validation errors and cannot be changed`,
      `run \`cim validate\` and fix ${id} first`,
    );
  throw new UserError(`no record ${id} in this register`, `\`cim list${kind ? ` ${kind}` : ''}\` lists them`);
}

/** cim.yaml does not validate: its first problem, where it is, and how to fix it. */
export function invalidConfig(result: ValidationResult, consequence?: string): UserError {
  const first = result.diagnostics.find((d) => d.file === CONFIG_FILE && d.severity === 'error');
  const where = first ? `: ${first.file}:${first.line}:${first.column} ${first.message}` : '';
  return new UserError(
    `${CONFIG_FILE} is not valid${consequence ? `, ${consequence}` : ''}${where}`,
    first ? `${first.hint}; \`cim validate\` lists every problem` : `run \`cim validate\` and fix ${CONFIG_FILE} first`,
  );
}
