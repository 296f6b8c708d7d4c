// What cim must not do to a repository in a state it cannot commit into, and how it meets the
// machine's own failures: git operations in progress, commit hooks that change files and fail,
// stale locks, leftovers of a kill, a full disk, long commit messages. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { commitOwnIndex, stageInOwnIndex } from '../../src/io/git.js';
import { BIN, runCli, testEnv } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const ENV = { CIM_TODAY: '2026-06-30' };
const NC_FILE = 'nonconformities/NC-0001.yaml';
const CORRECT = ['nc', 'correct', 'NC-0001', '--action', 'Ran the review.', '--consequences', 'None found.'];
const PROPOSE = [
  'ofi', 'propose', '--title', 'Idea', '--source-type', 'self-identified', '--description', 'd', '--benefit', 'b',
  '--owner', 'alice',
]; // prettier-ignore
const CRASH = /internal error|^\s+at |\b(Type|Range|Reference)Error\b/m;

async function register(extra: Record<string, unknown> = {}): Promise<string> {
  return gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, 'README.md': 'one\n', ...r.files(r.nc()), ...extra });
}

/** Everything git keeps about where the repository stands, to compare before and after. */
async function gitState(repo: string): Promise<string> {
  const gitDir = join(repo, '.git');
  const names = (await readdir(gitDir)).filter((n) => /^[A-Z_]+$|^rebase-|^BISECT/.test(n)).sort();
  const heads = await Promise.all(
    names.map(async (n) => `${n}=${await readFile(join(gitDir, n), 'utf8').catch(() => '(dir)')}`),
  );
  return [
    await git(repo, 'rev-parse', 'HEAD'),
    await git(repo, 'status', '--porcelain=v1', '--untracked-files=all'),
    await git(repo, 'ls-files', '--stage'),
    ...heads,
  ].join('\n');
}

/** A commit on a side branch and one on main that touch README.md differently. */
async function conflicting(repo: string): Promise<void> {
  await git(repo, 'switch', '-q', '-c', 'side');
  await writeFile(join(repo, 'README.md'), 'side\n');
  await git(repo, 'commit', '-q', '-am', 'side');
  await git(repo, 'switch', '-q', 'main');
  await writeFile(join(repo, 'README.md'), 'main\n');
  await git(repo, 'commit', '-q', '-am', 'main');
}

const failing = async (repo: string, ...args: string[]) => {
  await git(repo, ...args).catch(() => undefined); // stops in conflict, as intended
};

describe('a git operation in progress', () => {
  const operations: [string, string, (repo: string) => Promise<void>, RegExp][] = [
    ['a merge', 'MERGE_HEAD', (repo) => failing(repo, 'merge', '-q', 'side'), /git merge --abort/],
    ['a cherry-pick', 'CHERRY_PICK_HEAD', (repo) => failing(repo, 'cherry-pick', 'side'), /git cherry-pick --abort/],
    [
      'a revert',
      'REVERT_HEAD',
      async (repo) => {
        // Reverting main's change to README.md, which a later commit changed again, conflicts.
        await writeFile(join(repo, 'README.md'), 'later\n');
        await git(repo, 'commit', '-q', '-am', 'later');
        await failing(repo, 'revert', '--no-edit', 'HEAD~1');
      },
      /git revert --abort/,
    ],
    ['a rebase', 'rebase-merge', (repo) => failing(repo, 'rebase', '-q', '--merge', 'side'), /git rebase --abort/],
    ['a bisect', 'BISECT_LOG', (repo) => git(repo, 'bisect', 'start').then(() => undefined), /git bisect reset/],
  ];
  it.each(operations)(
    '%s: the step is refused with the command that ends it, and git is left as it was',
    async (what, file, begin, finish) => {
      const repo = await register();
      await conflicting(repo);
      await begin(repo);
      expect((await readdir(join(repo, '.git'))).includes(file), `${file} is there`).toBe(true);
      const before = await gitState(repo);
      const nc = await readFile(join(repo, NC_FILE), 'utf8');
      const result = await runCli(CORRECT, { cwd: repo, env: ENV });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${what}`);
      expect(result.stderr).toMatch(finish);
      expect(result.stderr).not.toMatch(CRASH);
      expect(await gitState(repo)).toBe(before);
      expect(await readFile(join(repo, NC_FILE), 'utf8')).toBe(nc);
    },
  );

  it('--no-commit still writes, as it commits nothing', async () => {
    const repo = await register();
    await conflicting(repo);
    await failing(repo, 'merge', '-q', 'side');
    const result = await runCli([...CORRECT, '--no-commit'], { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(repo, NC_FILE), 'utf8')).toMatch(/status: corrected/);
  });
});

describe('a commit hook that changes files and fails', () => {
  it("puts back cim's own file and names what the hook left", async () => {
    const repo = await register();
    const hook = [
      '#!/bin/sh',
      `printf '# reformatted\\n' >> ${NC_FILE}`,
      "printf 'made by the hook\\n' > hook-output.txt",
      "printf 'changed by the hook\\n' >> README.md",
      'echo "lint: two problems" >&2',
      'exit 1',
    ].join('\n');
    await writeFile(join(repo, '.git/hooks/pre-commit'), `${hook}\n`, { mode: 0o755 });
    const before = await readFile(join(repo, NC_FILE), 'utf8');
    const head = await git(repo, 'rev-parse', 'HEAD');
    const result = await runCli(CORRECT, { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/git commit failed: lint: two problems/);
    expect(result.stderr).toMatch(/put back nonconformities\/NC-0001\.yaml as it was before the command/);
    expect(result.stderr).toMatch(/the hook left changes in README\.md, hook-output\.txt/);
    expect(await readFile(join(repo, NC_FILE), 'utf8')).toBe(before);
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
    // What the hook made is the person's to judge: left as the hook left it.
    expect(await readFile(join(repo, 'hook-output.txt'), 'utf8')).toBe('made by the hook\n');
    expect((await readdir(join(repo, '.git'))).filter((e) => /^cim-(journal|index)/.test(e))).toEqual([]);
  });
});

describe('the write lock', () => {
  it('is not held for ever by a live process that took the pid of a dead holder', async () => {
    const repo = await register();
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const journal = { version: 1, pid: stranger.pid, started: 'a process that has since ended' };
      await writeFile(join(repo, '.git/cim-journal.json'), JSON.stringify(journal));
      const result = await runCli(CORRECT, { cwd: repo, env: ENV });
      expect(result.code, result.stderr).toBe(0);
      expect(await readFile(join(repo, NC_FILE), 'utf8')).toMatch(/status: corrected/);
    } finally {
      stranger.kill();
    }
  });

  it('a stale journal of a dead process is settled: its half-written file is put back', async () => {
    const repo = await register();
    const before = await readFile(join(repo, NC_FILE), 'utf8');
    const half = `${before}notes: half written\n`;
    await writeFile(join(repo, NC_FILE), half);
    const head = (await git(repo, 'rev-parse', 'HEAD')).trim();
    const journal = {
      version: 1,
      pid: 2 ** 22 + 17, // above Linux's largest pid: no such process
      started: 'gone',
      commit: true,
      head,
      files: [{ file: NC_FILE, before, after: half }],
    };
    await writeFile(join(repo, '.git/cim-journal.json'), JSON.stringify(journal));
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(repo, NC_FILE), 'utf8')).toBe(before);
    expect((await readdir(join(repo, '.git'))).includes('cim-journal.json')).toBe(false);
  });

  it('the index file a killed command left is removed by the next command', async () => {
    const repo = await register();
    await writeFile(join(repo, `.git/cim-index-${2 ** 22 + 17}`), 'left by a kill');
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(join(repo, '.git'))).filter((e) => e.startsWith('cim-index'))).toEqual([]);
  });
});

describe('the machine fails while writing', () => {
  // CIM_TEST_FAIL=N:CODE makes the Nth step of the write fail as the system would.
  it.each([
    ['ENOSPC', 1, /cannot write \.git\/cim-journal\.json: no space is left on the device \(ENOSPC\)/],
    ['EROFS', 3, /cannot write nonconformities\/NC-0001\.yaml: the file system is read-only \(EROFS\)/],
    ['EACCES', 4, /cannot write nonconformities\/NC-0001\.yaml: permission denied \(EACCES\)/],
    ['EPERM', 5, /the operation is not permitted \(EPERM\)/],
  ])('%s at step %i: exit 2, the path and the cause, nothing half-written', async (code, step, says) => {
    const repo = await register();
    const before = await readFile(join(repo, NC_FILE), 'utf8');
    const head = await git(repo, 'rev-parse', 'HEAD');
    const result = await runCli(CORRECT, { cwd: repo, env: { ...ENV, CIM_TEST_FAIL: `${step}:${code}` } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(CRASH);
    expect(await readFile(join(repo, NC_FILE), 'utf8')).toBe(before);
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect((await readdir(join(repo, '.git'))).filter((e) => /^\.?cim-(journal|index)/.test(e))).toEqual([]);
    expect((await readdir(join(repo, 'nonconformities'))).filter((e) => e.endsWith('.tmp'))).toEqual([]);
  });

  it('a commit message longer than a command line may be is passed to git on its input', async () => {
    const repo = await register();
    const subject = `nc(NC-0001): correct — ${'a long title '.repeat(12_000)}`; // ~150 KB: one argument may hold 128 KiB
    await writeFile(join(repo, 'README.md'), 'two\n');
    const index = await stageInOwnIndex(
      repo,
      process.env,
      ['README.md'],
      join(repo, '.git'),
      (await git(repo, 'rev-parse', 'HEAD')).trim(),
    );
    await commitOwnIndex(repo, process.env, `${subject}\n\nCim-Action: correct\n`, index);
    expect((await git(repo, 'log', '-1', '--format=%s')).trim()).toBe(subject.trim());
  });

  it('a file changed to the same size within the second the index saw it is committed as it is now', async () => {
    // Git's index keeps each file's size and times, and trusts them: a file rewritten to the same
    // length in the same second looks unchanged to it. cim stages what it wrote whatever they say.
    const repo = await register();
    await git(repo, 'config', 'core.trustctime', 'false');
    const file = join(repo, 'README.md');
    // The index saw README.md as written ten seconds ago, so its entry is no racy one git rechecks.
    const then = new Date(Date.now() - 10_000);
    await utimes(file, then, then);
    await git(repo, 'add', 'README.md');
    await writeFile(file, 'two\n');
    await utimes(file, then, then);
    const index = await stageInOwnIndex(
      repo,
      process.env,
      ['README.md'],
      join(repo, '.git'),
      (await git(repo, 'rev-parse', 'HEAD')).trim(),
    );
    await commitOwnIndex(repo, process.env, 'Change README\n\nCim-Action: edit\n', index);
    expect(await git(repo, 'show', 'HEAD:README.md')).toBe('two\n');
  });
});

describe('output that cannot be written', () => {
  /** Runs bin/cim with its standard output sent to this file, and returns its exit code and stderr. */
  async function printingTo(path: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
    const out = await open(path, 'w');
    try {
      const child = spawn(process.execPath, [BIN, ...args], {
        stdio: ['ignore', out.fd, 'pipe'],
        env: await testEnv(),
      });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      return { code, stderr };
    } finally {
      await out.close();
    }
  }

  it.skipIf(!existsSync('/dev/full'))('a full disk: exit 2 and the cause, no stack trace', async () => {
    const result = await printingTo('/dev/full', ['-C', 'examples/acme', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('cim: cannot print the output: no space is left on the device (ENOSPC)\n');
  });

  it.skipIf(!existsSync('/dev/full'))(
    'after a commit: exit 3, naming the commit, so it is not made twice',
    async () => {
      const repo = await register();
      const result = await printingTo('/dev/full', ['-C', repo, ...PROPOSE]);
      const sha = (await git(repo, 'rev-parse', '--short', 'HEAD')).trim();
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`the change was made and committed as ${sha}`);
      expect(result.stderr).toContain('do not run the command again');
    },
  );
});

describe('a list to choose from that cim.yaml leaves empty', () => {
  it('without a terminal: says which list is empty and how to fill it', async () => {
    const repo = await gitRepo({
      'cim.yaml': { ...BASE_CONFIG, people: people.map((p) => ({ ...p, areas: [] })), areas: [] },
    });
    const result = await runCli(
      [
        'nc',
        'open',
        '--title',
        'Door left open',
        '--grade',
        'minor',
        '--source-type',
        'self-identified',
        '--requirement',
        'A.7.1',
        '--area',
        'it',
        '--owner',
        'alice',
        '--description',
        'Found open.',
      ],
      { cwd: repo, env: ENV },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--area must name one of the areas in cim\.yaml, and cim\.yaml lists none/);
    expect(result.stderr).toMatch(/hint: add one under `areas:`/);
  });
});

describe('a history of many forged steps to one record', () => {
  it('lists the first problems of the file and counts the rest, as the other layers do', async () => {
    const repo = await register();
    const text = await readFile(join(repo, NC_FILE), 'utf8');
    for (let i = 0; i < 60; i++) {
      await writeFile(join(repo, NC_FILE), text.replace('status: open', i % 2 ? 'status: open' : 'status: closed'));
      await git(repo, 'commit', '-q', '-am', `flip ${i}`);
    }
    const result = await runCli(['--json', 'validate', '--history', '--as-of', '2026-06-30'], { cwd: repo, env: ENV });
    const report = JSON.parse(result.stdout) as { diagnostics: { rule: string; file: string; message: string }[] };
    const history = report.diagnostics.filter((d) => d.file === NC_FILE && d.rule.startsWith('history/'));
    expect(history).toHaveLength(50);
    const more = report.diagnostics.filter((d) => d.file === NC_FILE && d.rule === 'file/more-problems');
    expect(more.map((d) => d.message)).toEqual(['10 more problems in this file']);
  });
});

describe('a day set by CIM_TODAY', () => {
  it('is said in the commit, so a replayed history is told from one written on the day', async () => {
    const repo = await register();
    expect((await runCli(CORRECT, { cwd: repo, env: ENV })).code).toBe(0);
    expect(await git(repo, 'log', '-1', '--format=%B')).toContain('Cim-Today: 2026-06-30 (set by CIM_TODAY)\n');
    expect((await runCli(['edit', 'NC-0001', '--set', 'evidence=Ticket 7'], { cwd: repo })).code).toBe(0);
    expect(await git(repo, 'log', '-1', '--format=%B')).not.toContain('Cim-Today');
  });
});

describe('a commit that would rely on what is not committed', () => {
  it('is refused when cim.yaml has uncommitted changes, so HEAD never names a person it lacks', async () => {
    const repo = await register();
    const config = await readFile(join(repo, 'cim.yaml'), 'utf8');
    await writeFile(
      join(repo, 'cim.yaml'),
      config.replace('people:\n', 'people:\n  - id: zed\n    name: Zed New\n    roles: [staff]\n    areas: []\n'),
    );
    const head = await git(repo, 'rev-parse', 'HEAD');
    const result = await runCli(['edit', 'NC-0001', '--set', 'owner=zed'], { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/cim\.yaml has uncommitted changes, and this change relies on it/);
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
    // Written without a commit, it is the person's to commit with cim.yaml.
    expect((await runCli(['edit', 'NC-0001', '--set', 'owner=zed', '--no-commit'], { cwd: repo, env: ENV })).code).toBe(
      0,
    );
  });

  it('is refused when a record it links to is not committed', async () => {
    const repo = await register();
    const analysed = {
      status: 'analysed',
      correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
      analysis: { method: '5-whys', root_cause: 'No owner.', similar: { exist: false, could_occur: false } },
      action_required: true,
    };
    await writeFile(join(repo, 'nonconformities/NC-0002.yaml'), stringify({ ...r.nc(analysed, 'NC-0002')[1] }));
    const plan = [
      'ca',
      'plan',
      '--nc',
      'NC-0002',
      '--title',
      'Fix',
      '--action',
      'Fix it.',
      '--addresses',
      'No owner for the review',
      '--owner',
      'bob',
      '--due',
      '2026-12-31',
    ];
    const result = await runCli(plan, { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /nonconformities\/NC-0002\.yaml has uncommitted changes, and this change relies on it/,
    );
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('?? nonconformities/NC-0002.yaml\n');
  });
});

describe('a new record whose commit fails', () => {
  it('leaves no folder it made for it', async () => {
    const repo = await register();
    await writeFile(join(repo, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const result = await runCli(PROPOSE, { cwd: repo, env: ENV });
    expect(result.code, result.stderr).toBe(2);
    expect(await readdir(repo)).not.toContain('improvements');
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('the history check and changes not yet committed', () => {
  it('says which record files it did not judge, as a warning', async () => {
    const repo = await register();
    const text = await readFile(join(repo, NC_FILE), 'utf8');
    await writeFile(join(repo, NC_FILE), text.replace('status: open', 'status: closed'));
    const result = await runCli(['--json', 'validate', '--history', '--as-of', '2026-06-30'], { cwd: repo, env: ENV });
    const report = JSON.parse(result.stdout) as {
      summary: { warnings: number };
      diagnostics: { rule: string; file: string; severity: string }[];
    };
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'history/uncommitted', file: NC_FILE, severity: 'warning' }),
    );
    expect(report.summary.warnings).toBeGreaterThanOrEqual(1);
    await git(repo, 'commit', '-qam', 'closed by hand');
    const judged = await runCli(['--json', 'validate', '--history', '--as-of', '2026-06-30'], { cwd: repo, env: ENV });
    const rules = (JSON.parse(judged.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule);
    expect(rules).toContain('history/transition');
    expect(rules).not.toContain('history/uncommitted');
  });
});
