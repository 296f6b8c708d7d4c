// The caches in the git folder: parsed records, and the highest ids found in history. Each must
// give exactly what reading everything afresh gives, whatever has changed since it was written.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { validate } from '../../src/domain/validate/index.js';
import { nextId } from '../../src/io/ids.js';
import { loadRegister } from '../../src/io/register.js';
import { git, gitRepo } from '../helpers/git.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG } from '../helpers/register.js';

const CACHE = '.git/cim-parse-cache.json';
const NC_FILE = 'nonconformities/NC-0001.yaml';

beforeEach(() => {
  // Whatever the machine running the tests says, these tests decide.
  vi.stubEnv('CI', '');
  vi.stubEnv('CIM_NO_CACHE', '');
});
afterEach(() => vi.unstubAllEnvs());

const repo = () => gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.ca()) });
/** Loads the register as a command does: read, validated (which places problems), cache saved. */
const load = async (root: string) => {
  const input = await loadRegister(root, process.env);
  const result = validate(input, { asOf: '2026-06-30' });
  await input.parseCache.save();
  return { input, result };
};
const data = async (root: string) =>
  Object.fromEntries((await load(root)).input.files.map((f) => [f.file, f.data] as const));
type Stored = { entries: Record<string, [string, unknown, Record<string, [number, number]>?]> };
const stored = async (root: string) => JSON.parse(await readFile(join(root, CACHE), 'utf8')) as Stored;
const ownerProblem = async (root: string) =>
  (await load(root)).result.diagnostics.find((d) => d.rule === 'ref/person' && d.file === NC_FILE);

describe('the parse cache', () => {
  it('is written on the first load and gives the same records on the next', async () => {
    const root = await repo();
    const first = await data(root);
    const cached = JSON.parse(await readFile(join(root, CACHE), 'utf8')) as { entries: object };
    expect(Object.keys(cached.entries)).toHaveLength(2);
    expect(await data(root)).toEqual(first);
  });

  it('reads a changed file afresh', async () => {
    const root = await repo();
    await data(root);
    await writeFile(join(root, NC_FILE), stringify(r.nc({ title: 'Changed since the cache was written' })[1]));
    expect((await data(root))[NC_FILE]?.title).toBe('Changed since the cache was written');
  });

  it('places a problem found in a cached record at its line and column', async () => {
    const root = await repo();
    const text = stringify(r.nc({ owner: 'nobody' })[1]);
    await writeFile(join(root, NC_FILE), text);
    await data(root); // the cache now holds the record
    const result = validate(await loadRegister(root, process.env), { asOf: '2026-06-30' });
    const line = text.split('\n').findIndex((l) => l.startsWith('owner:')) + 1;
    expect(result.diagnostics.find((d) => d.rule === 'ref/person')).toMatchObject({ file: NC_FILE, line, column: 8 });
  });

  it('keeps the places it found with the text they were found in', async () => {
    const root = await repo();
    const text = stringify(r.nc({ owner: 'nobody' })[1]);
    await writeFile(join(root, NC_FILE), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('owner:')) + 1;
    expect(await ownerProblem(root)).toMatchObject({ line, column: 8 });
    const before = await stored(root);
    const key = Object.keys(before.entries).find((k) => k.endsWith(NC_FILE))!;
    expect(Object.values(before.entries[key]![2] ?? {})).toContainEqual([line, 8]);

    // The next run takes the place from the cache without parsing: a place planted there (one that
    // is in the text) shows.
    for (const k of Object.keys(before.entries[key]![2]!)) before.entries[key]![2]![k] = [2, 7];
    await writeFile(join(root, CACHE), JSON.stringify({ format: 1, ...before }));
    expect(await ownerProblem(root)).toMatchObject({ line: 2, column: 7 });

    // Once the text changes, the planted place is gone with the old text.
    const moved = `notes: moved down a line\n${text}`;
    await writeFile(join(root, NC_FILE), moved);
    expect(await ownerProblem(root)).toMatchObject({ line: line + 1, column: 8 });
  });

  it('finds a place afresh when the cached one is not a line and column', async () => {
    const root = await repo();
    const text = stringify(r.nc({ owner: 'nobody' })[1]);
    await writeFile(join(root, NC_FILE), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('owner:')) + 1;
    await ownerProblem(root);
    const before = await stored(root);
    const key = Object.keys(before.entries).find((k) => k.endsWith(NC_FILE))!;
    for (const junk of [['x', 1], [1.5, 2], 'nowhere', null]) {
      const places = before.entries[key]![2]!;
      for (const k of Object.keys(places)) (places as Record<string, unknown>)[k] = junk;
      await writeFile(join(root, CACHE), JSON.stringify({ format: 1, ...before }));
      expect(await ownerProblem(root)).toMatchObject({ line, column: 8 });
    }
    for (const junk of ['places', 7, [[1, 2]]]) {
      before.entries[key]![2] = junk as never;
      await writeFile(join(root, CACHE), JSON.stringify({ format: 1, ...before }));
      expect(await ownerProblem(root)).toMatchObject({ line, column: 8 });
    }
  });

  it('costs only a fresh parse when it is corrupt or from another format', async () => {
    const root = await repo();
    const fresh = await data(root);
    for (const junk of ['{"format": 1, "entries": {', '[]', '{"format": 99, "entries": {}}', 'null']) {
      await writeFile(join(root, CACHE), junk);
      expect(await data(root)).toEqual(fresh);
    }
  });

  it('is not used with CIM_NO_CACHE=1, and not written under CI', async () => {
    const root = await repo();
    vi.stubEnv('CIM_NO_CACHE', '1');
    await data(root);
    await expect(readFile(join(root, CACHE))).rejects.toThrow();
    vi.stubEnv('CIM_NO_CACHE', '');
    vi.stubEnv('CI', 'true');
    await data(root);
    await expect(readFile(join(root, CACHE))).rejects.toThrow();
  });

  it('takes no place from it that is not in the text', async () => {
    const root = await repo();
    const text = stringify(r.nc({ owner: 'nobody' })[1]);
    await writeFile(join(root, NC_FILE), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('owner:')) + 1;
    await ownerProblem(root);
    const before = await stored(root);
    const key = Object.keys(before.entries).find((k) => k.endsWith(NC_FILE))!;
    const lines = text.split('\n').length;
    for (const junk of [
      [99, 7],
      [lines + 1, 1],
      [line, 200],
      [0, 1],
      [line, 0],
      [-1, 8],
      [1e300, 1],
      [line, 2 ** 53],
    ]) {
      const places = before.entries[key]![2]!;
      for (const k of Object.keys(places)) places[k] = junk as [number, number];
      await writeFile(join(root, CACHE), JSON.stringify({ format: 1, ...before }));
      expect(await ownerProblem(root), JSON.stringify(junk)).toMatchObject({ line, column: 8 });
    }
  });

  it('gives the same records and problems as no cache, whatever is wrong with it', async () => {
    const root = await repo();
    const text = stringify(r.nc({ owner: 'nobody' })[1]);
    await writeFile(join(root, NC_FILE), text);
    vi.stubEnv('CIM_NO_CACHE', '1');
    const fresh = await load(root);
    vi.stubEnv('CIM_NO_CACHE', '');
    await load(root);
    const good = await stored(root);
    const key = Object.keys(good.entries).find((k) => k.endsWith(NC_FILE))!;
    const [hash, record] = good.entries[key]!;
    const entries = (entry: unknown) => raw(JSON.stringify(entry));
    /** The cache with this record's entry written as `json`. */
    const raw = (json: string) => `{"format": 1, "entries": {${JSON.stringify(key)}: ${json}}}`;
    const damaged = [
      '',
      '{"format": 1, "entries": ',
      'null',
      '7',
      '"text"',
      '[]',
      '{"format": "1", "entries": {}}',
      '{"format": 1, "entries": []}',
      '{"format": 1, "entries": null}',
      '{"format": 1, "entries": "x"}',
      entries(null),
      entries('x'),
      entries([hash]),
      entries({ 0: hash, 1: record }),
      entries([hash, record, 'places']),
      entries([hash, record, [[1, 2]]]),
      entries([hash, record, {}, 'more']),
      entries([7, record]),
      raw(`[${JSON.stringify(hash)}, ${'['.repeat(100_000)}${']'.repeat(100_000)}]`),
      // -0 is what JSON reads "-0" as, and what set() keeps out.
      raw(`[${JSON.stringify(hash)}, ${JSON.stringify(record).replace(/}$/, ', "notes": -0}')}]`),
      raw(`[${JSON.stringify(hash)}, {"__proto__": {"status": "closed"}}]`),
    ];
    for (const junk of damaged) {
      await writeFile(join(root, CACHE), junk);
      const { input, result } = await load(root);
      expect(
        input.files.map((f) => [f.file, f.data]),
        junk.slice(0, 80),
      ).toEqual(fresh.input.files.map((f) => [f.file, f.data]));
      expect(result.diagnostics, junk.slice(0, 80)).toEqual(fresh.result.diagnostics);
      // And it is written afresh, as cim writes it.
      expect((await stored(root)).entries[key]![0]).toBe(hash);
    }
  });

  it('keeps out data JSON would change, such as .inf', async () => {
    const root = await repo();
    await writeFile(join(root, NC_FILE), `${stringify(r.nc()[1])}notes: .inf\n`);
    await data(root);
    const cached = JSON.parse(await readFile(join(root, CACHE), 'utf8')) as { entries: object };
    expect(Object.keys(cached.entries).some((k) => k.endsWith(NC_FILE))).toBe(false);
    expect((await data(root))[NC_FILE]?.notes).toBe(Infinity);
  });
});

describe('the highest ids in history', () => {
  it('counts ids committed on any branch after the cache was written', async () => {
    const root = await repo();
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
    await git(root, 'switch', '--quiet', '-c', 'other');
    await writeFile(join(root, 'nonconformities/NC-0009.yaml'), stringify(r.nc({}, 'NC-0009')[1]));
    await git(root, 'add', '-A');
    await git(root, 'commit', '--quiet', '-m', 'NC-0009');
    await git(root, 'switch', '--quiet', 'main');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0010');
  });

  it('still counts an id whose file was deleted, and survives a corrupt cache', async () => {
    const root = await repo();
    await git(root, 'rm', '--quiet', NC_FILE);
    await git(root, 'commit', '--quiet', '-m', 'remove');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
    await writeFile(join(root, '.git/cim-id-cache.json'), '{"x"');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
  });

  it('is not used with CIM_NO_CACHE=1, and not written under CI', async () => {
    const root = await repo();
    const cache = join(root, '.git/cim-id-cache.json');
    vi.stubEnv('CIM_NO_CACHE', '1');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
    await expect(readFile(cache)).rejects.toThrow();
    vi.stubEnv('CIM_NO_CACHE', '');
    vi.stubEnv('CI', 'true');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
    await expect(readFile(cache)).rejects.toThrow();

    // A cache that claims NC-0050 was committed: used normally, not with CIM_NO_CACHE=1.
    vi.stubEnv('CI', '');
    await nextId(root, process.env, 'nonconformities', 'NC', []);
    const stored = JSON.parse(await readFile(cache, 'utf8')) as Record<string, { highest: Record<string, number> }>;
    for (const entry of Object.values(stored)) entry.highest.NC = 50;
    await writeFile(cache, JSON.stringify(stored));
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0051');
    vi.stubEnv('CIM_NO_CACHE', '1');
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
  });

  it('gives the same ids as no cache, whatever is wrong with it', async () => {
    const root = await repo();
    const cache = join(root, '.git/cim-id-cache.json');
    await writeFile(join(root, 'nonconformities/NC-0004.yaml'), stringify(r.nc({}, 'NC-0004')[1]));
    await git(root, 'add', '-A');
    await git(root, 'commit', '--quiet', '-m', 'NC-0004');
    await git(root, 'rm', '--quiet', 'nonconformities/NC-0004.yaml');
    await git(root, 'commit', '--quiet', '-m', 'remove NC-0004');
    const next = async () => nextId(root, process.env, 'nonconformities', 'NC', []);
    vi.stubEnv('CIM_NO_CACHE', '1');
    const fresh = await next();
    vi.stubEnv('CIM_NO_CACHE', '');
    expect(fresh).toBe('NC-0005');
    await next();
    const good = JSON.parse(await readFile(cache, 'utf8')) as Record<string, { tips: string[]; highest: object }>;
    const [key, entry] = Object.entries(good)[0]!;
    const tip = entry.tips[0]!;
    const pwned = join(root, 'pwned');
    const withEntry = (e: object) => JSON.stringify({ [key]: { ...entry, ...e } });
    const damaged = [
      '',
      '{"x"',
      'null',
      '[]',
      '42',
      JSON.stringify({ [key]: null }),
      JSON.stringify({ [key]: [] }),
      withEntry({ tips: tip }),
      withEntry({ tips: [`--output=${pwned}`] }),
      withEntry({ tips: ['-p', tip] }),
      withEntry({ tips: ['HEAD'] }),
      withEntry({ tips: [tip.slice(0, 39)] }),
      withEntry({ tips: [tip.toUpperCase()] }),
      withEntry({ tips: [`${tip}\n--all`] }),
      withEntry({ tips: Array(1001).fill(tip) }),
      withEntry({ tips: [7] }),
      withEntry({ highest: null }),
      withEntry({ highest: [] }),
      withEntry({ highest: { NC: 1e300 } }),
      withEntry({ highest: { NC: 2 ** 53 } }),
      withEntry({ highest: { NC: '50' } }),
      withEntry({ highest: { NC: 1.5 } }),
      withEntry({ highest: { NC: -3 } }),
      withEntry({ highest: { NC: 1, '--exec': 3 } }),
      withEntry({ highest: { nc: 1 } }),
      withEntry({ tips: undefined }),
    ];
    for (const junk of damaged) {
      await writeFile(cache, junk);
      expect(await next(), junk.slice(0, 80)).toBe(fresh);
      await expect(readFile(pwned), 'git was given an option from the cache').rejects.toThrow();
      // Written afresh, as cim writes it.
      expect(JSON.parse(await readFile(cache, 'utf8')), junk.slice(0, 80)).toEqual(good);
    }
  });

  it('counts no id number too large to count exactly', async () => {
    const root = await repo();
    await writeFile(join(root, 'nonconformities/NC-99999999999999999999999.yaml'), 'id: x\n');
    expect(
      await nextId(root, process.env, 'nonconformities', 'NC', ['nonconformities/NC-1000000000000000000000.yaml']),
    ).toBe('NC-0002');
  });

  it('reads all history again when the commits it read from are gone', async () => {
    const root = await repo();
    await git(root, 'rm', '--quiet', NC_FILE);
    await git(root, 'commit', '--quiet', '-m', 'remove');
    await nextId(root, process.env, 'nonconformities', 'NC', []);
    // As if history had been rewritten and collected since: what it read from no longer exists.
    const cache = join(root, '.git/cim-id-cache.json');
    const stored = JSON.parse(await readFile(cache, 'utf8')) as Record<string, { tips: string[]; highest: object }>;
    for (const entry of Object.values(stored)) Object.assign(entry, { tips: ['0'.repeat(40)], highest: {} });
    await writeFile(cache, JSON.stringify(stored));
    expect(await nextId(root, process.env, 'nonconformities', 'NC', [])).toBe('NC-0002');
  });
});
