// `cim show ID` lists the problems `cim validate` finds in that record's file, of every layer.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { show } from '../../src/commands/show.js';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import { tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { TEST_ENV } from '../helpers/git.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });

/** An open NC raised in January: its response deadline has passed by 30 June. */
const overdue = r.nc({ raised_on: '2026-01-10' });

describe('cim show', () => {
  it('lists the policy-compliance warnings validate gives for the record, with their severity', async () => {
    const root = await tempRegister(r.files(overdue));
    const validated = await validateRegister({}, ctx(root));
    const expected = validated.result.diagnostics.filter((d) => d.file === 'nonconformities/NC-0001.yaml');
    expect(expected.map((d) => d.severity)).toContain('warning');

    const shown = await show({ id: 'NC-0001' }, ctx(root));
    expect(shown.problems).toEqual(expected);
    expect(shown.problems.some((p) => p.rule === 'policy/nc-response-overdue' && p.severity === 'warning')).toBe(true);
  });

  it('judges deadlines as of --as-of', async () => {
    const root = await tempRegister(r.files(overdue));
    const early = await show({ id: 'NC-0001', asOf: '2026-01-11' }, ctx(root));
    expect(early.problems).toEqual([]);
    const late = await show({ id: 'NC-0001', asOf: '2026-06-30' }, ctx(root));
    expect(late.problems.map((p) => p.rule)).toContain('policy/nc-response-overdue');
  });

  it('lists schema errors and register-rule errors of the record, and none of other records', async () => {
    const root = await tempRegister(
      r.files(
        r.nc({ raised_on: '2026-06-29', owner: 'nobody' }),
        r.nc({ raised_on: '2026-06-29', evidnce: 'typo' }, 'NC-0002'),
      ),
    );
    const one = await show({ id: 'NC-0001', asOf: '2026-06-30' }, ctx(root));
    expect(one.problems.map((p) => [p.severity, p.rule])).toEqual([['error', 'ref/person']]);
    const two = await show({ id: 'NC-0002', asOf: '2026-06-30' }, ctx(root));
    expect(two.problems.map((p) => [p.severity, p.rule])).toEqual([['error', 'schema/unknown-field']]);
    expect(two.problems[0]).toMatchObject({
      line: expect.any(Number) as number,
      hint: expect.stringContaining('evidence') as string,
    });
  });

  it('lists a problem of the file layer, found before the schema', async () => {
    const text = stringify(r.nc({ raised_on: '2026-06-29' })[1]).replace('id: NC-0001', 'id: NC-0009');
    const root = await tempRegister({ 'nonconformities/NC-0001.yaml': text });
    const shown = await show({ id: 'NC-0001', asOf: '2026-06-30' }, ctx(root));
    expect(shown.problems.map((p) => p.rule)).toContain('file/id-mismatch');
  });
});
