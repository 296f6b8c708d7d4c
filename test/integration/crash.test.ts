// Crash safety: the built bin/cim is stopped at each step of a write and commit (CIM_TEST_PAUSE)
// and killed there. Every record must then be as it was or fully written, and once the next cim
// command (`cim validate`) has settled the journal the register must be valid, the change either
// wholly committed or wholly absent, and the index and work tree exactly as before apart from it.
// Run `npm run build` first (`npm test` does).
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/domain/validate/index.js';
import { loadRegister } from '../../src/io/register.js';
import { BIN, runCli, testEnv } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const ENV = { TZ: 'UTC' };

const copies: string[] = [];
afterAll(async () => {
  await Promise.all(copies.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Started {
  /** The step the process stopped after (CIM_TEST_PAUSE), or undefined when it ran to the end. */
  readonly paused: Promise<string | undefined>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  readonly kill: (signal: NodeJS.Signals) => void;
}

/** Starts cim with CIM_TEST_PAUSE=n: it stops itself after its nth step of a write. */
async function start(args: readonly string[], cwd: string, n: number): Promise<Started> {
  const env = await testEnv({ ...ENV, CIM_TEST_PAUSE: String(n) });
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let reportPause: (step: string | undefined) => void;
  const paused = new Promise<string | undefined>((resolve) => (reportPause = resolve));
  child.stdout.resume();
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const found = /^cim: paused after step \d+: (.*)$/m.exec(stderr);
    if (found) reportPause(found[1]);
  });
  // 'exit' comes after the process has been reaped, so its id no longer names a live process.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        reportPause(undefined);
        resolve({ code, signal, stderr });
      });
    },
  );
  return { paused, exited, kill: (signal) => child.kill(signal) };
}

async function copyRepo(template: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cim-crash-'));
  copies.push(dir);
  await cp(template, dir, { recursive: true });
  return dir;
}

type Texts = Record<string, string | null>;

async function texts(repo: string, files: readonly string[]): Promise<Texts> {
  const out: Texts = {};
  for (const f of files) out[f] = await readFile(join(repo, f), 'utf8').catch(() => null);
  return out;
}

/** Dates a command fills in as today, replaced so a run just before midnight compares equal. */
const days = new Set<string>();
const today = () => days.add(new Date().toISOString().slice(0, 10));
const normal = (t: Texts): Texts =>
  Object.fromEntries(
    Object.entries(t).map(([f, v]) => [f, v === null ? null : [...days].reduce((s, d) => s.replaceAll(d, 'TODAY'), v)]),
  );

interface Scenario {
  readonly records: Record<string, unknown>;
  readonly args: readonly string[];
  /** Every file the command writes or removes. */
  readonly files: readonly string[];
}

interface Point {
  readonly step: string;
  readonly outcome: 'rolled back' | 'rolled forward';
  /** Some files already changed and some not when the process died. */
  readonly mixed: boolean;
  /** Whether the register as the killed process left it, before settling, was valid. */
  readonly validBeforeSettling: boolean;
  /** `git status` before settling showed something of the command's own. */
  readonly dirtyBeforeSettling: boolean;
}

/**
 * Kills the command after each of its steps in turn, each time in a fresh copy of one repository
 * with an unrelated staged file and an unrelated unstaged change, and checks what is left.
 */
async function killAtEveryStep(s: Scenario): Promise<Point[]> {
  const template = await gitRepo({
    'cim.yaml': { ...BASE_CONFIG, people },
    'README.md': 'The register.\n',
    ...s.records,
  });
  await writeFile(join(template, 'notes.txt'), 'staged, not committed\n');
  await git(template, 'add', 'notes.txt');
  await appendFile(join(template, 'README.md'), 'Changed, not staged.\n');
  const status = await git(template, 'status', '--porcelain');
  expect(status).toBe(' M README.md\nA  notes.txt\n');
  const head = (await git(template, 'rev-parse', 'HEAD')).trim();
  const before = await texts(template, s.files);

  today();
  const reference = await copyRepo(template);
  const done = await runCli(s.args, { cwd: reference, env: ENV });
  expect(done.code, done.stderr).toBe(0);
  const after = await texts(reference, s.files);
  const message = await git(reference, 'log', '-1', '--format=%B');
  expect(await git(reference, 'show', '--no-renames', '--name-only', '--format=', 'HEAD')).toBe(
    [...s.files]
      .sort()
      .map((f) => `${f}\n`)
      .join(''),
  );
  for (const f of s.files) expect(after[f]).not.toBe(before[f]);

  const points: Point[] = [];
  for (let n = 1; ; n++) {
    const repo = await copyRepo(template);
    const started = await start(s.args, repo, n);
    const step = await started.paused;
    if (step !== undefined) started.kill('SIGKILL');
    const run = { ...(await started.exited), step };
    today();
    if (step === undefined) {
      expect(run.code, run.stderr).toBe(0); // ran to the end: every step has been tried
      break;
    }
    expect(run.signal).toBe('SIGKILL');

    // As the kill left it: each record as it was or fully written, never half.
    const left = normal(await texts(repo, s.files));
    for (const f of s.files) expect([normal(before)[f], normal(after)[f]], `${step}: ${f}`).toContain(left[f]);
    const changed = s.files.filter((f) => left[f] !== normal(before)[f]).length;
    const raw = await loadRegister(repo, process.env);
    const asOf = new Date().toISOString().slice(0, 10);
    const validBeforeSettling = validate(raw, { asOf, compliance: false }).errors === 0;
    const dirtyBeforeSettling = (await git(repo, 'status', '--porcelain')) !== status;

    // The next command settles the journal, then finds the register valid.
    const checked = await runCli(['validate'], { cwd: repo, env: ENV });
    expect(checked.code, `${step}: ${checked.stdout}${checked.stderr}`).toBe(0);

    const now = normal(await texts(repo, s.files));
    const newHead = (await git(repo, 'rev-parse', 'HEAD')).trim();
    let outcome: Point['outcome'];
    if (newHead === head) {
      outcome = 'rolled back';
      expect(now, step).toEqual(normal(before));
    } else {
      outcome = 'rolled forward';
      expect((await git(repo, 'rev-parse', 'HEAD^')).trim()).toBe(head);
      expect(await git(repo, 'log', '-1', '--format=%B')).toBe(message);
      expect(now, step).toEqual(normal(after));
    }
    // Nothing half-staged, no temporary file, the unrelated changes untouched, no journal left.
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all'), step).toBe(status);
    expect(await git(repo, 'diff', '--cached', '--name-only'), step).toBe('notes.txt\n');
    expect(
      (await readdir(join(repo, '.git'))).filter((e) => e.startsWith('cim-') && !e.endsWith('-cache.json')),
    ).toEqual([]);
    points.push({
      step,
      outcome,
      mixed: changed > 0 && changed < s.files.length,
      validBeforeSettling,
      dirtyBeforeSettling,
    });
  }

  // The commit is the switch: every step before it is undone, every step after it finished.
  const committed = points.findIndex((p) => p.step === 'committed');
  expect(committed).toBeGreaterThan(0);
  expect(points.map((p) => p.outcome)).toEqual(
    points.map((_, i) => (i < committed ? 'rolled back' : 'rolled forward')),
  );
  // Left invalid only where the kill came between two files.
  expect(points.filter((p) => !p.validBeforeSettling && !p.mixed)).toEqual([]);
  // Killed after the commit, the index still held the old entries until the next command.
  expect(points[committed]!.dirtyBeforeSettling).toBe(true);
  // A kill was tried between every two files: after the temporary file and after the rename.
  expect(points.length).toBeGreaterThanOrEqual(4 + s.files.length + s.files.filter((f) => after[f] !== null).length);
  return points;
}

const nc = r.nc();
const OPEN_NC = [
  ...['nc', 'open', '--title', 'Door propped open', '--grade', 'minor', '--source-type', 'self-identified'],
  ...['--requirement', 'A.7.2', '--area', 'it', '--owner', 'bob', '--description', 'The door was propped open.'],
];
const ca = r.ca();

// Each scenario runs its command some ten times over; a loaded machine needs more than the default time.
const SLOW = 120_000;

describe('a write killed at any step', () => {
  it.concurrent(
    'leaves one record as it was or as committed: cim nc correct',
    async () => {
      await killAtEveryStep({
        records: r.files(nc),
        args: [
          'nc',
          'correct',
          'NC-0001',
          '--action',
          'Reviews run.',
          '--consequences',
          'None.',
          '--date',
          '2026-02-01',
        ],
        files: ['nonconformities/NC-0001.yaml'],
      });
    },
    SLOW,
  );

  it.concurrent(
    'leaves no new record or a committed one: cim nc open',
    async () => {
      await killAtEveryStep({
        records: r.files(nc),
        args: OPEN_NC,
        files: ['nonconformities/NC-0002.yaml'],
      });
    },
    SLOW,
  );

  it.concurrent(
    'moves a record and its references together or not at all: cim renumber',
    async () => {
      const points = await killAtEveryStep({
        records: r.files(nc, ca),
        args: ['renumber', 'NC-0001', 'NC-0005'],
        files: ['nonconformities/NC-0005.yaml', 'nonconformities/NC-0001.yaml', 'actions/CA-0001.yaml'],
      });
      // The kill left a dangling reference that only settling the journal repaired.
      expect(points.some((p) => p.mixed && !p.validBeforeSettling)).toBe(true);
    },
    SLOW,
  );

  it.concurrent(
    'adds a finding and the NC it raises together or not at all: cim audit finding --raise',
    async () => {
      const reported = r.audit({
        status: 'reported',
        conducted: { from: '2026-05-04', to: '2026-05-05' },
        report: { date: '2026-05-10', conclusion: 'Mostly effective.', findings: [] },
      });
      const points = await killAtEveryStep({
        records: r.files(nc, reported),
        args: [
          'audit',
          'finding',
          'AUD-0001',
          '--type',
          'minor',
          '--statement',
          'Two leavers kept VPN access.',
          '--requirement',
          'A.5.18',
          '--raise',
          '--title',
          'Leavers kept VPN access',
          '--owner',
          'alice',
        ],
        files: ['audits/AUD-0001.yaml', 'nonconformities/NC-0002.yaml'],
      });
      expect(points.some((p) => p.mixed && !p.validBeforeSettling)).toBe(true);
    },
    SLOW,
  );
});

describe('the write journal', () => {
  it('puts back every file of a multi-file command whose commit fails', async () => {
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(nc, ca) });
    await writeFile(join(repo, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const files = ['nonconformities/NC-0001.yaml', 'nonconformities/NC-0005.yaml', 'actions/CA-0001.yaml'];
    const before = await texts(repo, files);
    const result = await runCli(['renumber', 'NC-0001', 'NC-0005'], { cwd: repo, env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/git commit failed/);
    expect(await texts(repo, files)).toEqual(before);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(
      (await readdir(join(repo, '.git'))).filter((e) => e.startsWith('cim-') && !e.endsWith('-cache.json')),
    ).toEqual([]);
  });

  it('keeps a second command from writing while the first is still at work, and leaves it be', async () => {
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(nc) });
    const head = (await git(repo, 'rev-parse', 'HEAD')).trim();
    const correct = ['nc', 'correct', 'NC-0001', '--action', 'Reviews run.', '--consequences', 'None.'];
    // Stopped, not killed, after writing the record and before committing it.
    const first = await start(correct, repo, 4);
    try {
      expect(await first.paused).toBe('nonconformities/NC-0001.yaml written');

      const second = await runCli(OPEN_NC, { cwd: repo, env: ENV });
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/another cim command is changing this register/);
      // A reader does not settle a live command's journal: the record stays as the first wrote it.
      expect((await runCli(['validate'], { cwd: repo, env: ENV })).code).toBe(0);
      expect(await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')).toMatch(/status: corrected/);

      first.kill('SIGCONT');
      expect((await first.exited).code).toBe(0);
      expect((await git(repo, 'rev-parse', 'HEAD^')).trim()).toBe(head);
      expect(await git(repo, 'log', '-1', '--format=%s')).toMatch(/^nc\(NC-0001\): correct/);
      expect(await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')).toMatch(/action: Reviews run\./);
      expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    } finally {
      first.kill('SIGKILL'); // not left stopped should an expectation fail
    }
  });
});
