// Evidence files held by hash: reading a file to attach, copying it into the register so that a
// half-copied file never takes its name, and finding the attachments whose files are gone or
// changed. A file is always opened without following a symbolic link and without blocking on a
// named pipe, and is never read past the size it should have.
import { createHash, randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileError, type Diagnostic, type SourceMap } from '../domain/diagnostics.js';
import { EVIDENCE_FOLDER, ID_PATTERN } from '../domain/fields.js';
import type { RegisterInput } from '../domain/register.js';
import { EVIDENCE_CHANGED, EVIDENCE_MISSING, EVIDENCE_UNREFERENCED } from '../domain/validate/rule-ids.js';
import { UserError } from '../errors.js';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1 << 20;

export interface Held {
  readonly sha256: string;
  readonly size: number;
}

/** What a path is when it is not a plain file, in words. */
function whatItIs(s: Stats): string {
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

/**
 * Opens a file to attach: a plain file, not through a symbolic link, at most `maxBytes`. The
 * refusals name the file as it was given (`shown`) and the fix.
 */
async function openSource(
  path: string,
  shown: string,
  maxBytes: number,
): Promise<{ handle: FileHandle; size: number }> {
  const linked = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    throw unreadable(shown, e);
  });
  if (!linked.isFile())
    throw new UserError(
      `${shown} is ${whatItIs(linked)}, not a file`,
      linked.isSymbolicLink()
        ? 'attach the file itself, not a link to it'
        : 'attach plain files only; export or copy what it holds to a file first',
    );
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw new UserError(`${shown} is a symbolic link, not a file`, 'attach the file itself, not a link to it');
    throw unreadable(shown, e as NodeJS.ErrnoException);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UserError(`${shown} is ${whatItIs(stats)}, not a file`, 'attach plain files only');
    if (stats.size > maxBytes)
      throw new UserError(
        `${shown} is ${megabytes(stats.size)}, more than the ${megabytes(maxBytes)} evidence.max_file_mb allows`,
        'keep large files in Git LFS or a document store, and attach a short note saying where, or a smaller extract',
      );
    return { handle, size: stats.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function unreadable(shown: string, e: NodeJS.ErrnoException): UserError {
  const why =
    e.code === 'ENOENT' ? 'there is no such file' : e.code === 'EACCES' ? 'permission denied' : (e.code ?? e.message);
  return new UserError(`cannot read ${shown}: ${why}`, 'give the path of a file you can read');
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/** Reads up to `limit` bytes from the handle, hashing them and handing each chunk to `each`. */
async function hashFrom(handle: FileHandle, limit: number, each?: (chunk: Uint8Array) => Promise<void>): Promise<Held> {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(limit, 1)));
  let size = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, limit + 1 - size), null);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    hash.update(chunk);
    size += bytesRead;
    if (each) await each(chunk);
    if (size > limit) break;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The SHA-256 and size of a file to attach, or why it cannot be attached. */
export async function readSource(path: string, shown: string, maxBytes: number): Promise<Held> {
  const { handle, size } = await openSource(path, shown, maxBytes);
  try {
    return await hashFrom(handle, size);
  } finally {
    await handle.close();
  }
}

/**
 * Copies a file to attach into a new, flushed temporary file beside `dest` and returns its path,
 * once its bytes are those `expected` (the file may have changed since it was hashed).
 */
export async function copyToTemp(source: string, dest: string, expected: Held, maxBytes: number): Promise<string> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  const { handle } = await openSource(source, source, maxBytes);
  try {
    const out = await open(temp, 'wx');
    let held: Held;
    try {
      held = await hashFrom(handle, expected.size, async (chunk) => {
        await out.write(chunk);
      });
      await out.sync();
    } finally {
      await out.close();
    }
    if (held.sha256 !== expected.sha256 || held.size !== expected.size)
      throw new UserError(
        `${source} changed while it was being attached`,
        'run the command again once nothing is writing to it; nothing was attached',
      );
    return temp;
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  } finally {
    await handle.close();
  }
}

/** The hash of a file in the register, read no further than its recorded size; a file of another size is not read. */
async function heldFile(path: string, size: number): Promise<Held | 'missing' | 'not a file'> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'not a file';
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return 'not a file';
    // A different size is a changed file: said without reading it.
    if (stats.size !== size) return { sha256: '', size: stats.size };
    return await hashFrom(handle, size);
  } finally {
    await handle.close();
  }
}

/**
 * Whether evidence/ and evidence/<id>/ are real folders, not links: a file is opened without
 * following a link at its own name only, so a linked folder would be read through.
 */
async function realFolders(root: string, id: string): Promise<boolean> {
  for (const folder of [EVIDENCE_FOLDER, `${EVIDENCE_FOLDER}/${id}`]) {
    const found = await lstat(join(root, folder)).catch(() => undefined);
    if (found && !found.isDirectory()) return false;
  }
  return true;
}

/**
 * Whether `file` is where attached evidence is kept: evidence/<record id>/<plain name>. The id is
 * the record's when it was attached; a record renumbered since keeps its evidence where it was.
 */
export function inEvidenceFolder(file: string): boolean {
  const parts = file.split('/');
  return (
    parts.length === 3 &&
    parts[0] === EVIDENCE_FOLDER &&
    ID_PATTERN.test(parts[1]!) &&
    nameProblem(parts[2]!) === undefined
  );
}

/** Why a name cannot be an evidence file's name, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is not a file name';
  if (/[/\\]/.test(name)) return 'holds a path separator';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'holds a control character';
  if (name.startsWith('.')) return 'starts with a dot (a hidden file)';
  if (Buffer.byteLength(name, 'utf8') > 200) return 'is longer than 200 bytes';
  return undefined;
}

interface Attachment {
  readonly index: number;
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
}

/** A record's attachments as written, those with a file, a hash and a size (the schema checks the rest). */
function attachmentsOf(data: Record<string, unknown>): Attachment[] {
  const list = data.attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((a: unknown, index) => {
    const { file, sha256, size } = (a ?? {}) as Record<string, unknown>;
    return typeof file === 'string' && typeof sha256 === 'string' && typeof size === 'number'
      ? [{ index, file, sha256, size }]
      : [];
  });
}

/**
 * The evidence rules: each attachment's file is there with the bytes it was attached with, and
 * every file under evidence/ is attached to a record. Costs one lstat on a register without any.
 */
export async function evidenceDiagnostics(input: RegisterInput): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const named = new Set<string>();
  const checks: Promise<void>[] = [];
  for (const record of input.files) {
    for (const a of attachmentsOf(record.data)) {
      named.add(a.file);
      checks.push(
        checkAttachment(input.root, record.id, record.file, record.source, a).then((d) => void (d && out.push(d))),
      );
    }
  }
  await Promise.all(checks);
  // A record that cannot be read names no attachments: its folder's files are not called strays.
  const unread = new Set(input.unread ?? []);
  out.push(...(await unreferenced(input.root, named)).filter((d) => !unread.has(d.file.split('/')[1]!)));
  return out;
}

async function checkAttachment(
  root: string,
  id: string,
  recordFile: string,
  source: SourceMap,
  a: Attachment,
): Promise<Diagnostic | undefined> {
  const at = { file: recordFile, ...source.locate(['attachments', a.index]) };
  const restore = `restore it from git (\`git log -- ${a.file}\` finds the commit that added it, then \`git checkout <commit> -- ${a.file}\`), or attach the new version under a new name with \`cim attach ${id}\``;
  if (!inEvidenceFolder(a.file))
    return {
      severity: 'error',
      rule: EVIDENCE_MISSING,
      ...at,
      message: `attachment ${a.file} is not a file in ${EVIDENCE_FOLDER}/<record id>/`,
      hint: `evidence of ${id} is kept as ${EVIDENCE_FOLDER}/${id}/<name>; attach it with \`cim attach ${id} FILE\``,
    };
  const held = (await realFolders(root, a.file.split('/')[1]!))
    ? await heldFile(join(root, a.file), a.size)
    : 'not a file';
  if (held === 'missing')
    return {
      severity: 'error',
      rule: EVIDENCE_MISSING,
      ...at,
      message: `attachment ${a.file} is missing`,
      hint: restore,
    };
  if (held === 'not a file')
    return {
      severity: 'error',
      rule: EVIDENCE_MISSING,
      ...at,
      message: `attachment ${a.file} is not a plain file in the register (a symbolic link, a folder or a special file, or in a linked folder)`,
      hint: restore,
    };
  if (held.size !== a.size || held.sha256 !== a.sha256)
    return {
      severity: 'error',
      rule: EVIDENCE_CHANGED,
      ...at,
      message:
        held.size !== a.size
          ? `attachment ${a.file} has changed: it is ${held.size} bytes, attached as ${a.size}`
          : `attachment ${a.file} has changed: its SHA-256 is ${held.sha256.slice(0, 12)}…, attached as ${a.sha256.slice(0, 12)}…`,
      hint: restore,
    };
  return undefined;
}

/** Files under evidence/ that no record's attachments name. */
async function unreferenced(root: string, named: ReadonlySet<string>): Promise<Diagnostic[]> {
  const folder = await lstat(join(root, EVIDENCE_FOLDER)).catch(() => undefined);
  if (!folder?.isDirectory()) return [];
  const entries = await readdir(join(root, EVIDENCE_FOLDER), { withFileTypes: true, recursive: true }).catch(() => []);
  const base = join(root, EVIDENCE_FOLDER);
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => {
      const parent = e.parentPath;
      const sub = parent.length > base.length ? parent.slice(base.length + 1).split(/[\\/]/) : [];
      return [EVIDENCE_FOLDER, ...sub, e.name].join('/');
    })
    .filter((file) => !named.has(file) && !file.split('/').some((part) => part.startsWith('.')))
    .sort()
    .map((file) => ({
      ...fileError(
        file,
        EVIDENCE_UNREFERENCED,
        'is under evidence/ but no record attaches it',
        'move it out of evidence/ and attach it to its record with `cim attach <ID> FILE`, or remove it',
      ),
      severity: 'warning' as const,
    }));
}
