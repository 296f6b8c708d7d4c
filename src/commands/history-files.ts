// Which files of a register's history are records, and where the register was before it was moved
// within its repository (`git mv compliance/isms compliance/reg`): the history read there is read
// on from the earlier folder, so a moved register's records keep the steps taken before the move.
import { ID_PATTERN } from '../domain/fields.js';
import type { Kind } from '../domain/kind.js';
import { KINDS } from '../domain/kinds/index.js';
import type { Env } from '../io/git-run.js';
import { readLog, readTreeChanges, type Commit, type FileChange, type TreeChange } from '../io/history.js';
import { CONFIG_FILE } from '../io/register.js';

/**
 * The kind and id of a record file: the folder names the kind, whatever prefix the id carries, so
 * a record of an older prefix (before `prefixes` changed in cim.yaml) is still a record.
 */
export function recordAt(path: string): { kind: Kind; id: string } | undefined {
  const m = /^([^/]+)\/([^/]+)\.yaml$/.exec(path);
  if (!m || !ID_PATTERN.test(m[2]!)) return undefined;
  const kind = KINDS.find((k) => k.folder === m[1]);
  return kind ? { kind, id: m[2]! } : undefined;
}

/** How far back moves are followed: a register moved more often than this is read from there. */
const MAX_MOVES = 20;

const added = (f: FileChange) => f.oldBlobs.length === 1 && f.oldBlobs[0] === undefined && f.newBlob !== undefined;

/**
 * The register's history with the commits it had before each move: `commits` were read with
 * `paths` (and `options`) where the register is; a commit that adds its cim.yaml and records,
 * while removing the same files from another folder, moved it there. That commit's records are
 * then changes from their version in the old folder (a record left behind is removed), and the
 * history of the old folder up to it is read and put before it — one `git diff-tree` for the
 * commits that may be moves, and one `git log` for each move. `since` (a merge base) bounds it.
 */
export async function followMoves(
  root: string,
  env: Env,
  commits: readonly Commit[],
  paths: readonly string[],
  options: { readonly since?: string; readonly fullDiff?: boolean } = {},
  depth = 0,
): Promise<Commit[]> {
  const candidates = commits.filter(
    (c) =>
      c.changes.every((f) => f.oldBlobs.length === 1) &&
      c.changes.some((f) => f.path === CONFIG_FILE && added(f)) &&
      c.changes.some((f) => recordAt(f.path) && added(f)),
  );
  if (candidates.length === 0 || depth >= MAX_MOVES) return [...commits];
  const trees = await readTreeChanges(
    root,
    env,
    candidates.map((c) => c.sha),
  );
  // The register's stay where it is read began with its last move there; what came before that
  // move is read where it came from (a register moved away and back is followed back each time).
  for (let i = commits.length - 1; i >= 0; i--) {
    const commit = commits[i]!;
    const tree = candidates.includes(commit) ? trees.get(commit.sha) : undefined;
    const from = tree && movedFrom(commit, tree);
    if (from === undefined) continue;
    const range = options.since ? `${options.since}..${commit.sha}^` : `${commit.sha}^`;
    const { fullDiff } = options;
    const before = await readLog(root, env, paths, { range, at: from, ...(fullDiff ? { fullDiff } : {}) });
    const earlier = await followMoves(root, env, before, paths, options, depth + 1);
    return [
      ...earlier.map((c) => (c.at === undefined ? { ...c, at: from } : c)),
      { ...commit, movedFrom: from, changes: acrossMove(commit, tree!, from, paths) },
      ...commits.slice(i + 1),
    ];
  }
  return [...commits];
}

/** The folder, from the repository's top, that a commit moved the register from, if it did. */
function movedFrom(commit: Commit, tree: readonly TreeChange[]): string | undefined {
  const removed = tree.filter((t) => t.newBlob === undefined && t.oldBlob !== undefined);
  const votes = new Map<string, number>();
  for (const f of commit.changes) {
    if (!recordAt(f.path) || !added(f)) continue;
    for (const t of removed) {
      if (t.oldBlob !== f.newBlob || !(t.path === f.path || t.path.endsWith(`/${f.path}`))) continue;
      const folder = t.path.slice(0, t.path.length - f.path.length).replace(/\/$/, '');
      votes.set(folder, (votes.get(folder) ?? 0) + 1);
    }
  }
  // The folder most records came from, whose cim.yaml the commit removed too.
  const best = [...votes].sort((a, b) => b[1] - a[1]).map(([folder]) => folder);
  return best.find((folder) => removed.some((t) => t.path === (folder ? `${folder}/${CONFIG_FILE}` : CONFIG_FILE)));
}

/**
 * The move commit's record changes as changes from the old folder: each record file added here
 * from its version there, and each record file (of those read) removed there and not added here,
 * removed.
 */
function acrossMove(commit: Commit, tree: readonly TreeChange[], from: string, paths: readonly string[]): FileChange[] {
  const prefix = from ? `${from}/` : '';
  const read = (path: string) => paths.some((p) => path === p || path.startsWith(`${p}/`));
  const old = new Map(
    tree
      .filter((t) => t.oldBlob !== undefined && t.path.startsWith(prefix))
      .map((t) => [t.path.slice(prefix.length), t] as const)
      .filter(([path]) => recordAt(path) && read(path)),
  );
  const here = commit.changes.map((f): FileChange => {
    const was = old.get(f.path);
    return was && added(f) ? { ...f, oldBlobs: [was.oldBlob] } : f;
  });
  const changed = new Set(commit.changes.map((f) => f.path));
  const left = [...old]
    .filter(([path, t]) => !changed.has(path) && t.newBlob === undefined)
    .map(([path, t]): FileChange => ({ path, oldBlobs: [t.oldBlob] }));
  return [...here, ...left];
}
