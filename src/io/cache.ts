// Parsed records kept between runs, so a register of thousands of records is not parsed again
// each time. Parsing YAML is most of what reading a register costs; a record's data depends on
// nothing but its text, so the cache is keyed by each file's path and a hash of its text, and a
// file that changed in any way is parsed afresh. It lives in the git folder (never committed, and
// dropped with the clone), holds only records that parsed cleanly, and is rewritten only when
// something in it changed. Any problem with it (missing, corrupt, from another cim version,
// unwritable) costs a full parse, never a wrong answer. CIM_NO_CACHE=1 turns it off; under CI
// (CI set, as every CI service does) it is read but not written, since each job starts from a
// fresh clone and writing it would only add time.
//
// A record's line and column are found by parsing it again when something is reported about it.
// Those places depend on nothing but the text either, so they are kept with the record's data:
// an overdue action warned about every day is parsed once, not every day.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Position } from '../domain/diagnostics.js';
import { findGitDir } from './git.js';
import type { Env } from './git-run.js';

/** Bumped when the parser, its options or this file's layout change what a text parses to. */
const FORMAT = 1;
const FILE = 'cim-parse-cache.json';

/** [hash of the text, its data, the places found in it so far: key → [line, column]] */
type Entry = [hash: string, data: unknown, places?: Record<string, [number, number]>];

interface Stored {
  readonly format: number;
  readonly entries: Record<string, Entry>;
}

export interface ParseCache {
  /** The data cached for this text of the file, or undefined. */
  get(file: string, text: string): unknown;
  /** Remembers the data the text parsed to, when it survives being stored as JSON unchanged. */
  set(file: string, text: string, data: unknown): void;
  /**
   * Where something is written in the file's text (`key` names the path asked for): from the cache
   * when an earlier run found it in this same text, else found by `find` and remembered.
   */
  place(file: string, key: string, find: () => Position): Position;
  /** Writes the cache when it changed, keeping only the files read in this run. Call it before
   * anything changes the data `get` returned. */
  save(): Promise<void>;
}

const NONE: ParseCache = {
  get: () => undefined,
  set: () => undefined,
  place: (_file, _key, find) => find(),
  save: () => Promise.resolve(),
};

/** Whether cim's caches (this one, and the highest ids of ids.ts) may be read and written. */
export function cacheUse(env: Env): { read: boolean; write: boolean } {
  if (on(env.CIM_NO_CACHE)) return { read: false, write: false };
  return { read: true, write: !on(env.CI) };
}

export async function openCache(root: string, env: Env): Promise<ParseCache> {
  const use = cacheUse(env);
  if (!use.read) return NONE;
  const writable = use.write;
  const git = await findGitDir(root).catch(() => undefined);
  if (!git) return NONE;
  const path = join(git.gitDir, FILE);
  const old = read(path);
  // Files are keyed from the register root, which may sit below the work tree's top.
  const scope = root;
  const fresh: Record<string, Entry> = {};
  let changed = false;
  const hashes = new Map<string, string>();
  const hash = (file: string, text: string) => {
    const h = createHash('sha1').update(text).digest('base64');
    hashes.set(file, h);
    return h;
  };
  // The text each entry of this run was made for, so a place taken from the cache is one in it.
  const texts = new Map<string, string>();
  return {
    get(file, text) {
      const key = `${scope}\0${file}`;
      const entry = old && Object.hasOwn(old, key) ? old[key] : undefined;
      // Checked only when used: a register of thousands of records reads each entry once.
      if (isEntry(entry) && entry[0] === hash(file, text)) {
        fresh[key] = entry;
        texts.set(file, text);
        return entry[1];
      }
      return undefined;
    },
    set(file, text, data) {
      if (!jsonSafe(data)) return;
      fresh[`${scope}\0${file}`] = [hashes.get(file) ?? hash(file, text), data];
      texts.set(file, text);
      changed = true;
    },
    place(file, key, find) {
      // Only a file read through get or set in this run has an entry, made for the text read.
      const entry = fresh[`${scope}\0${file}`];
      const text = texts.get(file);
      if (!entry || text === undefined) return find();
      const places = isPlaces(entry[2]) ? entry[2] : (entry[2] = {});
      const known = Object.hasOwn(places, key) ? places[key] : undefined;
      if (Array.isArray(known) && known.length === 2 && inText(text, known[0], known[1]))
        return { line: known[0], column: known[1] };
      const found = find();
      places[key] = [found.line, found.column];
      changed = true;
      return found;
    },
    async save() {
      // Entries of other registers in the same repository are kept; this one's are replaced.
      const others = Object.entries(old ?? {}).filter(([key]) => !key.startsWith(`${scope}\0`));
      const dropped = Object.keys(old ?? {}).length - others.length !== Object.keys(fresh).length;
      if (!writable || (!changed && !dropped)) return;
      const stored: Stored = { format: FORMAT, entries: { ...Object.fromEntries(others), ...fresh } };
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, JSON.stringify(stored));
        await rename(temp, path);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

const on = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value !== 'false';

const isPlaces = (value: unknown): value is Record<string, [number, number]> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An entry as set() makes it: the text's hash, its data, and the places found so far (checked
 * one by one when asked for). */
function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    (value.length === 2 || (value.length === 3 && isPlaces(value[2]))) &&
    typeof value[0] === 'string' &&
    value[1] !== null &&
    jsonSafe(value[1])
  );
}

/** Whether line:column is a place in the text: a line of it, and at most one past that line's end. */
function inText(text: string, line: unknown, column: unknown): boolean {
  if (!Number.isSafeInteger(line) || !Number.isSafeInteger(column)) return false;
  const [l, c] = [line as number, column as number];
  if (l < 1 || c < 1 || c > text.length + 1) return false;
  let start = 0;
  for (let i = 1; i < l; i++) {
    const end = text.indexOf('\n', start);
    if (end < 0) return false;
    start = end + 1;
  }
  const end = text.indexOf('\n', start);
  return c <= (end < 0 ? text.length : end) - start + 1;
}

function read(path: string): Record<string, Entry> | undefined {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!isPlainObject(stored) || stored.format !== FORMAT || !isPlainObject(stored.entries)) return undefined;
    return stored.entries as Record<string, Entry>;
  } catch {
    return undefined;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Deeper than any record is written; data nested further is parsed each time, never cached. */
const MAX_DEPTH = 64;

/** Whether JSON keeps the value exactly: finite numbers (not -0), plain keys, no other types, and
 * nesting no deeper than MAX_DEPTH (so walking it never runs out of stack). */
function jsonSafe(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => jsonSafe(v, depth + 1));
  if (isPlainObject(value)) return Object.entries(value).every(([k, v]) => k !== '__proto__' && jsonSafe(v, depth + 1));
  return false;
}
