// Temporary git repositories with a fixed branch name and a test identity.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeTree } from './register.js';

const exec = promisify(execFile);

/** The environment commands run in under test, as the CLI would hand it down: git finds itself on
 * PATH and reads neither the developer's nor the system's configuration. */
export const TEST_ENV: Readonly<Record<string, string | undefined>> = {
  PATH: process.env.PATH,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return stdout;
}

/** A repository on branch main, with a local identity and the files committed. */
export async function gitRepo(files: Record<string, unknown>): Promise<string> {
  const dir = await writeTree(files);
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'config', 'user.name', 'Test User');
  await git(dir, 'config', 'user.email', 'test@example.com');
  await git(dir, 'config', 'commit.gpgsign', 'false');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '--quiet', '-m', 'initial');
  return dir;
}
