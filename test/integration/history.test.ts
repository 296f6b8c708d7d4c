// History from git: cim log, and validate --base / --history catching what hand edits do.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { log } from '../../src/commands/history.js';
import { renumber } from '../../src/commands/renumber.js';
import { step } from '../../src/commands/step.js';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
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

  it('shows a change a merge made itself, and not the changes it brought from a branch', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.nc({}, 'NC-0002')) });
    const { stringify } = await import('yaml');
    await git(repo, 'switch', '-q', '-c', 'feature');
    await writeFile(join(repo, 'nonconformities/NC-0001.yaml'), stringify(r.nc({ title: 'On the branch' })[1]));
    await git(repo, 'commit', '-qam', 'branch edit');
    await git(repo, 'switch', '-q', 'main');
    await writeFile(join(repo, 'nonconformities/NC-0002.yaml'), stringify(r.nc({ title: 'On main' }, 'NC-0002')[1]));
    await git(repo, 'commit', '-qam', 'main edit');
    await git(repo, 'merge', '-q', '--no-ff', '--no-commit', 'feature');
    await writeFile(
      join(repo, 'nonconformities/NC-0002.yaml'),
      stringify(r.nc({ title: 'In the merge' }, 'NC-0002')[1]),
    );
    await git(repo, 'commit', '-qam', 'Merge feature');
    const changed = (e: { record: string; action: string; changes: readonly { after?: unknown }[] }) =>
      [e.record, e.action, e.changes.map((c) => c.after)] as const;
    const entries = (await log({}, ctx(repo))).entries.slice(2).map(changed);
    // The two sides were committed in the same second: git may list either first.
    expect(entries.slice(0, 2).sort()).toEqual([
      ['NC-0001', 'edited', ['On the branch']],
      ['NC-0002', 'edited', ['On main']],
    ]);
    expect(entries.slice(2)).toEqual([['NC-0002', 'edited', ['In the merge']]]);
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

describe('cim log across a renumber', () => {
  /** NC-0001's three steps, then renumbered with cim to NC-0002, then by hand (no trailer) to NC-0003. */
  async function renumberedTwice(): Promise<string> {
    const repo = await repoWithSteps();
    await renumber({ from: 'NC-0001', to: 'NC-0002' }, ctx(repo));
    await git(repo, 'mv', 'nonconformities/NC-0002.yaml', 'nonconformities/NC-0003.yaml');
    const file = join(repo, 'nonconformities/NC-0003.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('id: NC-0002', 'id: NC-0003'));
    await git(repo, 'commit', '-qam', 'Give NC-0002 the next free id');
    return repo;
  }

  it('follows a chain of renumbers back to the first id, marking what came before each', async () => {
    const repo = await renumberedTwice();
    const { entries } = await log({ id: 'NC-0003' }, ctx(repo));
    expect(entries.map((e) => [e.record, e.action, e.renumberedFrom, e.beforeRenumber])).toEqual([
      ['NC-0001', 'created', undefined, true],
      ['NC-0001', 'correct', undefined, true],
      ['NC-0001', 'analyse', undefined, true],
      ['NC-0002', 'renumber', 'NC-0001', true],
      ['NC-0003', 'renumbered', 'NC-0002', undefined],
    ]);
    expect(entries[3]!.changes).toEqual([{ path: 'id', before: 'NC-0001', after: 'NC-0002' }]);
    expect(entries[4]).toMatchObject({ from: 'analysed', to: 'analysed' });
  });

  it("shows the renumber at the end of the old id's log", async () => {
    const repo = await renumberedTwice();
    const { entries } = await log({ id: 'NC-0001' }, ctx(repo));
    expect(entries.map((e) => [e.record, e.action, e.renumberedTo])).toEqual([
      ['NC-0001', 'created', undefined],
      ['NC-0001', 'correct', undefined],
      ['NC-0001', 'analyse', undefined],
      ['NC-0001', 'renumber', 'NC-0002'],
    ]);
    expect(entries[3]).toMatchObject({ from: 'analysed', to: 'analysed' });
    expect(entries[3]!.changes).toEqual([{ path: 'id', before: 'NC-0001', after: 'NC-0002' }]);
  });

  it('lists a renumber in the register log as one change of the new id, not a deletion', async () => {
    const repo = await renumberedTwice();
    const { entries } = await log({}, ctx(repo));
    expect(entries.slice(3).map((e) => [e.record, e.action, e.renumberedFrom])).toEqual([
      ['NC-0002', 'renumber', 'NC-0001'],
      ['NC-0003', 'renumbered', 'NC-0002'],
    ]);
  });

  it('does not follow a deletion that a trailer only claims was a renumber', async () => {
    const repo = await repoWithSteps();
    await git(repo, 'rm', '-q', 'nonconformities/NC-0001.yaml');
    await mkdir(join(repo, 'nonconformities'), { recursive: true });
    await writeFile(
      join(repo, 'nonconformities/NC-0002.yaml'),
      (await import('yaml')).stringify(r.nc({ title: 'Another record' }, 'NC-0002')[1]),
    );
    await git(repo, 'add', '-A');
    await git(
      repo,
      'commit',
      '-qm',
      'nc(NC-0002): renumber from NC-0001\n\nCim-Record: NC-0002\nCim-Action: renumber\nCim-Renumbered: NC-0001 -> NC-0002',
    );
    expect((await log({ id: 'NC-0002' }, ctx(repo))).entries.map((e) => [e.record, e.action])).toEqual([
      ['NC-0002', 'created'],
    ]);
    expect((await log({ id: 'NC-0001' }, ctx(repo))).entries.at(-1)?.action).toBe('deleted');
  });

  it('reads a version whose YAML anchor holds itself as unreadable', async () => {
    const repo = await repoWithSteps();
    const file = join(repo, 'nonconformities/NC-0001.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}notes_extra: &loop\n  again: *loop\n`);
    await git(repo, 'commit', '-qam', 'loop');
    const { entries } = await log({ id: 'NC-0001' }, ctx(repo));
    expect(entries.at(-1)).toMatchObject({ action: 'edited', unreadable: 'after', changes: [] });
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
