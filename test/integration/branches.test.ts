// Two people open the next NC at the same time, each in their own clone: both get NC-0002, and
// the branches collide as a git add/add conflict. `cim renumber` on the second branch, before it
// merges, reconciles them; the merged register is valid, and so is every commit since the base.
// Runs the built bin/cim; `npm run build` first (`npm test` does).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function clone(origin: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `cim-${name}-`));
  dirs.push(dir);
  await git(dir, 'clone', '--quiet', origin, '.');
  await git(dir, 'config', 'user.name', 'Test User');
  await git(dir, 'config', 'user.email', 'test@example.com');
  return dir;
}

async function cim(cwd: string, ...args: string[]): Promise<string> {
  const result = await runCli(args, { cwd });
  expect(result.code, `cim ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
  return result.stdout;
}

const openNc = (title: string) => [
  'nc',
  'open',
  '--title',
  title,
  '--grade',
  'minor',
  '--source-type',
  'self-identified',
  '--requirement',
  'A.7.2',
  '--area',
  'it',
  '--owner',
  'bob',
  '--description',
  `${title}.`,
  '--json',
];

describe('two branches that open the same NC id', () => {
  it('collide as add/add, and cim renumber on the second branch reconciles them', async () => {
    const seed = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(r.nc()) });
    const origin = await mkdtemp(join(tmpdir(), 'cim-origin-'));
    dirs.push(origin);
    await git(origin, 'clone', '--quiet', '--bare', seed, '.');
    const base = (await git(origin, 'rev-parse', 'main')).trim();
    const [a, b] = [await clone(origin, 'a'), await clone(origin, 'b')];

    // Neither clone can see the other's branch, so both take max + 1.
    await git(a, 'switch', '--quiet', '-c', 'door');
    expect(JSON.parse(await cim(a, ...openNc('Door propped open')))).toMatchObject({ id: 'NC-0002' });
    await git(b, 'switch', '--quiet', '-c', 'laptop');
    expect(JSON.parse(await cim(b, ...openNc('Laptop left unlocked')))).toMatchObject({ id: 'NC-0002' });

    // The first branch is merged into main.
    await git(a, 'switch', '--quiet', 'main');
    await git(a, 'merge', '--quiet', '--no-ff', '-m', 'Merge branch door', 'door');
    await git(a, 'push', '--quiet', 'origin', 'main');

    // The second branch cannot merge it: both added nonconformities/NC-0002.yaml.
    await git(b, 'fetch', '--quiet', 'origin');
    const merge = await git(b, 'merge', '-m', 'Merge main', 'origin/main').then(
      () => 'merged',
      (e: { stdout: string }) => e.stdout,
    );
    expect(merge).toContain('CONFLICT (add/add): Merge conflict in nonconformities/NC-0002.yaml');
    expect(await git(b, 'status', '--porcelain')).toBe('AA nonconformities/NC-0002.yaml\n');
    await git(b, 'merge', '--abort');

    // Renumbered to the next id free on every branch it can now see, it merges cleanly.
    expect(JSON.parse(await cim(b, ...openNc('x'), '--dry-run'))).toMatchObject({ id: 'NC-0003' });
    await cim(b, 'renumber', 'NC-0002', 'NC-0003');
    expect(await git(b, 'log', '-1', '--format=%(trailers:key=Cim-Renumbered,valueonly)')).toBe(
      'NC-0002 -> NC-0003\n\n',
    );
    await git(b, 'merge', '--quiet', '-m', 'Merge main', 'origin/main');
    expect(await git(b, 'status', '--porcelain')).toBe('');

    const title = async (id: string) =>
      /^title: (.*)$/m.exec(await readFile(join(b, `nonconformities/${id}.yaml`), 'utf8'))?.[1];
    expect(await title('NC-0002')).toBe('Door propped open');
    expect(await title('NC-0003')).toBe('Laptop left unlocked');
    expect(await readFile(join(b, 'nonconformities/NC-0003.yaml'), 'utf8')).toMatch(/^id: NC-0003$/m);

    // Valid as it stands, and every step since main, or since before either branch, was legal.
    await cim(b, 'validate');
    await cim(b, 'validate', '--base', 'origin/main');
    await cim(b, 'validate', '--base', base);

    // Merged into main, the register keeps both records and stays valid.
    await git(b, 'push', '--quiet', 'origin', 'laptop');
    await git(a, 'pull', '--quiet', '--no-rebase', 'origin', 'laptop');
    expect(await git(a, 'ls-files', 'nonconformities')).toBe(
      'nonconformities/NC-0001.yaml\nnonconformities/NC-0002.yaml\nnonconformities/NC-0003.yaml\n',
    );
    await cim(a, 'validate');
    await cim(a, 'validate', '--base', base);
  });
});
