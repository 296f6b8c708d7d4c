// History from git: cim log, and validate --base / --history catching what hand edits do.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { log } from '../../src/commands/history.js';
import { step } from '../../src/commands/step.js';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const ctx = (cwd: string): Context => ({ cwd, env: {}, now: new Date('2026-06-30T12:00:00Z') });
const historyRules = (diagnostics: readonly { rule: string }[]) =>
  diagnostics.map((d) => d.rule).filter((x) => x.startsWith('history/'));

async function repoWithSteps(): Promise<string> {
  const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
  await step(
    { kind: 'nc', verb: 'correct', id: 'NC-0001', values: { action: 'Ran the review.', consequences: 'None found.' } },
    ctx(repo),
  );
  await step(
    {
      kind: 'nc',
      verb: 'analyse',
      id: 'NC-0001',
      values: {
        method: '5-whys',
        'root-cause': 'No owner for the task.',
        'similar-exist': 'no',
        'similar-could-occur': 'no',
        'action-required': 'yes',
      },
    },
    ctx(repo),
  );
  return repo;
}

describe('cim log', () => {
  it('lists every step of a record with its author, action and changed fields', async () => {
    const repo = await repoWithSteps();
    const { entries } = await log({ id: 'NC-0001' }, ctx(repo));
    expect(entries.map((e) => [e.action, e.from, e.to, e.author])).toEqual([
      ['created', undefined, 'open', 'Test User'],
      ['correct', 'open', 'corrected', 'Test User'],
      ['analyse', 'corrected', 'analysed', 'Test User'],
    ]);
    expect(entries[1]!.changes.map((c) => c.path)).toEqual([
      'correction.action',
      'correction.consequences',
      'correction.date',
    ]);
  });

  it('filters the register log by kind and date', async () => {
    const repo = await repoWithSteps();
    expect((await log({ kind: 'ca' }, ctx(repo))).entries).toEqual([]);
    expect((await log({ since: '2999-01-01' }, ctx(repo))).entries).toEqual([]);
    expect((await log({ kind: 'nc' }, ctx(repo))).entries.map((e) => e.record)).toEqual([
      'NC-0001',
      'NC-0001',
      'NC-0001',
    ]);
  });
});

describe('validate --base and --history', () => {
  it('passes steps taken with cim', async () => {
    const repo = await repoWithSteps();
    expect(
      historyRules((await validateRegister({ history: true, asOf: '2026-06-30' }, ctx(repo))).result.diagnostics),
    ).toEqual([]);
  });

  it('catches a hand edit that jumps an NC from open to closed', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    await git(repo, 'switch', '-q', '-c', 'feature');
    const file = join(repo, 'nonconformities/NC-0001.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: open', 'status: closed'));
    await git(repo, 'commit', '-qam', 'close');
    const { result } = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(repo));
    const found = result.diagnostics.find((d) => d.rule === 'history/transition');
    expect(found?.file).toBe('nonconformities/NC-0001.yaml');
    expect(found?.line).toBe(3);
    expect(found?.message).toContain('moved from open to closed');
    expect(result.errors).toBeGreaterThan(0);
  });

  it('catches a deleted record and a record created past its initial state', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.ca()) });
    await git(repo, 'rm', '-q', 'actions/CA-0001.yaml');
    await mkdir(join(repo, 'improvements'));
    await writeFile(
      join(repo, 'improvements/OFI-0001.yaml'),
      (await import('yaml')).stringify(r.ofi({ status: 'implemented' })[1]),
    );
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-qm', 'hand edits');
    const { result } = await validateRegister({ history: true, asOf: '2026-06-30' }, ctx(repo));
    expect(historyRules(result.diagnostics).sort()).toEqual(['history/deleted', 'history/initial']);
  });

  it('refuses a shallow clone and says how to fetch the history', async () => {
    const repo = await repoWithSteps();
    const clone = `${repo}-shallow`;
    await git(repo, 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
    await expect(validateRegister({ history: true }, ctx(clone))).rejects.toThrow(/shallow clone/);
  });
});
