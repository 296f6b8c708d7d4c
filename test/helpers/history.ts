// Commits made by hand in a temporary register repository, and the history findings of
// `cim validate --base` or `--history` on it: what the history tests forge and judge.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import { git, gitRepo, TEST_ENV } from './git.js';
import { BASE_CONFIG } from './register.js';

export const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });

/** Files to write: text, data written as YAML, or null to remove the file. */
export type Files = Record<string, string | object | null>;

/** A repository whose main branch holds cim.yaml and `records`, with a branch `feature` checked out. */
export async function branch(...records: [string, Record<string, unknown>][]): Promise<string> {
  const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...Object.fromEntries(records) });
  await git(repo, 'switch', '-q', '-c', 'feature');
  return repo;
}

export async function write(repo: string, files: Files): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    if (content === null) {
      await rm(join(repo, file));
      continue;
    }
    await mkdir(dirname(join(repo, file)), { recursive: true });
    await writeFile(join(repo, file), typeof content === 'string' ? content : stringify(content));
  }
}

/** One commit by hand: each file written or removed, everything staged. Returns the short sha. */
export async function commit(repo: string, files: Files, message = 'hand edit'): Promise<string> {
  await write(repo, files);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', message);
  return head(repo);
}

export async function head(repo: string): Promise<string> {
  return (await git(repo, 'rev-parse', '--short=7', 'HEAD')).trim();
}

/** The history findings of `cim validate --base main` (or --history), as [rule, message], in the
 * order validate reports them (by file, line and rule). */
export async function findings(repo: string, scope: { base?: string; history?: boolean } = { base: 'main' }) {
  const { result } = await validateRegister({ ...scope, asOf: '2026-06-30' }, ctx(repo));
  return result.diagnostics.filter((d) => d.rule.startsWith('history/')).map((d) => [d.rule, d.message] as const);
}
