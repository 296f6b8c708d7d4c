// What text fields may hold: a one-line field no line break or tab, no field a control character
// or anything that reorders how it is shown, and no field is blank.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { configSchema } from '../../src/domain/config.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { describeChar, textProblem, visible } from '../../src/domain/validate/text.js';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const f = r.files;
const errorsOf = async (files: Record<string, unknown>) =>
  (await check(files)).diagnostics.filter((d) => d.severity === 'error');

describe('one-line fields', () => {
  it.each([
    ['a line feed', 'Access reviews\nNC-0099  closed  alice  Forged row', 'text/line-break', 'U+000A (line feed)'],
    ['a carriage return', 'Access reviews\rnot done', 'text/line-break', 'U+000D (carriage return)'],
    ['a line separator', 'Access reviews\u2028not done', 'text/line-break', 'U+2028 (line separator)'],
    ['a paragraph separator', 'Access reviews\u2029not done', 'text/line-break', 'U+2029 (paragraph separator)'],
    ['a next-line character', 'Access reviews\u0085not done', 'text/line-break', 'U+0085 (next line)'],
    ['a right-to-left override', 'Access reviews \u202enod ton', 'text/bidi', 'U+202E (right-to-left override)'],
    ['a left-to-right embedding', 'Access \u202areviews', 'text/bidi', 'U+202A (left-to-right embedding)'],
    ['a right-to-left isolate', 'Access \u2067reviews\u2069', 'text/bidi', 'U+2067 (right-to-left isolate)'],
    ['an escape sequence', 'Access \u001b[2J reviews', 'text/control-character', 'U+001B (escape)'],
    ['a tab', 'Access\treviews', 'text/control-character', 'U+0009 (tab)'],
    ['a NUL', 'Access\u0000reviews', 'text/control-character', 'U+0000 (null)'],
  ])('a title with %s is an error at the title naming the character', async (_, title, rule, named) => {
    const [error, ...more] = await errorsOf(f(r.nc({ title })));
    expect(more).toEqual([]);
    expect(error).toMatchObject({ rule, file: 'nonconformities/NC-0001.yaml' });
    expect(error!.message).toContain(`title: holds`);
    expect(error!.message).toContain(named);
    expect(error!.hint).toMatch(/^(remove it|write it on one line)/);
    // The message names the character; it never holds it.
    expect(visible(error!.message)).toBe(error!.message);
  });

  it.each([' ', '   ', '\u00a0 \u3000'])('a title of only spaces (%j) is an error', async (title) => {
    expect(rules(await check(f(r.nc({ title }))), 'error')).toEqual(['schema/empty']);
  });

  it.each([
    ['organisation', { organisation: 'Test\nCo' }, 'text/line-break'],
    [
      'a person name',
      { people: [{ ...BASE_CONFIG.people[0], name: 'Alice\u202eExample' }, ...BASE_CONFIG.people.slice(1)] },
      'text/bidi',
    ],
    [
      'an area name',
      { areas: [{ id: 'it', name: 'IT\tops', owner: 'alice' }, BASE_CONFIG.areas[1]] },
      'text/control-character',
    ],
    ['the policy version', { policy: { ...BASE_CONFIG.policy, version: '1.0\n2.0' } }, 'text/line-break'],
    ['the policy title', { policy: { ...BASE_CONFIG.policy, title: '  ' } }, 'schema/empty'],
  ])('%s in cim.yaml is one line too', async (_, config, rule) => {
    const result = await check({ 'cim.yaml': { ...BASE_CONFIG, ...config } });
    expect(rules(result, 'error')).toEqual([rule]);
    expect(result.register).toBeUndefined();
  });

  it('an email with an escape sequence is not an email address', async () => {
    const people = [{ ...BASE_CONFIG.people[0], email: 'alice\u001b]0;x@example.com' }, ...BASE_CONFIG.people.slice(1)];
    expect(rules(await check({ 'cim.yaml': { ...BASE_CONFIG, people } }), 'error')).toEqual(['schema/format']);
  });

  it.each([
    ['an audit body', r.audit({ type: 'certification', body: 'Cert\nBody' })],
    ['an exception policy', r.exception({ policy: 'Access policy\u202e' })],
    ['an LRC reference', r.lrc({ reference: 'GDPR\u2028art. 32' })],
  ])('%s is one line', async (_, record) => {
    expect(rules(await check(f(record)), 'error')).toHaveLength(1);
  });
});

describe('prose fields', () => {
  it('keep line feeds and tabs', async () => {
    const description = 'Found in review.\n\n\tTwo accounts:\n- one\n- two';
    expect(rules(await check(f(r.nc({ description, notes: 'a\nb' }))), 'error')).toEqual([]);
  });

  it.each([
    ['a right-to-left override', 'Found \u202ein review', 'text/bidi'],
    ['a line separator', 'Found\u2028in review', 'text/line-break'],
    ['an escape sequence', 'Found \u001b[2J in review', 'text/control-character'],
    ['a carriage return', 'Found\r in review', 'text/line-break'],
  ])('refuse %s', async (_, description, rule) => {
    const [error] = await errorsOf(f(r.nc({ description })));
    expect(error?.rule).toBe(rule);
    expect(error?.message).toMatch(/^description: holds /);
  });

  it('are not blank, but notes may be empty', async () => {
    expect(rules(await check(f(r.nc({ description: ' \n ' }))), 'error')).toEqual(['schema/empty']);
    expect(rules(await check(f(r.nc({ notes: '' }))), 'error')).toEqual([]);
    expect(rules(await check(f(r.nc({ notes: 'x\u202ey' }))), 'error')).toEqual(['text/bidi']);
  });
});

/** Every string schema under a zod schema, with its path (`*` for list items). */
function strings(schema: z.ZodType, path = ''): [string, z.ZodType][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const type = def.type as string;
  if (type === 'string') return [[path, schema]];
  const inner = (def.innerType ?? def.in) as z.ZodType | undefined;
  if (inner) return strings(inner, path);
  if (type === 'object')
    return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  if (type === 'array') return strings(def.element as z.ZodType, `${path}[*]`);
  if (type === 'union') return (def.options as z.ZodType[]).flatMap((o) => strings(o, path));
  return [];
}

describe('every text a schema accepts', () => {
  const all = [
    ...KINDS.flatMap((k) => strings(k.shape).map(([p, s]) => [`${k.name}${p}`, s] as const)),
    ...strings(configSchema).map(([p, s]) => [`cim.yaml${p}`, s] as const),
  ];

  it('is found: the walk sees the fields', () => {
    expect(all.map(([p]) => p)).toEqual(expect.arrayContaining(['nc.title', 'nc.notes', 'cim.yaml.people[*].name']));
  });

  it.each(['\u202e', '\u2066', '\u2028', '\u001b', '\u0000', '\u009b'])(
    'refuses %j, in every field of every kind and of cim.yaml',
    (char) => {
      const accepted = all.filter(([, s]) => s.safeParse(`Access${char}review`).success).map(([p]) => p);
      expect(accepted).toEqual([]);
    },
  );
});

describe('textProblem', () => {
  it.each([
    ['plain text', 'Dana Whitfield', true, undefined],
    ['an accented name', 'Ödön "Q" #1: A&B', true, undefined],
    ['a line feed in prose', 'a\nb', false, undefined],
    ['a line feed in a line', 'a\nb', true, 'text/line-break'],
    ['a tab in a line', 'a\tb', true, 'text/control-character'],
    ['a DEL', 'a\u007fb', false, 'text/control-character'],
    ['a pop directional isolate', 'a\u2069', false, 'text/bidi'],
  ])('%s', (_, value, oneLine, rule) => {
    expect(textProblem(value, oneLine)?.rule).toBe(rule);
  });

  it('names characters the way Unicode does', () => {
    expect(describeChar('\u202e')).toBe('U+202E (right-to-left override)');
    expect(describeChar('\u0001')).toBe('U+0001 (a control character)');
  });
});
