// cim init as a user runs it: inside a repository that exists, with names YAML must quote, and
// when something stops it part way. Run `npm run build` first.
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { writeTree } from '../helpers/register.js';

const CRASH = /^\s+at |internal error|\b(Type|Range)Error\b/m;

/**
 * A new register validates; with --strict only its policy stands against it, one person's and not
 * yet recorded as approved, until cim.yaml names a second person and records the approval.
 */
async function validatesNew(cwd: string): Promise<void> {
  expect((await runCli(['validate'], { cwd })).code).toBe(0);
  const strict = await runCli(['validate', '--strict', '--format', 'json'], { cwd });
  const found = (JSON.parse(strict.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule);
  expect(found.sort()).toEqual(['policy/self-approved', 'policy/version-unapproved']);
}

describe('cim init inside an existing git repository', () => {
  it('makes the register a folder of that repository and commits only its own files there', async () => {
    const repo = await gitRepo({ 'README.md': 'hello\n', 'src/app.txt': 'v1\n' });
    await writeFile(join(repo, 'src/app.txt'), 'v2\n');
    await git(repo, 'add', 'src/app.txt');
    await writeFile(join(repo, 'README.md'), 'hello, unstaged\n');

    const result = await runCli(['init', 'isms/register', '--organisation', 'Example Ltd'], { cwd: repo });
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Created a cim register in ${join(repo, 'isms/register')}, in the git repository at ${repo}`,
    );

    // No second repository, one new commit holding the register's files and nothing else.
    expect(await readdir(join(repo, 'isms/register'))).not.toContain('.git');
    expect((await git(repo, 'log', '--format=%s')).trim().split('\n')).toEqual(['cim: start the register', 'initial']);
    const committed = (await git(repo, 'show', '--name-only', '--format=', 'HEAD')).trim().split('\n');
    expect(committed).toContain('isms/register/cim.yaml');
    expect(committed.every((f) => f.startsWith('isms/register/'))).toBe(true);
    // What the user had staged and changed is as it was.
    expect(await git(repo, 'status', '--porcelain')).toBe(' M README.md\nM  src/app.txt\n');

    await validatesNew(join(repo, 'isms/register'));
  });

  it('in the root of the repository too', async () => {
    const repo = await gitRepo({ 'README.md': 'hello\n' });
    const result = await runCli(['init'], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`in the git repository at ${repo}`);
    expect((await git(repo, 'log', '--format=%s')).trim().split('\n')).toHaveLength(2);
  });
});

describe('cim init inside a register', () => {
  it('is refused, naming the register it would be inside; nothing is written', async () => {
    const repo = await gitRepo({ 'README.md': 'hello\n' });
    expect((await runCli(['init', 'isms'], { cwd: repo })).code).toBe(0);
    const result = await runCli(['init', 'nested'], { cwd: join(repo, 'isms/nonconformities') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is inside the register at ${join(repo, 'isms')}`);
    expect(await readdir(join(repo, 'isms/nonconformities'))).toEqual(['.gitkeep']);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('cim init values', () => {
  it('writes names YAML must quote as YAML scalars, so they read back as given', async () => {
    const parent = await writeTree({});
    const organisation = 'Ödön "Q" #1: A&B';
    const name = "Grace O'Neil: #2 - lead";
    const result = await runCli(
      ['init', 'r', '--organisation', organisation, '--name', name, '--email', 'g@example.com'],
      {
        cwd: parent,
      },
    );
    expect(result.code).toBe(0);
    const config = parse(await readFile(join(parent, 'r/cim.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config.organisation).toBe(organisation);
    expect(config.people).toEqual([
      { id: 'grace-o-neil-2-lead', name, email: 'g@example.com', roles: ['isms-manager', 'mrt-member'], areas: [] },
    ]);
    await validatesNew(join(parent, 'r'));
  });

  it('keeps a long name on one line, where YAML would fold it', async () => {
    const parent = await writeTree({});
    const organisation = `The ${'Very '.repeat(20)}Long Name Holdings: Information Security Division Ltd`;
    expect((await runCli(['init', 'r', '--organisation', organisation], { cwd: parent })).code).toBe(0);
    const text = await readFile(join(parent, 'r/cim.yaml'), 'utf8');
    expect((parse(text) as Record<string, unknown>).organisation).toBe(organisation);
    await validatesNew(join(parent, 'r'));
  });

  it.each([
    ['--organisation', 'Example\nLtd', 'U+000A (line feed)'],
    ['--organisation', 'Example Ltd\u202e', 'U+202E (right-to-left override)'],
    ['--name', 'Grace\u001b]0;x\u0007', 'U+001B (escape)'],
    ['--name', '   ', 'is blank'],
    ['--email', 'g\u2028@example.com', 'U+2028 (line separator)'],
  ])('refuses %s %j with exit 2, and writes nothing', async (flag, value, named) => {
    const parent = await writeTree({});
    const result = await runCli(['init', 'r', flag, value], { cwd: parent });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cim: ${flag} `);
    expect(result.stderr).toContain(named);
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('cim init when something is in the way', () => {
  it('a file where a folder goes: exit 2 naming it, the file kept, nothing else left', async () => {
    const parent = await writeTree({ 'r/reviews': 'my notes\n' });
    const result = await runCli(['init', 'r'], { cwd: parent });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot create the register: ${join(parent, 'r/reviews')} is a file`);
    expect(await readdir(join(parent, 'r'))).toEqual(['reviews']);
    expect(await readFile(join(parent, 'r/reviews'), 'utf8')).toBe('my notes\n');
  });

  it('a commit git refuses: exit 2, and the folder and the .git init made are removed', async () => {
    const parent = await writeTree({});
    const result = await runCli(['init', 'new/register'], {
      cwd: parent,
      env: {
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: 'commit.gpgsign',
        GIT_CONFIG_VALUE_0: 'true',
        GIT_CONFIG_KEY_1: 'gpg.program',
        GIT_CONFIG_VALUE_1: 'false',
      },
    });
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git commit failed');
    expect(await readdir(parent)).toEqual([]);
  });

  // Permissions do not stop root; the injected failures of test/integration/init.test.ts do.
  it.skipIf(process.getuid?.() === 0)('a folder it may not write in: exit 2 naming it (EACCES)', async () => {
    const parent = await writeTree({});
    await mkdir(join(parent, 'locked'));
    await chmod(join(parent, 'locked'), 0o555);
    const result = await runCli(['init', 'locked/r'], { cwd: parent });
    await chmod(join(parent, 'locked'), 0o755);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(parent, 'locked/r')}: permission is denied (EACCES)`);
    expect(await readdir(join(parent, 'locked'))).toEqual([]);
  });
});
