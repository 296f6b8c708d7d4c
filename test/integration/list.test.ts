// `cim list` filters: an owner that is nobody in cim.yaml is a mistake to point out, not an empty list.
import { describe, expect, it } from 'vitest';
import { list } from '../../src/commands/list.js';
import type { Context } from '../../src/context.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { TEST_ENV } from '../helpers/git.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });

async function refusal(owner: string): Promise<UserError> {
  const root = await tempRegister(r.files(r.nc()));
  const error = await list({ owner }, ctx(root)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('cim list --owner', () => {
  it('lists the records of a person in cim.yaml', async () => {
    const root = await tempRegister(r.files(r.nc(), r.nc({ owner: 'bob' }, 'NC-0002')));
    expect((await list({ owner: 'bob' }, ctx(root))).rows.map((row) => row.id)).toEqual(['NC-0002']);
    expect((await list({ owner: 'carol' }, ctx(root))).rows).toEqual([]);
  });

  it('refuses a person cim.yaml does not have, suggesting the nearest one', async () => {
    const error = await refusal('alcie');
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toBe('no person alcie in cim.yaml; did you mean alice?');
  });

  it('names the people there are when nobody is near', async () => {
    const error = await refusal('zed');
    expect(error.message).toBe('no person zed in cim.yaml');
    expect(error.hint).toContain('alice, bob, carol');
  });
});

describe('cim list --status', () => {
  it('refuses a status no kind has, with the nearest one', async () => {
    const root = await tempRegister(r.files(r.nc()));
    const error = await list({ status: 'clsoed' }, ctx(root)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('no kind of record has the status "clsoed"; did you mean closed?');
  });

  it('lists the records in a status some kind has', async () => {
    const root = await tempRegister(r.files(r.nc(), r.ca()));
    expect((await list({ status: 'planned' }, ctx(root))).rows.map((row) => row.id)).toEqual(['CA-0001']);
  });
});
