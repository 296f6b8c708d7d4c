// How many problems are listed per file: one cap across every layer (syntax, schema, register
// rules, policy compliance), then one diagnostic that counts the rest, so a file of thousands of
// mistakes gives a report a person can read.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_PROBLEMS_PER_FILE, MORE_PROBLEMS, type Diagnostic } from '../../src/domain/diagnostics.js';
import * as r from '../helpers/records.js';
import { check } from '../helpers/register.js';

const NC_FILE = 'nonconformities/NC-0001.yaml';
const NC = stringify(r.nc()[1]);

const inFile = (diagnostics: readonly Diagnostic[], file: string) => diagnostics.filter((d) => d.file === file);

/** The listed problems of a file and the one that counts the rest, which comes last. */
function split(diagnostics: readonly Diagnostic[], file: string) {
  const all = inFile(diagnostics, file);
  const more = all.filter((d) => d.rule === MORE_PROBLEMS);
  expect(more, 'one diagnostic counts the rest').toHaveLength(1);
  expect(all.at(-1), 'and it comes after the problems listed').toBe(more[0]);
  return { listed: all.slice(0, -1), more: more[0]! };
}

describe('the problems listed per file', () => {
  it('20,000 unknown fields: the first ones are listed, the rest counted at the file', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n');
    const result = await check({ [NC_FILE]: `${NC}${keys}\n` });
    const { listed, more } = split(result.diagnostics, NC_FILE);
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(new Set(listed.map((d) => d.rule))).toEqual(new Set(['schema/unknown-field']));
    // Each listed one is where its key is written: after the record's own lines, one key a line.
    const first = NC.split('\n').length;
    expect(listed.map((d) => d.line)).toEqual(Array.from({ length: MAX_PROBLEMS_PER_FILE }, (_, i) => first + i));
    expect(more).toMatchObject({
      severity: 'error',
      file: NC_FILE,
      line: 1,
      column: 1,
      message: `${20_000 - MAX_PROBLEMS_PER_FILE} more problems in this file`,
    });
    expect(result.errors).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('20,000 wrong types in one list', async () => {
    const text = NC.replace('requirement:\n  - A.5.18\n', `requirement: [${Array(20_000).fill('true').join(', ')}]\n`);
    const { listed, more } = split((await check({ [NC_FILE]: text })).diagnostics, NC_FILE);
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(listed.every((d) => d.rule === 'schema/type' && d.message.startsWith('requirement['))).toBe(true);
    expect(more.message).toBe(`${20_000 - MAX_PROBLEMS_PER_FILE} more problems in this file`);
  });

  it('thousands of syntax problems share the same cap', async () => {
    const { listed, more } = split(
      (await check({ [NC_FILE]: `${NC}notes: ${'!a '.repeat(5_000)}x\n` })).diagnostics,
      NC_FILE,
    );
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(listed.every((d) => d.rule.startsWith('yaml/'))).toBe(true);
    expect(more.message).toBe(`${5_000 - MAX_PROBLEMS_PER_FILE} more problems in this file`);
  });

  it('register rules and policy compliance count towards one cap per file', async () => {
    const actions = Array.from({ length: 40 }, (_, i) => ({
      ref: `A${i + 1}`,
      text: 'Follow up',
      owner: 'nobody',
      due: '2026-04-01',
      status: 'open',
    }));
    const result = await check(r.files(r.heldMrt({ actions })));
    const { listed, more } = split(result.diagnostics, 'reviews/MRT-0001.yaml');
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_FILE);
    // 40 unknown owners (rules, errors) and 40 overdue actions (compliance, warnings).
    expect(listed.filter((d) => d.rule === 'ref/person')).toHaveLength(40);
    expect(more.message).toBe('30 more problems in this file');
    // Only warnings are left unlisted, so the count says no more than that.
    expect(more.severity).toBe('warning');
  });

  it('a file at the cap is listed in full, with nothing counted', async () => {
    const keys = Array.from({ length: MAX_PROBLEMS_PER_FILE }, (_, i) => `k${i}: 1`).join('\n');
    const diagnostics = inFile((await check({ [NC_FILE]: `${NC}${keys}\n` })).diagnostics, NC_FILE);
    expect(diagnostics).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(diagnostics.some((d) => d.rule === MORE_PROBLEMS)).toBe(false);
  });

  it('one more problem than the cap is counted in the singular', async () => {
    const keys = Array.from({ length: MAX_PROBLEMS_PER_FILE + 1 }, (_, i) => `k${i}: 1`).join('\n');
    const { more } = split((await check({ [NC_FILE]: `${NC}${keys}\n` })).diagnostics, NC_FILE);
    expect(more.message).toBe('1 more problem in this file');
  });

  it('the cap is per file: other files list their own problems', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}: 1`).join('\n');
    const result = await check({
      [NC_FILE]: `${NC}${keys}\n`,
      'nonconformities/NC-0002.yaml': `${stringify(r.nc({}, 'NC-0002')[1])}evidnce: x\n`,
    });
    expect(inFile(result.diagnostics, 'nonconformities/NC-0002.yaml').map((d) => d.rule)).toEqual([
      'schema/unknown-field',
    ]);
  });
});
