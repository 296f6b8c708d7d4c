// What the schema layer says about values it refuses: it quotes them briefly, and never walks into
// them, so a value that holds itself (from `cim edit --set 'source=&x {type: *x}'`) or one of
// 100,000 characters gives a diagnostic of one line, not a crash or a page.
import { describe, expect, it } from 'vitest';
import { nc } from '../../src/domain/kinds/index.js';
import { checkSchema, closest } from '../../src/domain/validate/schema.js';
import * as r from '../helpers/records.js';

const record = r.nc()[1];
const diagnostics = (data: unknown) => checkSchema(nc.schema, data, 'nonconformities/NC-0001.yaml').diagnostics;

describe('a value the schema refuses', () => {
  it('holding itself, is described, not quoted', () => {
    const source: Record<string, unknown> = {};
    source.type = source;
    const [diagnostic, ...rest] = diagnostics({ ...record, source });
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ rule: 'schema/value', path: ['source', 'type'] });
    expect(diagnostic!.message).toBe('source.type is a mapping, which is not allowed');
  });

  it('a mapping where one of a list of values is expected, is described, not quoted', () => {
    const grade: Record<string, unknown> = {};
    grade.self = grade;
    const [diagnostic] = diagnostics({ ...record, grade });
    expect(diagnostic).toMatchObject({ rule: 'schema/value', path: ['grade'] });
    expect(diagnostic!.message).toBe('grade is a mapping, which is not allowed');
  });

  it('long text is quoted only in part', () => {
    const [diagnostic] = diagnostics({ ...record, grade: 'x'.repeat(100_000) });
    expect(diagnostic!.message).toBe(`grade is "${'x'.repeat(40)}…", which is not allowed`);
  });

  it('a short value is quoted in full', () => {
    expect(diagnostics({ ...record, grade: 'medium' })[0]!.message).toBe('grade is "medium", which is not allowed');
    expect(diagnostics({ ...record, grade: 3 })[0]!.message).toBe('grade is 3, which is not allowed');
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
