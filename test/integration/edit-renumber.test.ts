// cim edit and cim renumber against real temporary git repositories.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit } from '../../src/commands/edit.js';
import { renumber } from '../../src/commands/renumber.js';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import type { UserError } from '../../src/errors.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });

describe('cim edit', () => {
  it('changes free fields, validated, in one commit', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const result = await edit(
      { id: 'NC-0001', set: ['title=Door left open', 'close_by=2026-06-30', 'requirement=[A.7.2, A.7.3]'] },
      ctx(repo),
    );
    expect(result.data).toMatchObject({
      title: 'Door left open',
      close_by: '2026-06-30',
      requirement: ['A.7.2', 'A.7.3'],
    });
    expect(await git(repo, 'log', '-1', '--format=%B')).toContain(
      'Cim-Action: edit\nCim-Fields: title, close_by, requirement',
    );
  });

  it.each([
    ['a lifecycle field', ['status=closed'], /set by the lifecycle/],
    ['a step-controlled field', ['correction.action=x'], /cim nc correct NC-0001/],
    ['a value the schema rejects', ['grade=huge'], /invalid/],
    ['a dangling reference', ['refs=[NC-0099]'], /NC-0099 does not exist/],
  ])('refuses %s and writes nothing', async (_what, set, message) => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const error = (await edit({ id: 'NC-0001', set }, ctx(repo)).catch((e: unknown) => e)) as UserError;
    expect(`${error.message} (${error.hint})`).toMatch(message);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses to edit a final record', async () => {
    const repo = await gitRepo({
      'cim.yaml': BASE_CONFIG,
      ...r.files(r.nc(), r.ca({ status: 'cancelled', cancelled: { on: '2026-02-01', reason: 'Superseded.' } })),
    });
    await expect(edit({ id: 'CA-0001', set: ['title=x'] }, ctx(repo))).rejects.toThrow(/final/);
  });
});

describe('cim renumber', () => {
  it('moves the record and every reference to it in one commit, which the history check accepts', async () => {
    const repo = await gitRepo({
      'cim.yaml': BASE_CONFIG,
      ...r.files(r.nc(), r.ca(), r.ca({ refs: ['NC-0001'] }, 'CA-0002'), r.heldMrt({ items: ['NC-0001', 'CA-0001'] })),
    });
    const result = await renumber({ from: 'NC-0001', to: 'NC-0042' }, ctx(repo));
    expect(result.updated.sort()).toEqual(['CA-0001', 'CA-0002', 'MRT-0001']);
    expect(await git(repo, 'show', '--name-status', '--no-renames', '--format=', 'HEAD')).toBe(
      [
        'M\tactions/CA-0001.yaml',
        'M\tactions/CA-0002.yaml',
        'D\tnonconformities/NC-0001.yaml',
        'A\tnonconformities/NC-0042.yaml',
        'M\treviews/MRT-0001.yaml',
        '',
      ].join('\n'),
    );
    expect(await readFile(join(repo, 'actions/CA-0001.yaml'), 'utf8')).toContain('nc: NC-0042');
    const { result: checked } = await validateRegister({ base: 'HEAD~1', asOf: '2026-06-30' }, ctx(repo));
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses an id of another kind or one in use', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.nc({}, 'NC-0002')) });
    await expect(renumber({ from: 'NC-0001', to: 'CA-0009' }, ctx(repo))).rejects.toThrow(/not a nonconformity id/);
    await expect(renumber({ from: 'NC-0001', to: 'NC-0002' }, ctx(repo))).rejects.toThrow(/already exists/);
  });
});
