// Clause and control ids are text. Unquoted, YAML reads 9.10 as the number 9.1, 0x9 as 9 and 1e1
// as 10, so a number where an id belongs is an error that quotes the value as it was written.
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/domain/validate/index.js';
import { loadRegister } from '../../src/io/register.js';
import { BASE_CONFIG, check, rules, tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const f = r.files;

describe('clause and control ids', () => {
  /** NC-0001 with its requirement written as `list`, as a person would type it. */
  async function ncWritten(list: string) {
    const text = `id: NC-0001\ntitle: Access reviews\nstatus: open\nowner: alice\ncreated: 2026-01-10\ngrade: minor\nsource: {type: self-identified}\nrequirement: ${list}\narea: it\nraised_by: alice\nraised_on: 2026-01-10\ndescription: Skipped.\n`;
    const root = await tempRegister({ 'nonconformities/NC-0001.yaml': text });
    return validate(await loadRegister(root, process.env), { asOf: '2026-06-30' }).diagnostics.filter(
      (d) => d.severity === 'error',
    );
  }

  it.each([
    ['9.10', '[9.10]', 15],
    ['0x9', '[0x9]', 15],
    ['1e1', '[A.5.18, 1e1]', 23],
    ['6.1', '\n  - 6.1', 5],
    ['10', '[10]', 15],
  ])('%s written unquoted is an error at the value saying: quote it as written', async (written, list, column) => {
    const [error, ...more] = await ncWritten(list);
    expect(more).toEqual([]);
    expect(error).toMatchObject({
      rule: 'schema/requirement-number',
      file: 'nonconformities/NC-0001.yaml',
      line: list.startsWith('\n') ? 9 : 8,
      column,
    });
    expect(error!.message).toMatch(/is the number .*, not a clause or control id/);
    expect(error!.hint).toContain(`quote it: "${written}"`);
  });

  it('a quoted "9.10" names no clause: ref/requirement says so', async () => {
    const diagnostics = await ncWritten('["9.10"]');
    expect(diagnostics.map((d) => d.rule)).toEqual(['ref/requirement']);
  });

  const reported = (requirement: unknown[]) =>
    r.audit({
      status: 'reported',
      conducted: { from: '2026-06-01', to: '2026-06-02' },
      report: {
        date: '2026-06-03',
        conclusion: 'Effective.',
        findings: [{ ref: 'F1', type: 'observation', requirement, statement: 'Seen.', no_action: 'Minor.' }],
      },
    });

  it.each([
    ['an audit criterion', r.audit({ criteria: ['9.2', 9.3] })],
    ['a finding requirement', reported([7.5])],
    ['an incident control', r.incident({ controls: [8] })],
  ])('a number as %s is refused too', async (_, record) => {
    expect(rules(await check(f(record)), 'error')).toEqual(['schema/requirement-number']);
  });

  it('a number as an excluded control in cim.yaml is refused, and cim.yaml is then invalid', async () => {
    const result = await check({
      'cim.yaml': { ...BASE_CONFIG, audit_programme: { excluded_controls: [{ control: 7.5, reason: 'Remote.' }] } },
    });
    expect(rules(result, 'error')).toEqual(['schema/requirement-number']);
    expect(result.register).toBeUndefined();
  });
});
