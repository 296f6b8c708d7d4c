// What the schema layer says about values it refuses: it quotes them briefly, and never walks into
// them, so a value that holds itself (from `cim edit --set 'source=&x {type: *x}'`) or one of
// 100,000 characters gives a finding of one line, not a crash or a page.
import { describe, expect, it } from 'vitest';
import { nc } from '../../src/domain/kinds/index.js';
import { closest, schemaFindings } from '../../src/domain/validate/schema.js';
import * as r from '../helpers/records.js';

const record = r.nc()[1];
const findings = (data: unknown) => schemaFindings(nc.schema, data, 'nonconformities/NC-0001.yaml').findings;

describe('a value the schema refuses', () => {
  it('holding itself, is described, not quoted', () => {
    const source: Record<string, unknown> = {};
    source.type = source;
    const [finding, ...rest] = findings({ ...record, source });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'schema/value', path: ['source', 'type'] });
    expect(finding!.message).toBe('source.type is a mapping, which is not allowed');
  });

  it('a mapping where one of a list of values is expected, is described, not quoted', () => {
    const grade: Record<string, unknown> = {};
    grade.self = grade;
    const [finding] = findings({ ...record, grade });
    expect(finding).toMatchObject({ rule: 'schema/value', path: ['grade'] });
    expect(finding!.message).toBe('grade is a mapping, which is not allowed');
  });

  it('long text is quoted only in part', () => {
    const [finding] = findings({ ...record, grade: 'x'.repeat(100_000) });
    expect(finding!.message).toBe(`grade is "${'x'.repeat(40)}…", which is not allowed`);
  });

  it('a short value is quoted in full', () => {
    expect(findings({ ...record, grade: 'medium' })[0]!.message).toBe('grade is "medium", which is not allowed');
    expect(findings({ ...record, grade: 3 })[0]!.message).toBe('grade is 3, which is not allowed');
  });
});

describe('did you mean', () => {
  const fields = Object.keys(nc.shape.shape);
  it.each([
    ['evidnce', 'evidence'],
    ['titel', 'title'],
    ['Owner', 'owner'],
    ['raisedby', 'raised_by'],
    ['requirment', 'requirement'],
    ['zz9', undefined],
    ['completely_different', undefined],
  ])('%s → %s', (word, near) => expect(closest(word, fields)).toBe(near));
});
