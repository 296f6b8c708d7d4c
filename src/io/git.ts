// Git, as a handful of small functions. Each takes the folder to run in and turns git's failures
// into errors that say how to fix them.
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../errors.js';

function git(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, maxConcurrentProcesses: 4 });
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

/** Stages exactly these files and commits only them, leaving anything else staged as it was. */
export async function commitFiles(dir: string, files: readonly string[], message: string): Promise<string> {
  const g = git(dir);
  try {
    await g.raw(['add', '--', ...files]);
    await g.raw(['commit', '--quiet', '-m', message, '--', ...files]);
    return (await g.raw(['rev-parse', 'HEAD'])).trim();
  } catch (e) {
    throw new UserError(`git commit failed: ${firstLine(e)}`, 'fix the git problem above and run the command again');
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim().split('\n')[0] ?? '';
}
