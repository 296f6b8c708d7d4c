// The register's history from git: `cim log` (what changed, when, by whom) and the replay behind
// `cim validate --base` and `--history` (every change a legal step).
import { isDeepStrictEqual } from 'node:util';
import type { Context } from '../context.js';
import type { Diagnostic } from '../domain/diagnostics.js';
import { diffData, judgeChange, type Change } from '../domain/history.js';
import { ID_PATTERN } from '../domain/fields.js';
import type { Kind } from '../domain/kind.js';
import { KINDS } from '../domain/kinds/index.js';
import { Prefixes, type RegisterInput } from '../domain/register.js';
import { isIsoDate } from '../domain/dates.js';
import { UserError } from '../errors.js';
import { isShallow, mergeBase, readBlobs, readLog, SHALLOW_HINT, type Commit } from '../io/history.js';
import { parseYaml } from '../io/yaml.js';
import { openRegister } from './open.js';
import { kindNamed } from './step.js';

interface Version {
  readonly commit: Commit;
  readonly file: string;
  readonly kind: Kind;
  readonly id: string;
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
  );
  const parse = (sha: string | undefined, file: string) => {
    if (sha === undefined) return undefined;
    const text = blobs.get(sha);
    return text === undefined ? undefined : (parseYaml(text.replace(/^\ufeff/, ''), file).data ?? null);
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
  const changes = await versions(root, await readLog(root, folders(), range), prefixes);
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
    const at = sources.get(v.file)?.locate(['status']) ?? { line: 1, column: 1 };
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
  const { root, input, result } = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), compliance: false },
    ctx,
  );
  const prefixes = result.register?.prefixes ?? new Prefixes();
  const id = opts.id?.toUpperCase();
  let paths = kind ? [kind.folder] : folders();
  if (id) {
    const file = input.files.find((f) => f.id === id)?.file ?? findFolder(id, prefixes);
    if (!file) throw new UserError(`no record ${id} in this register`, '`cim list` lists the records');
    paths = [file];
  }
  const commits = await readLog(root, paths);
  const all = await versions(root, commits, prefixes);
  const entries = all
    .filter(
      (v) =>
        (opts.since === undefined || v.commit.date >= opts.since) &&
        (opts.until === undefined || v.commit.date <= opts.until),
    )
    .map((v): LogEntry => {
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
            : from !== to
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
        changes: diffData(v.before ?? {}, v.after ?? {}).filter((c) => c.path !== 'status'),
      };
    });
  return { entries, shallow: await isShallow(root) };
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
