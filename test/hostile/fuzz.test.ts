// Fuzzing the loader and validation: valid records of every kind (and cim.yaml), mutated — keys
// dropped or added, values swapped for other types, hostile strings, broken dates — then written
// as YAML, sometimes cut short or with random bytes inserted. Whatever comes out, validation must
// return diagnostics a person can act on: each placed at a file, line and column that exist, with a
// rule id and a hint. It must never throw, and no rule may fail inside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../src/domain/diagnostics.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG, check } from '../helpers/register.js';

/** Fixed, so a failure seen once is seen again; change it locally to explore further. */
const SEED = 27001;
const RUNS = 300;

type Data = Record<string, unknown>;

/** One valid record of each kind, which together validate without errors; cim.yaml is a target too. */
const TARGETS: readonly (readonly [string, Data])[] = [
  ['cim.yaml', BASE_CONFIG],
  r.nc(),
  r.ca(),
  r.audit(),
  r.ofi(),
  r.incident(),
  r.change(),
  r.heldMrt(),
  r.objective(),
  r.lrc(),
  r.exception(),
];

// Text that YAML, a terminal, a template engine or a shell treats specially.
const SPECIAL = [
  ...['', ' ', ': ', '- x', '#', '# x', '&a', '*a', '!!js/function', '!x', '{', '}', '[', ']', ',', '---', '...'],
  ...['%YAML 1.1', "'", '"', '|', '>', '@', '`', '? x', '<<', '~', 'null', 'yes', 'no', 'on', '0x1F', '1e3', '.inf'],
  ...['2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '2026-01-10T25:00', '../x', '-rf', '--upload-pack=x'],
  ...['NC-0001', 'NC-0001#F1', 'NC-9999', 'alice', 'A.5.18', '{{x}}', '${x}', '<script>', '\\', '\\u0000'],
  ...[
    '\u0000',
    '\u0007',
    '\u001b[2J',
    '\u007f',
    '\u0085',
    '\u2028',
    '\ufeff',
    '\ud800',
    '👩‍💻',
    'ß',
    'İ',
    '\t',
    '\r',
    '\r\n',
  ],
];

const special = fc.constantFrom(...SPECIAL);
const hostileString = fc.oneof(
  special,
  fc.array(special, { maxLength: 4 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'-:#&*!{}[],|>@`\'"%?\\ \t\n\r\u0000\u001bA0'), maxLength: 12 }),
);
const anyDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const scalar = fc.oneof(
  hostileString,
  anyDate,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, scalar, { maxKeys: 3 }) },
);

type Edit =
  | { readonly op: 'drop'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'add'; readonly at: number; readonly key: string; readonly value: unknown };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(hostileString, special), value }),
);

type Cut =
  | { readonly op: 'none' }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array };

const cut: fc.Arbitrary<Cut> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ op: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  },
);

type Path = (string | number)[];

/** Every place in the data a value sits, outermost first. */
function paths(data: unknown, at: Path = []): Path[] {
  if (Array.isArray(data)) return data.flatMap((v, i) => [[...at, i], ...paths(v, [...at, i])]);
  if (data !== null && typeof data === 'object')
    return Object.entries(data).flatMap(([k, v]) => [[...at, k], ...paths(v, [...at, k])]);
  return [];
}

function get(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((d, k) => (d as Record<string | number, unknown>)[k], data);
}

const isMap = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);

function apply(data: Data, edits: readonly Edit[]): Data {
  const out = structuredClone(data);
  for (const e of edits) {
    const all = paths(out);
    if (e.op === 'add') {
      // Into the record itself or into any mapping inside it.
      const maps = [[], ...all].filter((p) => isMap(get(out, p)));
      (get(out, maps[e.at % maps.length]!) as Data)[e.key] = e.value;
      continue;
    }
    if (all.length === 0) continue;
    const path = all[e.at % all.length]!;
    const parent = get(out, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (e.op === 'set') parent[key] = e.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return out;
}

function damage(text: Buffer, c: Cut): Buffer {
  if (c.op === 'none') return text;
  const at = c.at % (text.length + 1);
  if (c.op === 'truncate') return text.subarray(0, at);
  return Buffer.concat([text.subarray(0, at), c.bytes, text.subarray(at)]);
}

/** The lines of a file as cim counts them (LF, CRLF or CR), whatever its encoding. */
const linesOf = (bytes: Buffer) => bytes.toString('latin1').split(/\r\n|\r|\n/);

function expectUsable(d: Diagnostic, files: ReadonlyMap<string, Buffer>): void {
  const where = `${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}`;
  expect(['error', 'warning'], where).toContain(d.severity);
  expect(d.file, where).toMatch(/^(cim\.yaml|[a-z]+\/[^/]+\.ya?ml|[a-z]+)$/);
  expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
  expect(d.rule, where).toMatch(/^[a-z]+\/[a-z-]+$/);
  expect(d.rule, `a rule failed inside: ${where}`).not.toBe('internal/rule');
  expect(d.message.trim(), where).not.toBe('');
  expect(d.hint.trim(), where).not.toBe('');
  const bytes = files.get(d.file);
  if (bytes) {
    // The place exists in the file: at most one past the end of a line.
    const lines = linesOf(bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0));
    expect(d.line, where).toBeLessThanOrEqual(lines.length);
    expect(d.column, where).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  }
}

describe('fuzzing valid records into broken ones', () => {
  it('the records it starts from validate without errors', async () => {
    const result = await check(Object.fromEntries(TARGETS));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('every result is a list of usable diagnostics, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: TARGETS.length - 1 }),
        fc.array(edit, { maxLength: 4 }),
        cut,
        async (target, edits, c) => {
          const [file, data] = TARGETS[target]!;
          const bytes = damage(Buffer.from(stringify(apply(data, edits))), c);
          const files = new Map([[file, bytes]]);
          const result = await check({ ...Object.fromEntries(TARGETS), [file]: bytes });
          for (const d of result.diagnostics) expectUsable(d, files);
          expect(result.errors).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
