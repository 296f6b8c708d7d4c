// A merge that stops on a conflict in the register: cim validate names the file, the line of the
// first marker and what to do, for a record both branches changed, for cim.yaml, and for a record
// both branches created under the same id. Run `npm run build` first.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const CRASH = /^\s+at |internal error|\b(Type|Range)Error\b/m;
const VALIDATE = ['validate', '--as-of', '2026-06-30'];

/** A repository where `ours` and `theirs` write these files on two branches, merged with a conflict. */
async function conflicted(ours: Record<string, unknown>, theirs: Record<string, unknown>): Promise<string> {
  const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
  const write = async (files: Record<string, unknown>) => {
    for (const [file, data] of Object.entries(files))
      await writeFile(join(repo, file), typeof data === 'string' ? data : stringify(data));
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '--quiet', '-m', 'change');
  };
  await git(repo, 'switch', '--quiet', '-c', 'theirs');
  await write(theirs);
  await git(repo, 'switch', '--quiet', 'main');
  await write(ours);
  await git(repo, 'merge', '--quiet', 'theirs').catch(() => undefined);
  return repo;
}

const lineOf = async (repo: string, file: string) =>
  (await readFile(join(repo, file), 'utf8')).split('\n').findIndex((l) => l.startsWith('<<<<<<< ')) + 1;

describe('cim validate during a merge conflict', () => {
  it('a record both branches changed: file/conflict at the first marker, resolve or abort', async () => {
    const file = 'nonconformities/NC-0001.yaml';
    const repo = await conflicted(
      Object.fromEntries([r.nc({ title: 'Access reviews skipped' })]),
      Object.fromEntries([r.nc({ title: 'Access reviews missed' })]),
    );
    const { code, stdout, stderr } = await runCli(VALIDATE, { cwd: repo });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:${await lineOf(repo, file)}:1  error  file/conflict  unresolved merge conflict`);
    expect(stdout).toContain(`git add ${file}`);
    expect(stdout).toContain('git merge --abort');
    expect(stdout).not.toContain('cim renumber');
    expect(stdout).not.toContain('yaml/syntax');
  });

  it('cim.yaml: the same, and every command that needs cim.yaml says so', async () => {
    const repo = await conflicted(
      { 'cim.yaml': { ...BASE_CONFIG, organisation: 'Test Company' } },
      { 'cim.yaml': { ...BASE_CONFIG, organisation: 'Test Co Ltd' } },
    );
    const { code, stdout } = await runCli(VALIDATE, { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toContain(`cim.yaml:${await lineOf(repo, 'cim.yaml')}:1  error  file/conflict`);
    expect(stdout).not.toContain('yaml/syntax');
    const status = await runCli(['status', '--as-of', '2026-06-30'], { cwd: repo });
    expect(status.stderr).not.toMatch(CRASH);
    expect(status.stderr).toContain('unresolved merge conflict');
  });

  it('a record both branches created under the same id: abort, renumber on one branch, merge again', async () => {
    const file = 'nonconformities/NC-0002.yaml';
    const repo = await conflicted(
      Object.fromEntries([r.nc({ title: 'Visitor log not kept' }, 'NC-0002')]),
      Object.fromEntries([r.nc({ title: 'Badges not returned' }, 'NC-0002')]),
    );
    expect(await git(repo, 'ls-files', '-u', '--', file)).not.toMatch(/ 1\t/);
    const { code, stdout } = await runCli(VALIDATE, { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:${await lineOf(repo, file)}:1  error  file/conflict`);
    expect(stdout).toContain('both branches created NC-0002');
    expect(stdout).toContain('git merge --abort');
    expect(stdout).toContain('cim renumber NC-0002');
  });
});
