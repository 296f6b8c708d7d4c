// The register's history from git: `cim log` (what changed, when, by whom) and the replay behind
// `cim validate --base` and `--history` (every change a legal step). Both judge a renumber by
// content: the new file must be the old record under its new id, whatever the commit claims.
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { START, type Diagnostic } from '../domain/diagnostics.js';
import {
  diffData,
  findRenames,
  judgeHistory,
  readable,
  removals,
  renamed,
  UNREADABLE,
  type Change,
  type RecordChange,
} from '../domain/history.js';
import { ID_PATTERN } from '../domain/fields.js';
import { stepFits } from '../domain/history-fields.js';
import type { Kind } from '../domain/kind.js';
import { KINDS } from '../domain/kinds/index.js';
import type { Prefixes, RegisterInput } from '../domain/register.js';
import { isIsoDate } from '../domain/dates.js';
import { IMPORT_ACTION } from '../domain/import-rows.js';
import { HISTORY_IMPORTED } from '../domain/validate/rule-ids.js';
import { UserError } from '../errors.js';
import { isShallow, mergeBase, readBlobs, readLog, SHALLOW_HINT, type Commit, type FileChange } from '../io/history.js';
import { CONFIG_FILE, findRoot, loadPrefixes } from '../io/register.js';
import { MAX_YAML_BYTES, parseYaml } from '../io/yaml.js';
import { followMoves, recordAt } from './history-files.js';
import type { Env } from '../io/git-run.js';
import { recoverInterruptedWrite } from '../io/write.js';
import { kindNamed } from './kinds.js';

const RENUMBER = 'renumber';

/** A commit with its changes to record files, each version parsed. */
interface Read {
  readonly commit: Commit;
  readonly changes: readonly RecordChange[];
}

/** The blobs of these changes, read and parsed in one `git cat-file` pass. */
async function parsed(root: string, env: Env, changes: readonly FileChange[]): Promise<(sha: string) => unknown> {
  const blobs = await readBlobs(
    root,
    env,
    changes.flatMap((f) => [...f.oldBlobs, f.newBlob].filter((b): b is string => b !== undefined)),
    MAX_YAML_BYTES,
  );
  const cache = new Map<string, unknown>();
  return (sha) => {
    if (cache.has(sha)) return cache.get(sha);
    const blob = blobs.get(sha);
    const data =
      blob === undefined || 'tooLarge' in blob
        ? UNREADABLE
        : (parseYaml(blob.text.replace(/^\ufeff/, ''), sha).data ?? UNREADABLE);
    cache.set(sha, readable(data));
    return cache.get(sha);
  };
}

/** The record-file changes of these commits (those `wanted`), with both sides parsed. */
async function read(
  root: string,
  env: Env,
  commits: readonly Commit[],
  wanted: (change: FileChange, commit: Commit) => boolean = () => true,
): Promise<Read[]> {
  const picked = commits.map((commit) => ({
    commit,
    files: commit.changes.flatMap((f) => {
      const where = wanted(f, commit) ? recordAt(f.path) : undefined;
      return where ? [{ f, ...where }] : [];
    }),
  }));
  const data = await parsed(
    root,
    env,
    picked.flatMap((p) => p.files.map((x) => x.f)),
  );
  const version = (sha: string | undefined) => (sha === undefined ? undefined : { key: sha, data: data(sha) });
  return picked.map(({ commit, files }) => ({
    commit,
    changes: files.map(({ f, kind, id }) => ({
      file: f.path,
      kind,
      id,
      before: f.oldBlobs.map(version),
      after: version(f.newBlob),
    })),
  }));
}

const folders = () => KINDS.map((k) => k.folder);
/** What a history read covers: the folders asked for, and cim.yaml, which shows where a register moved. */
const withConfig = (paths: readonly string[]) => [...paths, CONFIG_FILE];
const whereOf = (c: Commit) =>
  `in ${c.sha.slice(0, 7)} (${c.date}, ${c.author}${c.at === undefined ? '' : `, when the register was in ${c.at || 'the top folder'}`})`;

/** History diagnostics for the commits since the merge base with `base`, or for all history. */
export async function replay(
  root: string,
  env: Env,
  input: RegisterInput,
  // The folder names a record's kind: the prefixes cim.yaml gives now are not needed.
  _prefixes: Prefixes,
  scope: { base?: string },
): Promise<Diagnostic[]> {
  if (await isShallow(root, env)) {
    throw new UserError('this is a shallow clone: the history to check is not all here', SHALLOW_HINT);
  }
  const since = scope.base ? await mergeBase(root, env, scope.base) : undefined;
  const paths = withConfig(folders());
  const logged = await readLog(root, env, paths, since ? { range: `${since}..HEAD` } : {});
  const commits = await read(root, env, await followMoves(root, env, logged, paths, since ? { since } : {}));
  const sources = new Map(input.files.map((f) => [f.file, f.source]));
  // An import is shown to the review of the branch that brings it (--base); once merged it is the
  // register's accepted past, which --history would otherwise warn of on every run for ever.
  const judged = judgeHistory(commits.map(({ commit, changes }) => ({ where: whereOf(commit), changes })));
  return judged
    .filter((p) => since !== undefined || p.rule !== HISTORY_IMPORTED)
    .map((p) => ({
      severity: p.severity ?? 'error',
      rule: p.rule,
      file: p.file,
      ...(sources.get(p.file)?.locate(['status']) ?? START),
      message: p.message,
      hint: p.hint,
    }));
}

export interface LogOptions {
  readonly dir?: string;
  readonly id?: string;
  readonly since?: string;
  readonly until?: string;
  readonly kind?: string;
}

export interface LogEntry {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  readonly email: string;
  readonly record: string;
  readonly action: string;
  readonly from?: string;
  readonly to?: string;
  readonly changes: readonly Change[];
  /** Which side of the change git holds as something cim cannot read (not YAML, or too large). */
  readonly unreadable?: 'before' | 'after';
  /** The record's file, given with `unreadable` so the version can be looked at with git show. */
  readonly file?: string;
  /** The id the record had before this commit renumbered it (the new file is the old record). */
  readonly renumberedFrom?: string;
  /** The id this commit renumbered the record to. */
  readonly renumberedTo?: string;
  /** A change made while the record had an earlier id, before it was renumbered to the one asked for. */
  readonly beforeRenumber?: true;
  /** Why a date after the day of the step was let through (`--allow-future`), as the commit says. */
  readonly allowedFuture?: string;
  /** The day the step was taken on, when CIM_TODAY set it rather than the clock. */
  readonly today?: string;
  /** The folder, from the repository's top, that this commit moved the register from. */
  readonly movedFrom?: string;
}

export interface LogResult {
  readonly entries: readonly LogEntry[];
  readonly shallow: boolean;
}

export async function log(opts: LogOptions, ctx: Context): Promise<LogResult> {
  for (const [flag, value] of [
    ['--since', opts.since],
    ['--until', opts.until],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      throw new UserError(`${flag} ${value} is not a date`, 'write it as YYYY-MM-DD');
  }
  const kind = opts.kind ? kindNamed(opts.kind) : undefined;
  if (opts.id !== undefined && !ID_PATTERN.test(opts.id.toUpperCase()))
    throw new UserError(`"${opts.id}" is not a record id`, 'ids look like NC-0007; `cim list` lists them');
  // History needs only where records live, not the records: the register is not loaded.
  const root = await findRoot(resolve(ctx.cwd, opts.dir ?? '.'));
  const env = ctx.env;
  await recoverInterruptedWrite(root, env);
  const id = opts.id?.toUpperCase();
  const file = id ? await fileOf(root, env, id, loadPrefixes(root)) : undefined;
  if (id && !file) throw new UserError(`no record ${id} in this register`, '`cim list` lists the records');
  const shallow = isShallow(root, env); // asked while git log runs
  const all =
    id && file
      ? (await recordLog(root, env, file)).entries
      : await registerLog(root, env, kind ? [kind.folder] : folders());
  const entries = all.filter(
    (e) => (opts.since === undefined || e.date >= opts.since) && (opts.until === undefined || e.date <= opts.until),
  );
  return { entries, shallow: await shallow };
}

/**
 * The file of a record: in its kind's folder, by its prefix; for an id whose prefix cim.yaml no
 * longer gives (the prefixes were changed), the folder whose history holds it.
 */
async function fileOf(root: string, env: Env, id: string, prefixes: Prefixes): Promise<string | undefined> {
  const kind = prefixes.kindOf(id);
  if (kind) return `${kind.folder}/${id}.yaml`;
  const files = KINDS.map((k) => `${k.folder}/${id}.yaml`);
  const commits = await readLog(root, env, files);
  return files.find((f) => commits.some((c) => c.changes.some((x) => x.path === f)));
}

/**
 * The last readable version of each file at or before each of its versions, so a change from a
 * version cim cannot read is shown from the one before it: a commit that broke a record's YAML and
 * the one that mended it read as one change.
 */
function bridge() {
  const last = new Map<string, unknown>();
  /** The data of the file's version with this blob, or of the last readable one before it. */
  const of = (file: string, blob: string): unknown => last.get(`${file}\u0000${blob}`) ?? UNREADABLE;
  return {
    of,
    /** The data before the change (in its first parent; for a removal, the first that had it), bridged. */
    before(c: RecordChange): unknown {
      const v = c.after === undefined ? c.before.find((b) => b !== undefined) : c.before[0];
      return v === undefined ? undefined : v.data !== UNREADABLE ? v.data : of(c.file, v.key);
    },
    /** Notes the version after the change, `before` being the data before it. */
    after(c: RecordChange, before: unknown): void {
      if (c.after !== undefined)
        last.set(`${c.file}\u0000${c.after.key}`, c.after.data !== UNREADABLE ? c.after.data : before);
    },
  };
}

/**
 * A merge's change that one of its parents already made, which the log shows in that parent's
 * commits: a version a parent had, or a removal a side made (every version the other parents have
 * is one a commit before removed).
 */
function fromBranch(c: RecordChange, removed: ReturnType<typeof removals>): boolean {
  if (c.before.length <= 1) return false;
  if (c.after !== undefined) return c.before.some((v) => v?.key === c.after!.key);
  return c.before.every((v) => v === undefined || removed.fromSide(c, v));
}

/** Every change in these folders, a renumber shown once, as a change of the new id. */
async function registerLog(root: string, env: Env, paths: readonly string[]): Promise<LogEntry[]> {
  const bridged = bridge();
  const removed = removals();
  const out: LogEntry[] = [];
  const logged = await readLog(root, env, withConfig(paths));
  for (const { commit, changes } of await read(root, env, await followMoves(root, env, logged, withConfig(paths)))) {
    const befores = new Map(changes.map((c) => [c, bridged.before(c)]));
    const renames = findRenames(changes, (c) => befores.get(c));
    for (const c of changes) {
      bridged.after(c, befores.get(c));
      const shown = !renames.some((r) => r.from === c) && !fromBranch(c, removed);
      removed.note(c);
      if (!shown) continue;
      const from = renames.find((r) => r.to === c)?.from;
      out.push(entry(commit, c, from ? befores.get(from) : befores.get(c), from ? { renumberedFrom: from.id } : {}));
    }
  }
  return out;
}

/** A record's history: its entries, and its data at each of its versions (bridged). */
interface RecordHistory {
  readonly entries: LogEntry[];
  readonly dataAt: (blob: string) => unknown;
}

/**
 * One record's history, within `range` when given. Where the record was added in a commit that
 * also removed a record of its kind, and is that record under its new id, the older record's
 * history is read too (one more `git log` for each renumber followed) and shown before it.
 */
async function recordLog(root: string, env: Env, file: string, range?: string): Promise<RecordHistory> {
  const logged = await readLog(root, env, [file], { fullDiff: true, ...(range ? { range } : {}) });
  const commits = await followMoves(root, env, logged, [file], { fullDiff: true });
  const folder = `${file.slice(0, file.indexOf('/'))}/`;
  // Of the other files of a commit, only those of the same folder that may be this record under
  // another id: removed where this one was added, or added where it was removed.
  const history = await read(root, env, commits, (f, c) => {
    if (f.path === file) return true;
    const mine = c.changes.find((x) => x.path === file);
    if (!mine || !f.path.startsWith(folder) || f.oldBlobs.length !== 1 || mine.oldBlobs.length !== 1) return false;
    return mine.newBlob === undefined ? f.oldBlobs[0] === undefined : mine.oldBlobs[0] === undefined && !f.newBlob;
  });
  const bridged = bridge();
  const removed = removals();
  const entries: LogEntry[] = [];
  for (const { commit, changes } of history) {
    const c = changes.find((x) => x.file === file);
    if (!c) continue;
    const before = bridged.before(c);
    bridged.after(c, before);
    const taken = fromBranch(c, removed);
    removed.note(c);
    if (taken) continue;
    if (c.after === undefined) {
      // Renumbered: shown as the change to the new file, which is this record under its new id.
      const to = changes.find((x) => x !== c && renamed(before, x.after?.data, c.id, x.id));
      entries.push(
        to ? entry(commit, c, before, { renumberedTo: to.id }, to.after?.data) : entry(commit, c, before, {}),
      );
      continue;
    }
    const older =
      c.before.length === 1 && c.before[0] === undefined ? await olderId(root, env, commit, changes, c) : undefined;
    if (older) {
      entries.push(...older.entries.map((e) => ({ ...e, beforeRenumber: true as const })));
      entries.push(entry(commit, c, older.before, { renumberedFrom: older.id }));
    } else entries.push(entry(commit, c, before, {}));
  }
  return { entries, dataAt: (blob) => bridged.of(file, blob) };
}

/**
 * The record that `commit` renumbered into the one `c` adds, if any: its id, its data before the
 * commit and its history. A removed record whose last version is readable and is not `c` under
 * another id costs nothing more; only one that may be it has its history read.
 */
async function olderId(
  root: string,
  env: Env,
  commit: Commit,
  changes: readonly RecordChange[],
  c: RecordChange,
): Promise<{ id: string; before: unknown; entries: LogEntry[] } | undefined> {
  for (const gone of changes) {
    const old = gone.after === undefined ? gone.before[0] : undefined;
    if (!old || gone.kind !== c.kind) continue;
    if (old.data !== UNREADABLE && !renamed(old.data, c.after?.data, gone.id, c.id)) continue;
    const older = await recordLog(root, env, gone.file, `${commit.sha}^@`);
    const before = older.dataAt(old.key);
    if (renamed(before, c.after?.data, gone.id, c.id)) return { id: gone.id, before, entries: older.entries };
  }
  return undefined;
}

function entry(
  commit: Commit,
  c: RecordChange,
  before: unknown,
  renumber: { readonly renumberedFrom?: string; readonly renumberedTo?: string },
  after: unknown = c.after?.data,
): LogEntry {
  const unreadable = after === UNREADABLE ? 'after' : before === UNREADABLE ? 'before' : undefined;
  const from = stateOf(c.kind, before);
  const to = stateOf(c.kind, after);
  const named = (commit.trailers['Cim-Record'] ?? '').split(/,\s*/);
  const claimed = named.includes(c.id) ? commit.trailers['Cim-Action'] : undefined;
  // The commit's own word for what it did, when the content shows that step; never other text.
  const step = claimed !== undefined && !unreadable ? stepShown(c.kind, claimed, before, after) : undefined;
  const renumbered = renumber.renumberedFrom !== undefined || renumber.renumberedTo !== undefined;
  // A renumber is what the content shows, never only what the commit says.
  const moved = commit.movedFrom !== undefined && c.before[0] !== undefined && c.before[0].key === c.after?.key;
  const action = renumbered
    ? claimed === RENUMBER || commit.trailers['Cim-Action'] === RENUMBER
      ? RENUMBER
      : 'renumbered'
    : moved
      ? 'moved'
      : (step ??
        (before === undefined
          ? 'created'
          : after === undefined
            ? 'deleted'
            : status(before) !== status(after) && !unreadable
              ? 'status changed by hand'
              : 'edited'));
  const today = commit.trailers['Cim-Today'];
  return {
    commit: commit.sha,
    date: commit.date,
    author: commit.author,
    email: commit.email,
    record: c.id,
    action,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(unreadable ? { unreadable, file: c.file } : {}),
    ...(step !== undefined && commit.trailers['Cim-Allow-Future'] !== undefined
      ? { allowedFuture: commit.trailers['Cim-Allow-Future'] }
      : {}),
    ...(step !== undefined && today !== undefined && isIsoDate(today) ? { today } : {}),
    ...(commit.movedFrom !== undefined ? { movedFrom: commit.movedFrom } : {}),
    ...renumber,
    changes: unreadable ? [] : diffData(before ?? {}, after ?? {}).filter((ch) => ch.path !== 'status'),
  };
}

/**
 * The step a commit names (its `Cim-Action`) when the change is that step: a verb of the record's
 * kind whose step goes from the state before to the state after (for a step that keeps the state,
 * one that records what changed), `edit` for a change of fields any edit may change, `finding`
 * for findings added to a reported audit, and `finding, raise` also for the NC or OFI raised from
 * an audit finding. Undefined for anything else, so that no other text of a commit is shown.
 */
function stepShown(kind: Kind, claimed: string, before: unknown, after: unknown): string | undefined {
  const to = stateOf(kind, after);
  if (to === undefined) return undefined;
  if (before === undefined) {
    const creates = kind.transitions.some((t) => t.from.length === 0 && t.verb === claimed && t.to === to);
    return creates || (claimed === RAISE && raisedFromFinding(kind, after)) || claimed === IMPORT_ACTION
      ? claimed
      : undefined;
  }
  const from = stateOf(kind, before);
  if (from === undefined) return undefined;
  const verb = kind.name === 'audit' && claimed === RAISE ? 'finding' : claimed;
  return stepFits(kind, verb, from, to, before, after) ? claimed : undefined;
}

const RAISE = 'finding, raise';

/** Whether a new record is an NC or OFI raised from an audit finding (its source is `AUD-0003#F2`). */
function raisedFromFinding(kind: Kind, data: unknown): boolean {
  const source = isRecord(data) ? data.source : undefined;
  return (
    (kind.name === 'nc' || kind.name === 'ofi') &&
    isRecord(source) &&
    typeof source.ref === 'string' &&
    /#F[1-9]\d*$/.test(source.ref)
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The record's status when it is a state of its kind. */
function stateOf(kind: Kind, data: unknown): string | undefined {
  const s = status(data);
  return s !== undefined && kind.states.includes(s) ? s : undefined;
}

function status(data: unknown): string | undefined {
  return data !== null && typeof data === 'object' && typeof (data as { status?: unknown }).status === 'string'
    ? (data as { status: string }).status
    : undefined;
}
