// The YAML reader on anchors and aliases a person (or an attacker) can write: a value that holds
// itself is an error at the alias, with no data, so nothing downstream (zod, the caches, history,
// JSON, structured clones) ever meets a circular value.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/io/yaml.js';

/** Where `needle` first occurs in `text`, 1-based. */
function where(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('an anchor used inside its own value', () => {
  it.each([
    ['a list holding itself', 'a: &x [*x]\n', '*x'],
    ['a mapping holding itself', 'a: &x {b: *x}\n', '*x'],
    ['deep inside its own value', 'a: &x\n  b:\n    c:\n      - 1\n      - d: *x\n', '*x'],
    ['a block list holding itself', 'notes: &n\n  - one\n  - *n\n', '*n'],
    ['a second anchor of the same name holding itself', 'a: &x [1]\nb: &x [*x]\n', '*x]\n'],
  ])('%s is a yaml/alias error at the alias, with no data', (_, text, alias) => {
    const parsed = parseYaml(text, 'f.yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ rule: 'yaml/alias', file: 'f.yaml', severity: 'error', ...where(text, alias) }),
    ]);
    expect(parsed.diagnostics[0]!.message).toMatch(/inside its own value/);
  });

  it('is reported once for each alias that does it', () => {
    const text = 'a: &a [*a]\nb: &b {c: *b}\n';
    expect(parseYaml(text, 'f.yaml').diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      '1:8 yaml/alias',
      '2:11 yaml/alias',
    ]);
  });
});

describe('aliases that are not circular', () => {
  it('an alias of an earlier value gives that value', () => {
    const parsed = parseYaml('a: &x {b: 1}\nc: *x\nd: [*x, *x]\n', 'f.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(isDeepStrictEqual(parsed.data, { a: { b: 1 }, c: { b: 1 }, d: [{ b: 1 }, { b: 1 }] })).toBe(true);
  });

  it('an alias of a sibling inside the same list is not circular', () => {
    const parsed = parseYaml('a: [&x 1, *x]\n', 'f.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ a: [1, 1] });
  });

  it('an alias before its anchor is an error at the alias', () => {
    const text = 'a: &a {b: *b}\nb: &b {a: *a}\n';
    const parsed = parseYaml(text, 'f.yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ rule: 'yaml/alias', ...where(text, '*b') })]);
    expect(parsed.diagnostics[0]!.message).toMatch(/\*b/);
  });
});

describe('keys that are not written out as text', () => {
  it.each([
    ['a list as a key', '? [a, b]\n: v\n', '[a, b]', 'yaml/syntax', /a list/],
    ['a mapping as a key, in a flow mapping', 'a: {{x: 1}: 2}\n', '{x: 1}', 'yaml/syntax', /a mapping/],
    ['an alias of a list as a key', 'a: &m [1]\n*m : 2\n', '*m :', 'yaml/alias', /alias/],
    // Else the second "a", written as an alias, silently replaced the first.
    ['an alias of a key as a key', '&k a: 1\n*k : 2\n', '*k :', 'yaml/alias', /alias/],
  ])('%s is an error at the key, with no data', (_, text, key, rule, message) => {
    const parsed = parseYaml(text, 'f.yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ rule, ...where(text, key) })]);
    expect(parsed.diagnostics[0]!.message).toMatch(message);
  });

  it('a list as a key holding itself is reported for both', () => {
    const text = '? &k [*k]\n: v\n';
    expect(parseYaml(text, 'f.yaml').diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      '1:6 yaml/syntax',
      '1:7 yaml/alias',
    ]);
  });
});
