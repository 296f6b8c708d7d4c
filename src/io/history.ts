// Reading a register's history from git in two passes, whatever its length: one `git log` for
// every commit and the blobs it changed, one `git cat-file --batch` for all those blobs.
import { UserError } from '../errors.js';
import { GIT_FATAL, GitError, runGit, type Env } from './git-run.js';

export interface FileChange {
  /** Path relative to the register root. */
  readonly path: string;
  /** The file's blob in each parent of the commit (several for a merge, each parent at the same
   * place for every file of the commit); undefined where it did not exist there. A commit without
   * parents has one, undefined. */
  readonly oldBlobs: readonly (string | undefined)[];
  /** The file's blob after the commit; undefined when the commit removed it. */
  readonly newBlob?: string;
}

export interface Commit {
  readonly sha: string;
  readonly date: string;
  readonly author: string;
  readonly email: string;
  readonly subject: string;
  readonly trailers: Readonly<Record<string, string>>;
  readonly changes: readonly FileChange[];
  /** For a commit made when the register was in another folder: that folder, from the top ('' for the top). */
  readonly at?: string;
  /** For the commit that moved the register to where it is read: the folder it was in. */
  readonly movedFrom?: string;
}

export interface LogOptions {
  /** A revision range (`base..HEAD`) or revisions (`abc123^@`); without one, all of HEAD's history. */
  readonly range?: string;
  /** Every change of each commit listed, not only those under `paths` (how a file moved is seen). */
  readonly fullDiff?: boolean;
  /**
   * Where the register was in its repository, relative to the repository's top ('' for the top):
   * `paths` are read there, and given relative to it. Without it, the register's folder now.
   */
  readonly at?: string;
}

const NULL_SHA = /^0+$/;
const RECORD = '\x1e';
const FIELD = '\x1f';

/**
 * Commits that changed files under `paths`, parents before children. A merge is listed with every
 * file that differs from one of its parents, with its blob in each parent.
 */
export async function readLog(
  root: string,
  env: Env,
  paths: readonly string[],
  options: LogOptions = {},
): Promise<Commit[]> {
  const { range, fullDiff, at } = options;
  const args = [
    'log',
    '--reverse',
    '--date-order',
    ...(at === undefined ? ['--relative'] : at === '' ? [] : [`--relative=${at}`]),
    '--no-renames',
    '--raw',
    // A merge's diff against each parent, and every merge and every side of it listed: a merge
    // that keeps one side's version of a record can undo the steps taken on the other side.
    '--diff-merges=separate',
    '--full-history',
    '--no-abbrev',
    ...(fullDiff ? ['--full-diff'] : []),
    `--format=${RECORD}%H${FIELD}%P${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%s${FIELD}%(trailers:only,unfold)${FIELD}`,
    ...(range ? [range] : []),
    '--',
    ...(at === undefined ? paths : paths.map((p) => `:(top,literal)${at === '' ? '' : `${at}/`}${p}`)),
  ];
  let out: string;
  try {
    out = (await runGit(root, env, args)).stdout;
  } catch (e) {
    const message = e instanceof GitError ? e.stderr.trim() || e.message : String(e);
    if (/does not have any commits|bad default revision|unknown revision/i.test(message)) {
      if (range)
        throw new UserError(
          `git cannot read ${range}: ${message.split('\n')[0]}`,
          'check the ref; in CI, fetch it first (e.g. git fetch origin main)',
        );
      return [];
    }
    throw new UserError(
      `git log failed: ${message.split('\n')[0]}`,
      'run the command inside the git repository that holds the register',
    );
  }
  // A merge comes as one part for each parent it differs from, one after another.
  const commits: Commit[] = [];
  const parts: Part[] = [];
  const flush = () => {
    if (parts.length > 0) commits.push(joined(parts.splice(0)));
  };
  for (const chunk of out.split(RECORD)) {
    if (!chunk.trim()) continue;
    const part = parseCommit(chunk);
    if (parts.length > 0 && parts[0]!.sha !== part.sha) flush();
    parts.push(part);
  }
  flush();
  return commits;
}

interface Part extends Commit {
  readonly parents: number;
}

function parseCommit(chunk: string): Part {
  const [sha, parents, date, author, email, subject, trailerText, raw] = chunk.split(FIELD) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const trailers: Record<string, string> = {};
  for (const line of trailerText.split('\n')) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
    if (m) trailers[m[1]!] = m[2]!;
  }
  const changes: FileChange[] = [];
  for (const line of (raw ?? '').split('\n')) {
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) [A-Z]\d*\t(.+)$/.exec(line);
    if (!m) continue;
    changes.push({
      path: m[3]!,
      oldBlobs: [NULL_SHA.test(m[1]!) ? undefined : m[1]!],
      ...(NULL_SHA.test(m[2]!) ? {} : { newBlob: m[2]! }),
    });
  }
  const count = parents.split(' ').filter(Boolean).length;
  return { sha, parents: count, date: date.slice(0, 10), author, email, subject, trailers, changes };
}

/**
 * A commit from its parts: one for each parent the commit's files differ from, in the order of the
 * parents (git leaves out a part with no difference: that parent's files are as the merge left
 * them). Each file's blobs are given part by part, the same parent at the same place for every
 * file, then for the parents without a part.
 */
function joined(parts: readonly Part[]): Commit {
  const { parents, ...first } = parts[0]!;
  if (parts.length === 1 && parents <= 1) return first;
  const byPart = parts.map((part) => new Map(part.changes.map((f) => [f.path, f])));
  const paths = [...new Set(parts.flatMap((part) => part.changes.map((f) => f.path)))];
  const changes = paths.map((path): FileChange => {
    const newBlob = byPart.map((m) => m.get(path)).find(Boolean)!.newBlob;
    const same = Array<string | undefined>(Math.max(0, parents - parts.length)).fill(newBlob);
    const oldBlobs = [...byPart.map((m) => (m.has(path) ? m.get(path)!.oldBlobs[0] : newBlob)), ...same];
    return { path, oldBlobs, ...(newBlob ? { newBlob } : {}) };
  });
  return { ...first, changes };
}

/** A file a commit changed, with its path from the top of the repository. */
export interface TreeChange {
  readonly path: string;
  readonly oldBlob?: string;
  readonly newBlob?: string;
}

/**
 * Every file each of these commits (none a merge) changed anywhere in the repository, against its
 * parent, in one `git diff-tree` process: how a register that moved within its repository is seen.
 */
export async function readTreeChanges(
  root: string,
  env: Env,
  shas: readonly string[],
): Promise<Map<string, TreeChange[]>> {
  const found = new Map<string, TreeChange[]>();
  if (shas.length === 0) return found;
  const out = await runGit(root, env, ['diff-tree', '--stdin', '-r', '-z', '--raw', '--no-renames', '--no-abbrev'], {
    input: `${shas.join('\n')}\n`,
  }).then(
    (r) => r.stdout,
    (e: unknown) => {
      throw new UserError(`git diff-tree failed: ${stderrOf(e)}`, 'check the repository is intact (git fsck)');
    },
  );
  // A commit's id, then for each file its `:modes blobs status` and its path, all ended by NUL.
  const tokens = out.split('\0');
  let changes: TreeChange[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const meta = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) [A-Z]\d*$/.exec(token);
    if (meta && changes) {
      const path = tokens[++i] ?? '';
      changes.push({
        path,
        ...(NULL_SHA.test(meta[1]!) ? {} : { oldBlob: meta[1]! }),
        ...(NULL_SHA.test(meta[2]!) ? {} : { newBlob: meta[2]! }),
      });
    } else if (/^[0-9a-f]{40,64}$/.test(token.trim())) {
      changes = [];
      found.set(token.trim(), changes);
    }
  }
  return found;
}

/** A blob's text, or only its size when it is larger than any record may be. */
export type Blob = { readonly text: string } | { readonly tooLarge: number };

/**
 * The text of many blobs in one `git cat-file --batch` process, read as it streams: a blob over
 * `maxBytes` is skipped, not held, so a huge file committed once costs no memory.
 */
export async function readBlobs(
  root: string,
  env: Env,
  shas: Iterable<string>,
  maxBytes: number,
): Promise<Map<string, Blob>> {
  const wanted = [...new Set(shas)];
  const blobs = new Map<string, Blob>();
  if (wanted.length === 0) return blobs;
  // Between blobs: the bytes of a header line not yet ended. In a blob: its sha and size, the
  // bytes still to come with the line feed after them, and the parts kept (none when skipped).
  let header: Buffer[] = [];
  let blob: { sha: string; size: number; left: number; parts: Buffer[] | undefined } | undefined;
  const feed = (chunk: Buffer): void => {
    let at = 0;
    while (at < chunk.length) {
      if (blob) {
        const n = Math.min(blob.left, chunk.length - at);
        blob.parts?.push(chunk.subarray(at, at + Math.min(n, blob.left - 1)));
        blob.left -= n;
        at += n;
        if (blob.left > 0) continue;
        const { sha, size, parts } = blob;
        blobs.set(sha, parts ? { text: Buffer.concat(parts).toString('utf8') } : { tooLarge: size });
        blob = undefined;
        continue;
      }
      const eol = chunk.indexOf(0x0a, at);
      if (eol < 0) {
        header.push(chunk.subarray(at));
        break;
      }
      const [sha, type, size] = Buffer.concat([...header, chunk.subarray(at, eol)])
        .toString()
        .split(' ');
      header = [];
      at = eol + 1;
      if (type === 'missing' || size === undefined) continue;
      const length = Number(size);
      blob = { sha: sha!, size: length, left: length + 1, parts: length > maxBytes ? undefined : [] };
    }
  };
  await runGit(root, env, ['cat-file', '--batch'], { input: `${wanted.join('\n')}\n`, onStdout: feed }).catch(
    (e: unknown) => {
      throw new UserError(`git cat-file failed: ${stderrOf(e)}`, 'check the repository is intact (git fsck)');
    },
  );
  return blobs;
}

export async function isShallow(root: string, env: Env): Promise<boolean> {
  // Outside a repository git exits 128: nothing there is shallow.
  const { code, stdout } = await runGit(root, env, ['rev-parse', '--is-shallow-repository'], { accept: [GIT_FATAL] });
  return code === 0 && stdout.trim() === 'true';
}

/** What git said on its standard error when it failed. */
function stderrOf(e: unknown): string {
  return e instanceof GitError ? e.stderr.trim() : e instanceof Error ? e.message : String(e);
}

export const SHALLOW_HINT =
  'fetch the full history: git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab)';

/** The newest commit HEAD and `ref` both reach, or '' when their histories share none. */
export async function mergeBase(root: string, env: Env, ref: string): Promise<string> {
  try {
    // A ref is never an option: `--base=--independent` would otherwise change what git computes.
    if (ref.startsWith('-')) throw new Error('a ref cannot begin with "-"');
    // Exit 1, silently: no commit in common.
    return (await runGit(root, env, ['merge-base', '--end-of-options', ref, 'HEAD'], { accept: [1] })).stdout.trim();
  } catch (e) {
    throw new UserError(
      `no common history with ${ref}: ${(e instanceof GitError ? e.stderr.trim() || e.message : e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
      `fetch it first (git fetch origin), and check the name; a shallow clone also hides it (${SHALLOW_HINT})`,
    );
  }
}
