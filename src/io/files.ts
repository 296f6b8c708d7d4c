// Writing files so a crash never leaves one half-written: write a temporary file beside it, flush,
// then rename over the target (atomic on the same file system).
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempPrefix = (path: string) => `.${basename(path)}.`;

/** Writes the content to a new, flushed temporary file beside `path` and returns its path. */
export async function writeTemp(path: string, content: string | Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `${tempPrefix(path)}${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeNewFlushed(temp, content);
    return temp;
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = await writeTemp(path, content);
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Removes the temporary files a killed `writeFileAtomic` of `path` may have left beside it; with
 * `olderThanMs`, only those at least that old (a live process may be about to rename a new one).
 */
export async function removeTemps(path: string, olderThanMs = 0): Promise<void> {
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const prefix = tempPrefix(path);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(n.slice(prefix.length)))
      .map(async (n) => {
        const temp = join(dirname(path), n);
        if (olderThanMs > 0) {
          const age = Date.now() - ((await stat(temp).catch(() => undefined))?.mtimeMs ?? Date.now());
          if (age < olderThanMs) return;
        }
        await rm(temp, { force: true });
      }),
  );
}

/** The file's text, or null when there is no such file. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    const handle = await open(path, 'r');
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Creates a file that must not exist yet (EEXIST otherwise) and flushes it and its folder, so it
 * survives a crash before anything that depends on it happens.
 */
export async function createFileDurably(path: string, content: string): Promise<void> {
  // Written aside and linked into place, so a reader never sees the file empty or half written;
  // link fails when the name exists, as an exclusive create does. Where links are not supported
  // (some network and FAT file systems), the file is created in place.
  const temp = await writeTemp(path, content);
  try {
    await link(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS'].includes(code ?? '')) throw e;
    await writeNewFlushed(path, content);
  } finally {
    await rm(temp, { force: true });
  }
  // Flushing the folder makes the new name durable too; some systems cannot, and the file is flushed.
  const folder = await open(dirname(path), 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}

/** Writes a file that must not exist yet (EEXIST otherwise) and flushes its content to disk. */
async function writeNewFlushed(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A file's text as the register loader reads it: a leading BOM dropped, a lone CR read as a line
 * end, so a file can be compared with the text a record was read from.
 */
export function asRecordText(text: string): string {
  const lines = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return lines.charCodeAt(0) === 0xfeff ? lines.slice(1) : lines;
}
