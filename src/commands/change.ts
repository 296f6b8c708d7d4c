// Every change to the register goes the same way: open it for a change, let the command make its
// change to the records, judge the register after it by the rules, and then (unless it is a dry
// run) write the files and commit them with one message. A command supplies only its change.
import { CLOCK_VARIABLE, type Context } from '../context.js';
import { today } from '../domain/dates.js';
import { newErrors } from '../domain/engine.js';
import type { FieldDiagnostic } from '../domain/diagnostics.js';
import type { Kind } from '../domain/kind.js';
import type { Changed } from '../domain/links.js';
import type { Register } from '../domain/register.js';
import { checkSchema } from '../domain/validate/schema.js';
import { ExitCode, UserError } from '../errors.js';
import { FileExistsError, writeAndCommit, type FileCopy, type FileWrite } from '../io/write.js';
import { openForChange, type ChangeOptions, type OpenForChange } from './open.js';

/** What a commit says of a change: `kind(ID): verb — title`, then its Cim-* trailers. */
export interface CommitSubject {
  /** The kind of the record the change is named after, and its id. */
  readonly kind: string;
  readonly id: string;
  /** What was done, as the subject says it: `close`, `edit owner`, `renumber from NC-0001`. */
  readonly verb: string;
  readonly title: string;
  /** `Cim-Record`: the ids of the records written, the one the change is named after first. */
  readonly records: readonly string[];
  /** `Cim-Action`: the step or command. */
  readonly action: string;
  /** The trailers after those two (`From`, `To`, `Fields`…); one left undefined is left out. */
  readonly trailers?: Readonly<Record<string, string | undefined>>;
}

/** A command's change to the register, made on the register as opened. */
export interface Mutation<R> {
  /** The files to write, each with the text it was computed from. */
  readonly writes: readonly FileWrite[];
  /** Files copied in byte for byte with them (evidence), each a new file. */
  readonly copies?: readonly FileCopy[];
  /**
   * The records the change writes, as they were and as they will be: what else it is decided on
   * (cim.yaml, the records they link to) is read from these.
   */
  readonly changed: readonly Changed[];
  /**
   * The register after the change, for the rules to judge, and how a refusal begins ("cannot edit
   * NC-0001"). Absent when the change was judged as it was made (the engine judges a step).
   */
  readonly judge?: { readonly after: Register; readonly refusal: string };
  readonly commit: CommitSubject;
  /** What the command returns, written or not. */
  readonly result: R;
  /**
   * The same change made anew, for when a file it creates turns out to exist: another command
   * took the id chosen in the moment before this one wrote, and the next free one is taken.
   */
  readonly again?: () => Promise<Mutation<R>>;
}

export interface Applied<R> {
  readonly result: R;
  /** False on a dry run. */
  readonly written: boolean;
  /** The commit made, when the change was committed. */
  readonly commit?: string;
}

/** How many times a change is made anew when the id it chose is taken meanwhile. */
const TRIES = 5;

/** Opens the register, makes the command's change, judges it, and writes and commits it. */
export async function applyChange<R>(
  opts: ChangeOptions,
  ctx: Context,
  mutate: (opened: OpenForChange) => Promise<Mutation<R>> | Mutation<R>,
): Promise<Applied<R>> {
  const opened = await openForChange(opts, ctx);
  let change = await mutate(opened);
  for (let tries = 1; ; tries++) {
    try {
      return await write(opened, opts, ctx, change);
    } catch (e) {
      if (!(e instanceof FileExistsError) || !change.again || tries >= TRIES) throw e;
      change = await change.again();
    }
  }
}

async function write<R>(
  { root, register, commit, reads }: OpenForChange,
  opts: ChangeOptions,
  ctx: Context,
  change: Mutation<R>,
): Promise<Applied<R>> {
  if (change.judge) refuseNewErrors(register, change.judge.after, change.judge.refusal, ctx);
  if (opts.dryRun) return { result: change.result, written: false };
  const message = commit ? changeMessage(change.commit, ctx) : undefined;
  const written = new Set(change.writes.map((w) => w.file));
  const sha = await writeAndCommit(root, ctx.env, change.writes, {
    ...(message ? { message } : {}),
    reads: reads(change.changed).filter((r) => !written.has(r.file)),
    ...(change.copies?.length ? { copies: change.copies } : {}),
  });
  return { result: change.result, written: true, ...(sha ? { commit: sha } : {}) };
}

/** Refuses a change after which the register's rules find errors they did not find before. */
function refuseNewErrors(before: Register, after: Register, refusal: string, ctx: Context): void {
  const problems = newErrors(before, after, today(ctx.now));
  if (problems.length)
    throw new UserError(
      `${refusal}: ${problems.map((p) => p.message).join('; ')}`,
      problems[0]!.hint,
      ExitCode.Invalid,
    );
}

/**
 * A record's data as its schema takes it (defaults filled in), or the error `refuse` makes of what
 * the schema finds wrong with it.
 */
export function checkedRecord(
  kind: Kind,
  data: unknown,
  file: string,
  refuse: (problems: readonly FieldDiagnostic[]) => UserError,
): Record<string, unknown> {
  const checked = checkSchema(kind.schema, data, file);
  if (checked.value === undefined) throw refuse(checked.diagnostics);
  return checked.value as Record<string, unknown>;
}

/** The commit message of the design: the subject, then the Cim-* trailers, the clock's last. */
export function changeMessage(c: CommitSubject, ctx: Context): string {
  return commitMessage(`${c.kind}(${c.id}): ${c.verb} — ${c.title}`, {
    Record: c.records.join(', '),
    Action: c.action,
    ...c.trailers,
    ...clockTrailer(ctx),
  });
}

/**
 * A trailer saying that the day the step was taken on was set by CIM_TODAY, not read from the
 * clock: a register replayed or migrated with dates of the past says so in its history.
 */
function clockTrailer(ctx: Context): { Today?: string } {
  const set = ctx.env[CLOCK_VARIABLE];
  return set ? { Today: `${set} (set by ${CLOCK_VARIABLE})` } : {};
}

function commitMessage(subject: string, trailers: Readonly<Record<string, string | undefined>>): string {
  const lines = Object.entries(trailers)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `Cim-${k}: ${v}`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}
