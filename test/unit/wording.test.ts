// Messages that name a kind or a source type read as English: "an incident", "an audit".
import { describe, expect, it } from 'vitest';
import { judgeChange } from '../../src/domain/history.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { withArticle } from '../../src/domain/validate/wording.js';
import { listsAll } from '../../src/cli/kind-commands.js';
import { check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const kind = (name: string) => KINDS.find((k) => k.name === name)!;

describe('withArticle', () => {
  it.each([
    ['incident', 'an incident'],
    ['opportunity for improvement', 'an opportunity for improvement'],
    ['internal-audit', 'an internal-audit'],
    ['nonconformity', 'a nonconformity'],
    ['self-identified', 'a self-identified'],
  ])('%s → %s', (word, expected) => expect(withArticle(word)).toBe(expected));
});

describe('messages naming a kind', () => {
  it('a record in the wrong folder: "is an opportunity for improvement"', async () => {
    const [, data] = r.ofi();
    const result = await check({ 'nonconformities/OFI-0001.yaml': data });
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'OFI-0001 is an opportunity for improvement but is in nonconformities/',
    );
  });

  it('a source of a type that names a record: "an incident source names an incident"', async () => {
    const result = await check(r.files(r.nc({ source: { type: 'incident' } })));
    expect(result.diagnostics.map((d) => d.message)).toContain('an incident source names an incident in source.ref');
  });

  it('a source pointing at the wrong kind: "an internal-audit source must be an audit"', async () => {
    const result = await check(r.files(r.incident(), r.nc({ source: { type: 'internal-audit', ref: 'INC-0001' } })));
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'an internal-audit source must be an audit, but INC-0001 is an incident',
    );
  });

  it('a history version with a status its kind has not: "not an incident state"', () => {
    const problem = judgeChange(kind('incident'), 'INC-0001', undefined, { status: 'open' }, 'in abc1234');
    expect(problem?.message).toContain('which is not an incident state');
  });
});

describe('listsAll: the help lists the choices once', () => {
  it.each([
    ['Severity: major or minor', ['major', 'minor'], true],
    ['How it was found: internal-audit, self-identified', ['internal-audit', 'self-identified'], true],
    ['effective or ineffective.', ['effective', 'ineffective'], true],
    ['How it was found', ['internal-audit', 'self-identified'], false],
    ['Found in an internal-audit', ['audit', 'internal-audit'], false],
  ])('%j names %j: %s', (description, choices, expected) => expect(listsAll(description, choices)).toBe(expected));
});
