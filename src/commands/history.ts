// The register's history from git: `cim log` (what changed, when, by whom) and the replay behind
// `cim validate --base` and `--history` (every change a legal step).
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Context } from '../context.js';
import { START, type Diagnostic } from '../domain/diagnostics.js';
import { diffData, judgeChange, type Change } from '../domain/history.js';
import { ID_PATTERN } from '../domain/fields.js';
import type { Kind } from '../domain/kind.js';
import { KINDS } from '../domain/kinds/index.js';
import type { Prefixes, RegisterInput } from '../domain/register.js';
import { isIsoDate } from '../domain/dates.js';
import { UserError } from '../errors.js';
import { isShallow, mergeBase, readBlobs, readLog, SHALLOW_HINT, type Commit } from '../io/history.js';
import { findRoot, loadPrefixes } from '../io/register.js';
import { MAX_YAML_BYTES, parseYaml } from '../io/yaml.js';
import { recoverInterruptedWrite } from './write.js';
import { kindNamed } from './kinds.js';

/** A version git holds that cim cannot read: not YAML, or larger than a record may be. */
const UNREADABLE = Symbol('unreadable');

interface Version {
  readonly commit: Commit;
  readonly file: string;
  readonly kind: Kind;
  readonly id: string;
  /** The data before and after the commit: undefined where there was no file. */
  readonly before: unknown;
  readonly after: unknown;
}

/** Every change to a record file in these commits, with both versions parsed (two git calls). */
async function versions(root: string, commits: readonly Commit[], prefixes: Prefixes): Promise<Version[]> {
  const blobs = await readBlobs(
    root,
    commits.flatMap((c) =>
      c.changes.flatMap((f) => [f.oldBlob, f.newBlob].filter((b): b is string => b !== undefined)),
    ),
    MAX_YAML_BYTES,
  );
  const parse = (sha: string | undefined, file: string): unknown => {
    if (sha === undefined) return undefined;
    const blob = blobs.get(sha);
    if (blob === undefined || 'tooLarge' in blob) return UNREADABLE;
    const data = parseYaml(blob.text.replace(/^\ufeff/, ''), file).data;
    return data === undefined ? UNREADABLE : data;
  };
  const out: Version[] = [];
  for (const commit of commits) {
    for (const change of commit.changes) {
      const where = recordAt(change.path, prefixes);
      if (!where) continue;
      out.push({
        commit,
        file: change.path,
        ...where,
        before: parse(change.oldBlob, change.path),
        after: parse(change.newBlob, change.path),
      });
    }
  }
  return out;
}

/**
 * The versions, each unreadable `before` replaced by the last readable version of the file before
 * it in these commits (UNREADABLE stays where there is none), so a commit that broke a record's
 * YAML and the one that mended it read as one change, from the version before to the one after.
 */
function bridged(all: readonly Version[]): Version[] {
  const last = new Map<string, unknown>();
  return all.map((v) => {
    const before = v.before !== UNREADABLE ? v.before : last.has(v.file) ? last.get(v.file) : UNREADABLE;
    if (v.after !== UNREADABLE) last.set(v.file, v.after);
    else if (before !== UNREADABLE) last.set(v.file, before);
    return { ...v, before };
  });
}

function recordAt(path: string, prefixes: Prefixes): { kind: Kind; id: string } | undefined {
  const m = /^([^/]+)\/([^/]+)\.yaml$/.exec(path);
  if (!m || !ID_PATTERN.test(m[2]!)) return undefined;
  const kind = KINDS.find((k) => k.folder === m[1]);
  return kind && prefixes.kindOf(m[2]!) === kind ? { kind, id: m[2]! } : undefined;
}

const folders = () => KINDS.map((k) => k.folder);

/** History diagnostics for the commits since the merge base with `base`, or for all history. */
export async function replay(
  root: string,
  input: RegisterInput,
  prefixes: Prefixes,
  scope: { base?: string },
): Promise<Diagnostic[]> {
  if (await isShallow(root)) {
    throw new UserError('this is a shallow clone: the history to check is not all here', SHALLOW_HINT);
  }
  const range = scope.base ? `${await mergeBase(root, scope.base)}..HEAD` : undefined;
  const changes = bridged(await versions(root, await readLog(root, folders(), range), prefixes));
  const sources = new Map(input.files.map((f) => [f.file, f.source]));
  const out: Diagnostic[] = [];
  for (const v of changes) {
    const where = `in ${v.commit.sha.slice(0, 7)} (${v.commit.date}, ${v.commit.author})`;
    // `cim renumber` moves a record: judge the move as one change of the same record.
    const [renamedFrom, renamedTo] = renumbered(v.commit);
    if (v.id === renamedFrom && v.after === undefined) continue;
    const movedFrom =
      v.id === renamedTo && v.before === undefined
        ? changes.find((w) => w.commit === v.commit && w.id === renamedFrom)
        : undefined;
    const before = movedFrom ? withId(movedFrom.before, v.id) : v.before;
    // An unreadable version is judged by the next readable one, as a change from the last before
    // it; the register's own check reports a record that is unreadable now.
    if (v.after === UNREADABLE || before === UNREADABLE) continue;
    // …and the references it rewrote in other records are part of that move, not edits.
    if (
      renamedFrom &&
      renamedTo &&
      v.id !== renamedTo &&
      isDeepStrictEqual(substitute(v.before, renamedFrom, renamedTo), v.after)
    )
      continue;
    const problem = judgeChange(v.kind, v.id, before ?? undefined, v.after ?? undefined, where);
    if (!problem) continue;
    const at = sources.get(v.file)?.locate(['status']) ?? START;
    out.push({
      severity: 'error',
      rule: problem.rule,
      file: v.file,
      ...at,
      message: problem.message,
      hint: problem.hint,
    });
  }
  return out;
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
  await recoverInterruptedWrite(root);
  const prefixes = loadPrefixes(root);
  const id = opts.id?.toUpperCase();
  let paths = kind ? [kind.folder] : folders();
  if (id) {
    const file = findFolder(id, prefixes);
    if (!file) throw new UserError(`no record ${id} in this register`, '`cim list` lists the records');
    paths = [file];
  }
  const shallow = isShallow(root); // asked while git log runs
  const commits = await readLog(root, paths);
  const all = bridged(await versions(root, commits, prefixes));
  const entries = all
    .filter(
      (v) =>
        (opts.since === undefined || v.commit.date >= opts.since) &&
        (opts.until === undefined || v.commit.date <= opts.until),
    )
    .map((v): LogEntry => {
      const unreadable = v.after === UNREADABLE ? 'after' : v.before === UNREADABLE ? 'before' : undefined;
      const from = status(v.before);
      const to = status(v.after);
      const named = (v.commit.trailers['Cim-Record'] ?? '').split(/,\s*/);
      const trailerAction = named.includes(v.id) ? v.commit.trailers['Cim-Action'] : undefined;
      const action =
        trailerAction ??
        (v.before === undefined
          ? 'created'
          : v.after === undefined
            ? 'deleted'
            : from !== to && !unreadable
              ? 'status changed by hand'
              : 'edited');
      return {
        commit: v.commit.sha,
        date: v.commit.date,
        author: v.commit.author,
        email: v.commit.email,
        record: v.id,
        action,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(unreadable ? { unreadable, file: v.file } : {}),
        changes: unreadable ? [] : diffData(v.before ?? {}, v.after ?? {}).filter((c) => c.path !== 'status'),
      };
    });
  return { entries, shallow: await shallow };
}

function findFolder(id: string, prefixes: Prefixes): string | undefined {
  const kind = prefixes.kindOf(id);
  return kind ? `${kind.folder}/${id}.yaml` : undefined;
}

function status(data: unknown): string | undefined {
  return data !== null && typeof data === 'object' && typeof (data as { status?: unknown }).status === 'string'
    ? (data as { status: string }).status
    : undefined;
}

function renumbered(commit: Commit): [string?, string?] {
  if (commit.trailers['Cim-Action'] !== 'renumber') return [];
  const m = /^(\S+)\s*->\s*(\S+)$/.exec(commit.trailers['Cim-Renumbered'] ?? '');
  return m ? [m[1], m[2]] : [];
}

function withId(data: unknown, id: string): unknown {
  return data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>), id } : data;
}

/** Every reference to `from` (or to one of its findings) in a record's data, pointed at `to`. */
function substitute(data: unknown, from: string, to: string): unknown {
  if (typeof data === 'string')
    return data === from || data.startsWith(`${from}#`) ? to + data.slice(from.length) : data;
  if (Array.isArray(data)) return data.map((d) => substitute(d, from, to));
  if (data !== null && typeof data === 'object')
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, substitute(v, from, to)]));
  return data;
}
