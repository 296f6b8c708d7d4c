// Git, as a handful of small functions. Each takes the folder to run in and turns git's failures
// into errors that say how to fix them.
import { copyFile, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { GIT_FATAL as FATAL, runGit, type Env, type GitCall } from './git-run.js';

/** git's output, when it exits 0 (or with a code `call` accepts). */
const run = async (dir: string, env: Env, args: readonly string[], call?: GitCall): Promise<string> =>
  (await runGit(dir, env, args, call)).stdout;

export async function isInsideWorkTree(dir: string, env: Env): Promise<boolean> {
  const { code, stdout } = await runGit(dir, env, ['rev-parse', '--is-inside-work-tree'], { accept: [FATAL] });
  return code === 0 && stdout.trim() === 'true';
}

export async function initRepository(dir: string, env: Env): Promise<void> {
  await run(dir, env, ['init', '--quiet']);
}

export interface Identity {
  readonly name: string;
  readonly email: string;
}

/** The identity git will commit as, or undefined when none is configured. */
export async function identity(dir: string, env: Env): Promise<Identity | undefined> {
  // git exits 128 when it has no identity (and outside a repository with none configured).
  const { code, stdout } = await runGit(dir, env, ['var', 'GIT_AUTHOR_IDENT'], { accept: [FATAL] });
  const match = code === 0 ? /^(.*) <([^>]*)>/.exec(stdout.trim()) : null;
  return match ? { name: match[1]!.trim(), email: match[2]!.trim() } : undefined;
}

export const NO_IDENTITY_HINT =
  'tell git who you are: git config --global user.name "Your Name" && git config --global user.email you@example.com';

/**
 * Every path under `folder` that any ref (branches local and remote-tracking, tags) has held, in
 * one call; with `seen`, only in commits those commits do not reach, so history once read is not
 * read again. Undefined when git cannot tell (a commit in `seen` is gone).
 */
export async function pathsOnAllBranches(
  dir: string,
  env: Env,
  folder: string,
  seen: readonly string[] = [],
): Promise<string[] | undefined> {
  const not = seen.length ? ['--not', ...seen] : [];
  const { code, stdout } = await runGit(dir, env, ['log', '--format=', '--name-only', '--all', ...not, '--', folder], {
    accept: [FATAL],
  });
  // Not a repository, or no commits yet: the working tree is all there is.
  if (code !== 0) return seen.length ? undefined : [];
  return stdout.split('\n').filter(Boolean);
}

/** The commits every ref and HEAD point at, as `git log --all` starts from them. */
export async function refTips(dir: string, env: Env): Promise<string[]> {
  // Without commits, HEAD names nothing and git exits 128.
  const { code, stdout } = await runGit(dir, env, ['rev-parse', '--all', 'HEAD'], { accept: [FATAL] });
  if (code !== 0) return [];
  return [...new Set(stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)))];
}

/** Whether HEAD is on a branch (or an unborn branch), rather than detached. */
export async function onBranch(dir: string, env: Env): Promise<boolean> {
  // -q: exit 1, silently, when HEAD is detached.
  return (await runGit(dir, env, ['symbolic-ref', '-q', 'HEAD'], { accept: [1] })).code === 0;
}

/**
 * Which of these files differ from HEAD, staged or not, as `/`-separated paths relative to the
 * work tree's top. Asked in batches, so the command line stays short.
 */
export async function filesWithLocalChanges(dir: string, env: Env, files: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < files.length; i += 500) {
    const batch = files.slice(i, i + 500);
    const status = await run(dir, env, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...batch]);
    for (const entry of status.split('\0')) if (entry.length > 3) out.add(entry.slice(3));
  }
  return out;
}

/** Every file of the work tree that differs from HEAD, or is untracked, relative to its top. */
export async function allLocalChanges(dir: string, env: Env): Promise<string[]> {
  const status = await run(dir, env, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  return status
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
}

/**
 * The files under `dir` that both sides of a merge added, relative to it: an add/add conflict, for
 * which git holds the two versions (stages 2 and 3) and no common one (stage 1). Empty outside a
 * repository.
 */
export async function addedOnBothSides(dir: string, env: Env): Promise<Set<string>> {
  const stages = new Map<string, string>();
  const { code, stdout } = await runGit(dir, env, ['ls-files', '--unmerged', '-z'], { accept: [FATAL] });
  if (code !== 0) return new Set();
  for (const entry of stdout.split('\0')) {
    const m = /^\d+ [0-9a-f]+ ([123])\t([^]+)$/.exec(entry);
    if (m) stages.set(m[2]!, `${stages.get(m[2]!) ?? ''}${m[1]!}`);
  }
  return new Set([...stages].filter(([, s]) => !s.includes('1') && s.includes('2') && s.includes('3')).map(([f]) => f));
}

/** A git operation that stops cim from committing, with the commands that finish or abort it. */
export interface GitOperation {
  readonly what: string;
  readonly finish: string;
}

/**
 * The merge, cherry-pick, revert, rebase or bisect in progress in this git folder, if any. A commit
 * made in the middle of one would take the operation's state (its author, its half-merged index)
 * or leave it in a state git cannot continue from.
 */
export async function operationInProgress(gitDir: string): Promise<GitOperation | undefined> {
  const has = (name: string) =>
    stat(join(gitDir, name)).then(
      () => true,
      () => false,
    );
  const OPERATIONS: readonly (readonly [string, GitOperation])[] = [
    ['rebase-merge', { what: 'a rebase', finish: 'git rebase --continue, or git rebase --abort' }],
    ['rebase-apply', { what: 'a rebase or git am', finish: 'git rebase --continue (git am --continue), or --abort' }],
    ['MERGE_HEAD', { what: 'a merge', finish: 'git commit to conclude it, or git merge --abort' }],
    ['CHERRY_PICK_HEAD', { what: 'a cherry-pick', finish: 'git cherry-pick --continue, or git cherry-pick --abort' }],
    ['REVERT_HEAD', { what: 'a revert', finish: 'git revert --continue, or git revert --abort' }],
    ['BISECT_LOG', { what: 'a bisect', finish: 'git bisect reset' }],
  ];
  for (const [name, op] of OPERATIONS) if (await has(name)) return op;
  return undefined;
}

/**
 * Where git keeps its data for the work tree holding `start`: the folder of the nearest `.git`
 * above it, as git finds it. Found without running git, so read commands can afford it.
 */
export async function findGitDir(start: string): Promise<{ top: string; gitDir: string } | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const found = await stat(dotGit).catch(() => undefined);
    if (found?.isDirectory()) return { top: dir, gitDir: dotGit };
    if (found?.isFile()) {
      // A linked work tree or a submodule: `.git` is a file naming the real folder.
      const link = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''));
      if (link) return { top: dir, gitDir: resolve(dir, link[1]!.trim()) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Paths for `--stdin -z` and `--pathspec-from-file=- --pathspec-file-nul`. */
const nulList = (paths: readonly string[]) => paths.map((p) => `${p}\0`).join('');

/** The commit HEAD points at, or undefined on a branch with no commits yet. */
export async function headCommit(dir: string, env: Env): Promise<string | undefined> {
  try {
    // Exit code 1 and silence is git's answer for an unborn branch; anything else is a failure.
    const { code, stdout } = await runGit(dir, env, ['rev-parse', '--verify', '-q', 'HEAD'], { accept: [1] });
    return code === 0 ? stdout.trim() : undefined;
  } catch (e) {
    throw new UserError(`git cannot read HEAD: ${firstLine(e)}`, 'fix the git problem above and run the command again');
  }
}

export async function parentsOf(dir: string, env: Env, commit: string): Promise<string[]> {
  return (await run(dir, env, ['rev-list', '--parents', '-n', '1', commit])).trim().split(' ').slice(1);
}

/** The index file cim commits through, beside the real one; named by process so a leftover can be found. */
export function ownIndexFile(gitDir: string, pid: number): string {
  return join(gitDir, `cim-index-${pid}`);
}

/**
 * Stages these files, as they are in the work tree, in an index file of its own built from HEAD
 * (keeping the real index's cached file stats, so git need not re-read every file). The real
 * index, and whatever is staged in it, is not touched.
 */
export async function stageInOwnIndex(
  dir: string,
  env: Env,
  files: readonly string[],
  gitDir: string,
  base: string | undefined,
): Promise<string> {
  const indexFile = ownIndexFile(gitDir, process.pid);
  const extraEnv = { GIT_INDEX_FILE: indexFile };
  try {
    if (base) {
      await copyFile(join(gitDir, 'index'), indexFile).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await run(dir, env, ['read-tree', '-i', '-m', base], { extraEnv });
    } else {
      await run(dir, env, ['read-tree', '--empty'], { extraEnv });
    }
    // The copied index holds each file's size and times as git last saw them, and git trusts them:
    // a record rewritten to the same length in the same second would look unchanged and not be
    // staged. Its entries go first, so each file cim wrote is hashed as it is now.
    await run(dir, env, ['update-index', '--force-remove', '-z', '--stdin'], { extraEnv, input: nulList(files) });
    await run(dir, env, ['update-index', '--add', '--remove', '-z', '--stdin'], { extraEnv, input: nulList(files) });
    return indexFile;
  } catch (e) {
    throw commitFailed(e);
  }
}

/**
 * Commits that index file: hooks run and HEAD moves in one step, as with any `git commit`. The
 * message goes to git on its standard input, so no title is too long for a command line.
 */
export async function commitOwnIndex(dir: string, env: Env, message: string, indexFile: string): Promise<string> {
  try {
    await run(dir, env, ['commit', '--quiet', '--file=-'], { extraEnv: { GIT_INDEX_FILE: indexFile }, input: message });
  } catch (e) {
    throw silent(e) ? await refusedInSilence(dir, env, e) : commitFailed(e);
  }
  return (await run(dir, env, ['rev-parse', 'HEAD'])).trim();
}

/** Sets the real index's entries for these files to HEAD's: after a commit, nothing of them is staged. */
export async function matchIndexToHead(dir: string, env: Env, files: readonly string[]): Promise<void> {
  try {
    await run(dir, env, ['reset', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], {
      input: nulList(files),
    });
  } catch (e) {
    throw new UserError(
      `git could not update the index: ${firstLine(e)}`,
      'fix the git problem above; the next cim command then finishes the change',
    );
  }
}

/** Commits exactly these files, leaving anything else staged or changed as it was. */
export async function commitFiles(dir: string, env: Env, files: readonly string[], message: string): Promise<string> {
  const found = await findGitDir(dir);
  if (!found) throw commitFailed(new Error('not a git repository'));
  const indexFile = ownIndexFile(found.gitDir, process.pid);
  try {
    await stageInOwnIndex(dir, env, files, found.gitDir, await headCommit(dir, env));
    const sha = await commitOwnIndex(dir, env, message, indexFile);
    await matchIndexToHead(dir, env, files);
    return sha;
  } finally {
    await rm(indexFile, { force: true });
  }
}

/** The hooks that can stop a commit, in the order git runs them. */
const COMMIT_HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg'] as const;

/** Whether git failed and printed nothing at all. */
function silent(e: unknown): boolean {
  const { message, exitCode } = e as Error & { exitCode?: unknown };
  return message === `git exited with code ${String(exitCode)}`;
}

/**
 * A commit git refused without a word: nearly always a hook that exits non-zero in silence. The
 * hooks are named where git looks for them (core.hooksPath, or the git folder's hooks/).
 */
async function refusedInSilence(dir: string, env: Env, e: unknown): Promise<UserError> {
  const folder = await run(dir, env, ['rev-parse', '--git-path', 'hooks']).then(
    (out) => resolve(dir, out.trim()),
    () => undefined,
  );
  const hooks: { name: string; path: string }[] = [];
  for (const name of folder ? COMMIT_HOOKS : []) {
    const path = join(folder!, name);
    const found = await stat(path).catch(() => undefined);
    if (found?.isFile() && (found.mode & 0o111) !== 0) hooks.push({ name, path });
  }
  const cause =
    hooks.length === 1
      ? `the ${hooks[0]!.name} hook ${hooks[0]!.path} stopped it`
      : hooks.length > 1
        ? `one of its hooks stopped it (${hooks.map((h) => h.path).join(', ')})`
        : `git exited with code ${String((e as { exitCode?: unknown }).exitCode)}; a commit hook (pre-commit, commit-msg) may have stopped it${folder ? ` (git looks for them in ${folder})` : ''}`;
  return new UserError(
    `git commit failed, and git gave no reason: ${cause}`,
    'run `git commit` by hand to see it fail, or read the hook to see what it requires; nothing was committed',
  );
}

function commitFailed(e: unknown): UserError {
  return new UserError(`git commit failed: ${firstLine(e)}`, 'fix the git problem above and run the command again');
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim().split('\n')[0] ?? '';
}
