// cim init where no register can live: in a bare repository, or inside the folder where git keeps
// a repository's own data; and where -C points. Run `npm run build` first.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { writeTree } from '../helpers/register.js';

const CRASH = /^\s+at |internal error|\b(Type|Range)Error\b/m;

describe('cim init in a place that holds git data', () => {
  it('a bare repository is refused (exit 2): it has no work tree, and nothing is written in it', async () => {
    const dir = await writeTree({});
    await git(dir, 'init', '--quiet', '--bare', 'b.git');
    const before = await readdir(join(dir, 'b.git'));
    const result = await runCli(['init', 'b.git', '--organisation', 'F'], { cwd: dir });
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cim: ${join(dir, 'b.git')} is a bare git repository`);
    expect(result.stderr).toContain('hint: clone it and create the register in the clone');
    expect(await readdir(join(dir, 'b.git'))).toEqual(before);
  });

  it('a folder inside a bare repository is refused too', async () => {
    const dir = await writeTree({});
    await git(dir, 'init', '--quiet', '--bare', 'b.git');
    const result = await runCli(['init', 'isms'], { cwd: join(dir, 'b.git', 'refs') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is inside the bare git repository ${join(dir, 'b.git')}`);
    expect(await readdir(join(dir, 'b.git', 'refs'))).toEqual(['heads', 'tags']);
  });

  it('run inside .git, it is refused (exit 2), naming the work tree to use instead', async () => {
    const repo = await gitRepo({ 'README.md': 'hello\n' });
    const before = await readdir(join(repo, '.git'));
    const result = await runCli(['init', 'x'], { cwd: join(repo, '.git') });
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `cim: ${join(repo, '.git', 'x')} is inside ${join(repo, '.git')}, the folder where git keeps the data of the repository at ${repo}`,
    );
    expect(result.stderr).toContain(`hint: create the register in the work tree: cim init ${join(repo, 'x')}`);
    expect(await readdir(join(repo, '.git'))).toEqual(before);
    expect((await git(repo, 'log', '--format=%s')).trim()).toBe('initial');
  });

  it('the work tree beside .git is fine', async () => {
    const repo = await gitRepo({ 'README.md': 'hello\n' });
    const result = await runCli(['init', 'x'], { cwd: repo });
    expect(result.code).toBe(0);
  });
});

describe('cim -C DIR init', () => {
  it('creates the register relative to DIR, as every other command reads -C', async () => {
    const dir = await writeTree({ 'clients/.keep': '' });
    const result = await runCli(['-C', 'clients', 'init', 'acme', '--organisation', 'Acme'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Created a cim register in ${join(dir, 'clients', 'acme')}`);
    expect(await readdir(join(dir, 'clients', 'acme'))).toContain('cim.yaml');
    expect(await readdir(dir)).toEqual(['clients']);
  });
});
