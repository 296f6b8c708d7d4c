// Git, as a handful of small functions. Each takes the folder to run in and turns git's failures
// into errors that say how to fix them.
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../errors.js';

/**
 * simple-git counts a command as failed only when it wrote to stderr; a hook that exits 1 in
 * silence would pass. Every non-zero exit is a failure here.
 */
function git(dir: string): SimpleGit {
  return simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 4,
    errors(error, result) {
      if (error) return error;
      if (result.exitCode === 0) return undefined;
      const output = Buffer.concat([...result.stdErr, ...result.stdOut])
        .toString()
        .trim();
      return new Error(output || `git exited with code ${result.exitCode}`);
    },
  });
}

export async function isInsideWorkTree(dir: string): Promise<boolean> {
  try {
    return (await git(dir).raw(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

export async function initRepository(dir: string): Promise<void> {
  await git(dir).raw(['init', '--quiet']);
}

export interface Identity {
  readonly name: string;
  readonly email: string;
}

/** The identity git will commit as, or undefined when none is configured. */
export async function identity(dir: string): Promise<Identity | undefined> {
  try {
    const ident = (await git(dir).raw(['var', 'GIT_AUTHOR_IDENT'])).trim();
    const match = /^(.*) <([^>]*)>/.exec(ident);
    return match ? { name: match[1]!.trim(), email: match[2]!.trim() } : undefined;
  } catch {
    return undefined;
  }
}

export const NO_IDENTITY_HINT =
  'tell git who you are: git config --global user.name "Your Name" && git config --global user.email you@example.com';

/** Every path under `folder` that any branch (local or remote-tracking) has held, in one call. */
export async function pathsOnAllBranches(dir: string, folder: string): Promise<string[]> {
  try {
    return (await git(dir).raw(['log', '--all', '--format=', '--name-only', '--', folder])).split('\n').filter(Boolean);
  } catch {
    return []; // not a repository, or no commits yet: the working tree is all there is
  }
}

/** Whether HEAD is on a branch (or an unborn branch), rather than detached. */
export async function onBranch(dir: string): Promise<boolean> {
  try {
    await git(dir).raw(['symbolic-ref', '-q', 'HEAD']);
    return true;
  } catch {
    return false;
  }
}

/** Whether a file differs from HEAD, staged or not. */
export async function hasLocalChanges(dir: string, file: string): Promise<boolean> {
  return (await git(dir).raw(['status', '--porcelain', '--', file])).trim() !== '';
}

/** Takes a file out of the index again after a failed commit. */
export async function unstage(dir: string, file: string): Promise<void> {
  const g = git(dir);
  try {
    await g.raw(['reset', '-q', '--', file]);
  } catch {
    await g.raw(['rm', '--cached', '-q', '--ignore-unmatch', '--', file]).catch(() => undefined);
  }
}

/** Stages exactly these files and commits only them, leaving anything else staged as it was. */
export async function commitFiles(dir: string, files: readonly string[], message: string): Promise<string> {
  const g = git(dir);
  try {
    await g.raw(['add', '--all', '--', ...files]);
    await g.raw(['commit', '--quiet', '-m', message, '--', ...files]);
    return (await g.raw(['rev-parse', 'HEAD'])).trim();
  } catch (e) {
    throw new UserError(`git commit failed: ${firstLine(e)}`, 'fix the git problem above and run the command again');
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim().split('\n')[0] ?? '';
}
