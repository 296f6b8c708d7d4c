// Reads a register from disk in one pass: cim.yaml, then every record file of every kind folder,
// read in parallel. Problems with files (wrong name, wrong folder, unreadable, not YAML) become
// diagnostics; nothing here throws for anything a user could have written.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../domain/config.js';
import { AT_START, fileError, type Diagnostic, type SourceMap } from '../domain/diagnostics.js';
import { ID_PATTERN } from '../domain/fields.js';
import type { Kind } from '../domain/kind.js';
import { KINDS } from '../domain/kinds/index.js';
import { Prefixes, type RecordFile, type RegisterInput } from '../domain/register.js';
import {
  FILE_CONFLICT,
  FILE_EMPTY,
  FILE_ENCODING,
  FILE_EXTENSION,
  FILE_ID_MISMATCH,
  FILE_LOCATION,
  FILE_NAME,
  FILE_NOT_MAPPING,
  FILE_SYMLINK,
  FILE_UNREADABLE,
  FILE_WRONG_FOLDER,
} from '../domain/validate/rule-ids.js';
import { article } from '../domain/validate/wording.js';
import { UserError } from '../errors.js';
import { openCache, type ParseCache } from './cache.js';
import { addedOnBothSides } from './git.js';
import type { Env } from './git-run.js';
import { addedOnBothHint, conflictMarkers, MAX_YAML_BYTES, parseYaml, tooLarge, type ParsedYaml } from './yaml.js';

export { CONFIG_FILE };

/** Walks up from `start` to the first folder holding cim.yaml, as git finds `.git`. */
export async function findRoot(start: string): Promise<string> {
  const from = resolve(start);
  const isDir = await stat(from).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new UserError(`${start} is not a directory`, 'pass -C with the register folder');
  for (let dir = from; ; dir = dirname(dir)) {
    if (
      await stat(join(dir, CONFIG_FILE)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return dir;
    if (dirname(dir) === dir) break;
  }
  throw new UserError(
    `not inside a cim register: no ${CONFIG_FILE} in ${from} or any folder above it`,
    'run `cim init` to create a register here, or pass -C <dir> to point at one',
  );
}

/**
 * The id prefixes cim.yaml sets, read without the records: enough for commands that only need to
 * know which file a record id names. A cim.yaml that cannot be read gives the default prefixes;
 * `cim validate` reports it.
 */
export function loadPrefixes(root: string): Prefixes {
  const text = readText(root, CONFIG_FILE, []);
  const parsed = text === undefined ? undefined : parseYaml(text, CONFIG_FILE);
  return new Prefixes(prefixOverrides(parsed?.diagnostics.length === 0 ? parsed.data : undefined));
}

/**
 * The register as read, with the parse cache it was read through. Save the cache once problems
 * have been placed in the records (validation), so the places found are kept with the data.
 */
export interface LoadedRegister extends RegisterInput {
  readonly parseCache: ParseCache;
}

export async function loadRegister(root: string, env: Env): Promise<LoadedRegister> {
  const diagnostics: Diagnostic[] = [];
  const configText = readText(root, CONFIG_FILE, diagnostics);
  let config: RegisterInput['config'];
  if (configText !== undefined) {
    const conflict = conflictMarkers(configText, CONFIG_FILE);
    const parsed = conflict
      ? { data: undefined, source: AT_START, diagnostics: [conflict] }
      : parseYaml(configText, CONFIG_FILE);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.length === 0) config = { data: parsed.data ?? {}, source: parsed.source, text: configText };
  }
  // Prefixes decide which file names belong where; read them before the records.
  const prefixes = new Prefixes(prefixOverrides(config?.data));
  const candidates = (await Promise.all(KINDS.map((kind) => listFolder(root, kind, prefixes, diagnostics)))).flat();
  const cache = await openCache(root, env);
  const files: RecordFile[] = [];
  const unread: string[] = [];
  for (const { kind, file, id } of candidates) {
    const loaded = readRecord(root, kind, file, id, diagnostics, cache);
    if (loaded) files.push(loaded);
    else unread.push(id);
  }
  files.sort((a, b) => (a.file < b.file ? -1 : 1));
  await explainAddedOnBoth(root, env, diagnostics);
  const scanned = new Set([
    ...candidates.map((c) => c.file),
    ...diagnostics.filter((d) => /\.ya?ml$/i.test(d.file) && d.file !== CONFIG_FILE).map((d) => d.file),
  ]).size;
  return { root, ...(config ? { config } : {}), files, scanned, unread, diagnostics, parseCache: cache };
}

interface Candidate {
  readonly kind: Kind;
  readonly file: string;
  readonly id: string;
}

async function listFolder(root: string, kind: Kind, prefixes: Prefixes, out: Diagnostic[]): Promise<Candidate[]> {
  const folder = await lstat(join(root, kind.folder)).catch(() => undefined);
  if (folder === undefined) return [];
  if (!folder.isDirectory()) {
    out.push(
      fileError(
        kind.folder,
        FILE_LOCATION,
        `${kind.folder} must be a folder of record files`,
        `replace it with a real folder named ${kind.folder}/`,
      ),
    );
    return [];
  }
  const entries = await readdir(join(root, kind.folder), { withFileTypes: true, recursive: true }).catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT')
        out.push(
          fileError(
            kind.folder,
            FILE_UNREADABLE,
            `cannot read folder: ${e.code ?? e.message}`,
            'check the folder permissions',
          ),
        );
      return [];
    },
  );
  const found: Candidate[] = [];
  for (const entry of entries) {
    const sub = relativeParent(join(root, kind.folder), entry.parentPath ?? (entry as { path?: string }).path ?? '');
    const file = [kind.folder, sub, entry.name].filter(Boolean).join('/');
    // Only YAML files count; dot-files (.gitkeep, editor swap files) and hidden folders are not records.
    if (!/\.ya?ml$/i.test(entry.name) || entry.isDirectory() || sub.split('/').some((s) => s.startsWith('.'))) continue;
    const name = entry.name.replace(/\.ya?ml$/i, '');
    if (entry.isSymbolicLink() || !entry.isFile()) {
      out.push(notAFile(file));
      continue;
    }
    if (sub) {
      out.push(
        fileError(
          file,
          FILE_LOCATION,
          `records are not read from sub-folders of ${kind.folder}/`,
          `move it to ${kind.folder}/${name}.yaml`,
        ),
      );
      continue;
    }
    if (!entry.name.endsWith('.yaml')) {
      out.push(
        fileError(file, FILE_EXTENSION, 'record files end in .yaml', `rename it to ${kind.folder}/${name}.yaml`),
      );
      continue;
    }
    const owner = ID_PATTERN.test(name) ? prefixes.kindOf(name) : undefined;
    if (owner === undefined) {
      out.push(
        fileError(
          file,
          FILE_NAME,
          `"${entry.name}" is not named after a record id`,
          `name it ${prefixes.of(kind)}-NNNN.yaml, the id it holds`,
        ),
      );
    } else if (owner !== kind) {
      out.push(
        fileError(
          file,
          FILE_WRONG_FOLDER,
          `${name} is ${article(owner)} but is in ${kind.folder}/`,
          `move it to ${owner.folder}/${entry.name}`,
        ),
      );
    } else {
      found.push({ kind, file, id: name });
    }
  }
  return found;
}

function relativeParent(base: string, parent: string): string {
  return parent.length > base.length
    ? parent
        .slice(base.length + 1)
        .split(/[\\/]/)
        .join('/')
    : '';
}

function readRecord(
  root: string,
  kind: Kind,
  file: string,
  id: string,
  out: Diagnostic[],
  cache: ParseCache,
): RecordFile | undefined {
  const text = readText(root, file, out);
  if (text === undefined) return undefined;
  const parsed = parsedRecord(text, file, cache);
  if (parsed.diagnostics.length > 0) {
    out.push(...parsed.diagnostics);
    return undefined;
  }
  const data = parsed.data;
  if (data === null || data === undefined) {
    out.push(
      fileError(
        file,
        FILE_EMPTY,
        'the file holds no record',
        `write the record, starting with id: ${id}; \`cim schema ${kind.name}\` lists the fields`,
      ),
    );
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    out.push({
      ...fileError(
        file,
        FILE_NOT_MAPPING,
        `a record is a mapping of fields, but this file holds ${Array.isArray(data) ? 'a list' : `a single ${typeof data}`}`,
        'write the record as "field: value" lines',
      ),
      ...parsed.source.locate([]),
    });
    return undefined;
  }
  const record = data as Record<string, unknown>;
  if (typeof record.id === 'string' && record.id !== id) {
    out.push({
      severity: 'error',
      rule: FILE_ID_MISMATCH,
      file,
      ...parsed.source.locate(['id']),
      message: `id ${record.id} does not match the file name ${id}.yaml`,
      hint: `set id: ${id}, or use \`cim renumber\` to give the record a new id`,
    });
  }
  return { file, kind, id, data: record, source: parsed.source, text };
}

/**
 * A record in conflict because both branches created it (the same id, made on each): no edit of
 * the file resolves that, so its hint says how to give one of them a new id. Git is asked only
 * when a record holds conflict markers.
 */
async function explainAddedOnBoth(root: string, env: Env, diagnostics: Diagnostic[]): Promise<void> {
  const conflicts = diagnostics.filter((d) => d.rule === FILE_CONFLICT && d.file !== CONFIG_FILE);
  if (conflicts.length === 0) return;
  const both = await addedOnBothSides(root, env);
  diagnostics.forEach((d, i) => {
    if (d.rule === FILE_CONFLICT && d.file !== CONFIG_FILE && both.has(d.file))
      diagnostics[i] = { ...d, hint: addedOnBothHint(basename(d.file).replace(/\.yaml$/, '')) };
  });
}

/** The source maps of the last records parsed or asked for, most recent last. */
const recent = new Map<string, SourceMap>();
const RECENT = 32;

function recentSource(text: string, file: string): SourceMap {
  const key = `${file}\0${text}`;
  const source = recent.get(key) ?? parseYaml(text, file).source;
  remember(key, source);
  return source;
}

function remember(key: string, source: SourceMap): void {
  recent.delete(key);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(key, source);
}

/**
 * The record's data from the cache when its text is unchanged, its place in the text found only if
 * a diagnostic needs it; else parsed, and the data cached.
 */
function parsedRecord(
  text: string,
  file: string,
  cache: ParseCache,
): Pick<ParsedYaml, 'data' | 'source' | 'diagnostics'> {
  // The parsed document is many times the size of the data: it is dropped, and parsed again only
  // for a record that has something to report, and only the last few are kept. Thousands of
  // records then fit in little memory.
  const lazy: SourceMap = {
    locate: (path, atKey) =>
      cache.place(file, JSON.stringify([atKey ?? false, ...path]), () => recentSource(text, file).locate(path, atKey)),
    written: (path) => recentSource(text, file).written?.(path),
  };
  const conflict = conflictMarkers(text, file);
  if (conflict) return { data: undefined, source: AT_START, diagnostics: [conflict] };
  const cached = cache.get(file, text);
  if (cached !== undefined) return { data: cached, diagnostics: [], source: lazy };
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.length > 0) return parsed;
  // Kept with the last few: a large record just read is not parsed again to place its problems.
  remember(`${file}\0${text}`, parsed.source);
  if (parsed.data !== null && parsed.data !== undefined) cache.set(file, text, parsed.data);
  return { data: parsed.data, diagnostics: [], source: lazy };
}

/**
 * Reads a UTF-8 text file, refusing huge files and invalid bytes. A leading BOM is dropped.
 * Synchronous on purpose: for thousands of small files on a local disk, direct system calls cost
 * a fraction of promise-based reads, which hand every open, stat, read and close to the thread pool.
 */
function readText(root: string, file: string, out: Diagnostic[]): string | undefined {
  let bytes: Buffer;
  try {
    // Never through a symbolic link (cim.yaml pointing at a file outside the register, or a record
    // swapped for a link after its folder was listed), and never blocking on a named pipe.
    const fd = openSync(join(root, file), OPEN_FLAGS);
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) {
        out.push(notAFile(file));
        return undefined;
      }
      const { size } = stats;
      if (size > MAX_YAML_BYTES) {
        // Refused before reading: a 50 MB file costs one system call, not 50 MB of memory.
        out.push(...tooLarge(size, file).diagnostics);
        return undefined;
      }
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code === 'ELOOP') {
      out.push(notAFile(file));
      return undefined;
    }
    out.push(
      fileError(file, FILE_UNREADABLE, `cannot be read (${code})`, 'check that the file exists and is readable'),
    );
    return undefined;
  }
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    // Columns count characters, as they do for YAML positions, not bytes; lines end as in YAML.
    const lines = bytes
      .subarray(0, bad)
      .toString('utf8')
      .split(/\r\n|\r|\n/);
    const line = lines.length;
    const column = lines.at(-1)!.length + 1;
    out.push({
      severity: 'error',
      rule: FILE_ENCODING,
      file,
      line,
      column,
      message: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not valid UTF-8`,
      hint: 'save the file as UTF-8',
    });
    return undefined;
  }
  const text = bytes.toString('utf8');
  // A lone CR ends a line in YAML, as in old Mac files, but the parser reads it as a space.
  // Replacing it keeps every offset, so lines and columns stay as an editor shows them.
  const lines = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return lines.charCodeAt(0) === 0xfeff ? lines.slice(1) : lines;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function notAFile(file: string): Diagnostic {
  return fileError(
    file,
    FILE_SYMLINK,
    'is a symbolic link or special file, not a plain file',
    'replace it with the file itself; register files are plain files tracked in git',
  );
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let j = 1; j < len; j++) {
      const c = bytes[i + j]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

function prefixOverrides(config: unknown): Record<string, string> {
  const prefixes = (config as { prefixes?: unknown } | undefined)?.prefixes;
  if (typeof prefixes !== 'object' || prefixes === null) return {};
  return Object.fromEntries(Object.entries(prefixes).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
