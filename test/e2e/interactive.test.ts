// End to end on a real terminal: the built bin/cim run inside tmux, so stdin is a TTY and cim
// prompts for what the command line left out. Each prompt is answered with keys the way a person
// would, after its text appears on the screen. Run `npm run build` first (`npm test` does).
// Skipped where tmux is not installed.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, testEnv } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const exec = promisify(execFile);
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `cim-test-${process.pid}-${Date.now()}`;
const SESSION = 'cim';
/** How long one prompt may take to appear, or the cursor to move. */
const STEP_MS = 10_000;

// alice is the person the test identity's email names, so cim knows who is acting.
const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));

let env: Record<string, string> | undefined;
async function tmux(...args: string[]): Promise<string> {
  // A server of the test's own (-L), UTF-8 forced (-u) so prompts' marks and dashes come through.
  // Its environment has no CI variable: cim does not prompt when CI is set.
  env ??= await testEnv({ TERM: 'xterm-256color', LANG: 'C.UTF-8' });
  const { stdout } = await exec('tmux', ['-u', '-L', SOCKET, ...args], { env });
  return stdout;
}

const screen = () => tmux('capture-pane', '-p', '-J', '-t', SESSION, '-S', '-100');
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);
const type = (text: string) => tmux('send-keys', '-t', SESSION, '-l', text);

/**
 * Polls the screen until `test` matches it and the screen has settled (the same on two captures in
 * a row: a capture can catch a prompt half redrawn, with a choice's name cut short); fails with the
 * screen when that never happens. A capture that fails is tried again until the time is up.
 */
async function waitFor(test: RegExp, what: string): Promise<string> {
  const until = Date.now() + STEP_MS;
  let text = '';
  let previous: string | undefined;
  let failed: unknown;
  while (Date.now() < until) {
    try {
      text = await screen();
      failed = undefined;
    } catch (e) {
      failed = e;
    }
    if (failed === undefined && test.test(text) && text === previous) return text;
    previous = failed === undefined ? text : undefined;
    await new Promise((r) => setTimeout(r, 50));
  }
  const why =
    failed === undefined
      ? ''
      : `; the last capture failed: ${failed instanceof Error ? failed.message : JSON.stringify(failed)}`;
  throw new Error(`timed out waiting for ${what} (${String(test)})${why}; the screen shows:\n${text}`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The line of a select prompt the cursor is on. */
const cursorLine = (text: string) => /^\s*❯\s*(.*)$/m.exec(text)?.[1]?.trim();

/** Moves a select prompt's cursor down to the choice, watching it move, and picks it. */
async function choose(choice: string): Promise<void> {
  let text = await waitFor(/^\s*❯/m, `a select prompt's cursor`);
  for (let moves = 0; cursorLine(text) !== choice; moves++) {
    if (moves > 12) throw new Error(`"${choice}" is not among the choices; the screen shows:\n${text}`);
    const from = cursorLine(text);
    await keys('Down');
    text = await waitFor(
      new RegExp(`^\\s*❯\\s*(?!${escape(from ?? '')}\\s*$)`, 'm'),
      `the cursor to move from "${from}"`,
    );
  }
  await keys('Enter');
}

/** Waits for a prompt by the start of its message: the input's name, a dash, its description. */
const prompt = (name: string) => waitFor(new RegExp(`${escape(name)} — `), `the "${name}" prompt`);

const temporary: string[] = [];
afterAll(async () => {
  if (HAS_TMUX) {
    // tmux leaves its socket file behind when the server is killed.
    const socket = (await tmux('display-message', '-p', '#{socket_path}').catch(() => '')).trim();
    await tmux('kill-server').catch(() => undefined);
    if (socket) temporary.push(socket);
  }
  await Promise.all(temporary.map((path) => rm(path, { recursive: true, force: true })));
});

const ANALYSED = {
  correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
  analysis: { method: '5-whys', root_cause: 'No owner for the task.', similar: { exist: false, could_occur: false } },
  action_required: true,
};

/** Runs cim with these arguments in the repository, in a new tmux session (ending any earlier one). */
async function startCim(repo: string, args: string): Promise<void> {
  await tmux('kill-session', '-t', SESSION).catch(() => undefined);
  const dir = await mkdtemp(join(tmpdir(), 'cim-tty-'));
  temporary.push(dir);
  const script = join(dir, 'run.sh');
  await writeFile(
    script,
    [
      'unset CI',
      `cd '${repo}'`,
      `TERM=xterm-256color CIM_TODAY=2026-06-30 '${process.execPath}' '${BIN}' ${args}`,
      'echo "cim exited with $?"',
      'exec sleep 600',
      '',
    ].join('\n'),
  );
  await tmux('new-session', '-d', '-s', SESSION, '-x', '200', '-y', '50', `sh '${script}'`);
}

/** What a run that wrote nothing leaves: no record, nothing for git to commit, no journal. */
async function nothingWritten(repo: string): Promise<void> {
  expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  expect(await git(repo, 'rev-list', '--count', 'HEAD')).toBe('1\n');
}

describe.skipIf(!HAS_TMUX)('cim on a terminal (driven through tmux; skipped where tmux is not installed)', () => {
  it('nc open asks for each missing value, then writes and commits the NC', async () => {
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people } });
    await startCim(repo, "nc open --title 'Door propped open'");

    await prompt('grade');
    await choose('minor');
    await prompt('source type');
    await choose('self-identified');
    await prompt('requirement');
    await waitFor(/requirement — .*\(comma-separated\)/, 'the requirement prompt to ask for a list');
    await type('A.7.2, A.5.15');
    await keys('Enter');
    await prompt('area');
    await choose('hr (HR)');
    await prompt('owner');
    await choose('bob (Bob Example)');
    await prompt('description');
    await type('The server room door was propped open.');
    await keys('Enter');

    const end = await waitFor(/cim exited with \d+/, 'cim to exit');
    expect(end).toContain('cim exited with 0');
    expect(end).toMatch(/^NC-0001$/m);
    expect(end).not.toMatch(/^\s+at /m);

    const record = parse(await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')) as unknown;
    expect(record).toMatchObject({
      id: 'NC-0001',
      title: 'Door propped open',
      status: 'open',
      grade: 'minor',
      source: { type: 'self-identified' },
      requirement: ['A.7.2', 'A.5.15'],
      area: 'hr',
      owner: 'bob',
      description: 'The server room door was propped open.',
      raised_by: 'alice',
    });
    const message = await git(repo, 'log', '-1', '--format=%B');
    expect(message).toMatch(/^nc\(NC-0001\): open — Door propped open\n/);
    expect(message).toContain('Cim-Action: open');
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  }, 60_000);

  it.each([
    ['the first prompt, a choice', 'grade'],
    ['a prompt for text', 'description'],
  ])(
    'Ctrl+C at %s: exit 130, nothing alarming printed, nothing written',
    async (_what, at) => {
      const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people } });
      await startCim(
        repo,
        "nc open --title 'Door propped open' --source-type self-identified --requirement A.7.2 --area hr --owner bob" +
          (at === 'grade' ? '' : ' --grade minor'),
      );
      await prompt(at);
      await keys('C-c');
      const end = await waitFor(/cim exited with \d+/, 'cim to exit');
      expect(end).toContain('cim exited with 130');
      expect(end).not.toMatch(/internal error|bug in cim|^\s+at |Error/m);
      await nothingWritten(repo);
    },
    60_000,
  );

  it('a date prompt refuses month 13 and asks again', async () => {
    const repo = await gitRepo({
      'cim.yaml': { ...BASE_CONFIG, people },
      ...r.files(r.nc({ status: 'analysed', ...ANALYSED })),
    });
    await startCim(
      repo,
      "ca plan --nc NC-0001 --title 'Reminders' --action 'Add reminders' --addresses 'Nothing reminded anyone' --owner bob",
    );
    await prompt('due');
    await type('2027-13-01');
    await keys('Enter');
    await waitFor(/write a real date as YYYY-MM-DD/, 'the prompt to refuse the date');
    for (let i = 0; i < 10; i++) await keys('BSpace');
    await type('2027-01-31');
    await keys('Enter');
    const end = await waitFor(/cim exited with \d+/, 'cim to exit');
    expect(end).toContain('cim exited with 0');
    expect(await readFile(join(repo, 'actions/CA-0001.yaml'), 'utf8')).toMatch(/due: 2027-01-31/);
  }, 60_000);

  it('a choice from a list cim.yaml leaves empty: says which and how to fill it, exit 2', async () => {
    const noAreas = { ...BASE_CONFIG, people: people.map((p) => ({ ...p, areas: [] })), areas: [] };
    const repo = await gitRepo({ 'cim.yaml': noAreas });
    await startCim(
      repo,
      "nc open --title 'Door propped open' --grade minor --source-type self-identified --requirement A.7.2 --owner bob --description 'Found open.'",
    );
    const end = await waitFor(/cim exited with \d+/, 'cim to exit');
    expect(end).toContain('cim exited with 2');
    expect(end).toMatch(/--area must name one of the areas in cim\.yaml, and cim\.yaml lists none/);
    expect(end).not.toMatch(/internal error|^\s+at /m);
    await nothingWritten(repo);
  }, 60_000);

  it('asks for a value the record turns out to need, keeping the answers given', async () => {
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(r.incident()) });
    await startCim(
      repo,
      "nc open --title 'Door propped open' --grade minor --source-type incident --requirement A.7.2 --area hr --owner bob --description 'Found open.'",
    );
    await prompt('source ref');
    await type('INC-0001');
    await keys('Enter');
    const end = await waitFor(/cim exited with \d+/, 'cim to exit');
    expect(end).toContain('cim exited with 0');
    const record = parse(await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')) as unknown;
    expect(record).toMatchObject({ source: { type: 'incident', ref: 'INC-0001' }, description: 'Found open.' });
  }, 60_000);

  it('mrt action asks for what it is, who owns it and when it is due, and prints its reference', async () => {
    const held = r.heldMrt({ held_on: '2026-06-01', scheduled_on: '2026-06-01', created: '2026-05-01' });
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(held) });
    await startCim(repo, 'mrt action MRT-0001');
    await prompt('text');
    await type('Write the supplier access procedure.');
    await keys('Enter');
    await prompt('owner');
    await choose('bob (Bob Example)');
    await prompt('due');
    await type('2026-09-30');
    await keys('Enter');
    const end = await waitFor(/cim exited with \d+/, 'cim to exit');
    expect(end).toContain('cim exited with 0');
    expect(end).toMatch(/^A1$/m);
    const record = parse(await readFile(join(repo, 'reviews/MRT-0001.yaml'), 'utf8')) as { actions: unknown };
    expect(record.actions).toEqual([
      { ref: 'A1', text: 'Write the supplier access procedure.', owner: 'bob', due: '2026-09-30', status: 'open' },
    ]);
    expect(await git(repo, 'log', '-1', '--format=%(trailers:key=Cim-Action,valueonly)')).toBe('action\n\n');
  }, 60_000);
});
