// No lost update: two commands that change the same record at the same moment. Each pair is
// started together, many times; every outcome must be one of them refused (saying the record
// changed, another command was at work, or the step no longer applies) or both changes in the
// register and in git,
// each as its own commit. Never both exit 0 with one change erased. Run `npm run build` first.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const ENV = { CIM_TODAY: '2026-06-30' };
const ROUNDS = 6;
/** Why the later of two commands may be refused: it raced the other, or came after it and found the
 * record moved on (withdrawn, renumbered away). */
const REFUSED =
  /changed while this command ran|another cim command is changing this register|no record NC-0001 in this register|cannot correct NC-0001|NC-0001 is withdrawn/;

const CORRECT = ['nc', 'correct', 'NC-0001', '--action', 'Ran the review.', '--consequences', 'None found.'];
const WITHDRAW = ['nc', 'withdraw', 'NC-0001', '--reason', 'Raised twice.', '--approved-by', 'carol'];
const EDIT = ['edit', 'NC-0001', '--set', 'evidence=Ticket 42'];

async function register(): Promise<string> {
  const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(r.nc()) });
  // The caches would make one command faster than the other; the race is what is tested.
  return repo;
}

async function together(repo: string, a: readonly string[], b: readonly string[]): Promise<[CliResult, CliResult]> {
  return Promise.all([runCli(a, { cwd: repo, env: ENV }), runCli(b, { cwd: repo, env: ENV })]);
}

async function nc(repo: string, id = 'NC-0001'): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(join(repo, `nonconformities/${id}.yaml`), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (parse(text) as Record<string, unknown>);
}

/** What every outcome must show besides its own: refusals say why, and git holds exactly the work tree. */
async function settled(repo: string, results: readonly CliResult[]): Promise<number> {
  for (const res of results) {
    expect([0, 1, 2], res.stderr).toContain(res.code);
    if (res.code !== 0) expect(res.stderr).toMatch(REFUSED);
    expect(res.stderr).not.toMatch(/internal error|^\s+at /m);
  }
  expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  const commits = (await git(repo, 'rev-list', '--count', 'HEAD')).trim();
  const succeeded = results.filter((x) => x.code === 0).length;
  expect(Number(commits)).toBe(1 + succeeded);
  return succeeded;
}

describe('two commands changing one record at once', () => {
  it('correct ∥ withdraw: one is refused, or the record is corrected and then withdrawn', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const repo = await register();
      const results = await together(repo, CORRECT, WITHDRAW);
      const succeeded = await settled(repo, results);
      const data = (await nc(repo))!;
      const [correct, withdraw] = results.map((x) => x.code === 0);
      if (correct) expect(data.correction, 'the correction is kept').toMatchObject({ action: 'Ran the review.' });
      if (withdraw) expect(data.status).toBe('withdrawn');
      if (correct && !withdraw) expect(data.status).toBe('corrected');
      expect(succeeded).toBeGreaterThanOrEqual(1);
    }
  });

  it('correct ∥ edit: one is refused, or both the correction and the edit are there', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const repo = await register();
      const results = await together(repo, CORRECT, EDIT);
      await settled(repo, results);
      const data = (await nc(repo))!;
      if (results[0].code === 0) expect(data.status).toBe('corrected');
      if (results[0].code === 0) expect(data.correction).toMatchObject({ action: 'Ran the review.' });
      if (results[1].code === 0) expect(data.evidence).toBe('Ticket 42');
    }
  });

  it('renumber ∥ renumber: never both, so the record is never in two places', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const repo = await register();
      const results = await together(repo, ['renumber', 'NC-0001', 'NC-0002'], ['renumber', 'NC-0001', 'NC-0003']);
      const succeeded = await settled(repo, results);
      expect(succeeded).toBe(1);
      const files = (await readdir(join(repo, 'nonconformities'))).filter((f) => f.endsWith('.yaml'));
      expect(files).toHaveLength(1);
      const id = results[0].code === 0 ? 'NC-0002' : 'NC-0003';
      expect(files).toEqual([`${id}.yaml`]);
      expect((await nc(repo, id))!.id).toBe(id);
    }
  });

  it('four new records at once: each takes its own id, none is refused', async () => {
    const repo = await register();
    const open = (n: number) => [
      'ofi', 'propose', '--title', `Idea ${n}`, '--source-type', 'self-identified', '--description', 'd',
      '--benefit', 'b', '--owner', 'alice',
    ]; // prettier-ignore
    const results = await Promise.all([1, 2, 3, 4].map((n) => runCli(open(n), { cwd: repo, env: ENV })));
    for (const res of results) expect(res.code, res.stderr).toBe(0);
    expect(results.map((res) => res.stdout.trim()).sort()).toEqual(['OFI-0001', 'OFI-0002', 'OFI-0003', 'OFI-0004']);
    expect((await readdir(join(repo, 'improvements'))).sort()).toEqual([
      'OFI-0001.yaml',
      'OFI-0002.yaml',
      'OFI-0003.yaml',
      'OFI-0004.yaml',
    ]);
    expect(await git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});
