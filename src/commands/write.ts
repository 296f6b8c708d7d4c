// Writing a command's files and committing them as one commit, or leaving everything as it was.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import { commitFiles, hasLocalChanges, unstage } from '../io/git.js';

export interface FileWrite {
  /** Path relative to the register root. */
  readonly file: string;
  /** The new text, or null to remove the file (renumbering moves a record). */
  readonly text: string | null;
}

/**
 * Writes every file atomically and, with a message, commits exactly those files. A failed commit
 * puts back each file's previous text (or removes a new file) and unstages them.
 */
export async function writeAndCommit(
  root: string,
  writes: readonly FileWrite[],
  message?: string,
): Promise<string | undefined> {
  const previous = new Map<string, string | undefined>();
  for (const { file } of writes) {
    const text = await readFile(join(root, file), 'utf8').catch(() => undefined);
    if (message && text !== undefined && (await hasLocalChanges(root, file))) {
      throw new UserError(`${file} has uncommitted changes`, 'commit or stash them first, or use --no-commit');
    }
    previous.set(file, text);
  }
  for (const { file, text } of writes) {
    if (text === null) await rm(join(root, file), { force: true });
    else await writeFileAtomic(join(root, file), text);
  }
  if (!message) return undefined;
  const files = writes.map((w) => w.file);
  try {
    return await commitFiles(root, files, message);
  } catch (e) {
    for (const file of files) {
      const text = previous.get(file);
      if (text === undefined) await rm(join(root, file), { force: true });
      else await writeFileAtomic(join(root, file), text);
      await unstage(root, file);
    }
    throw e;
  }
}

/** The commit message of the design: a subject, then Cim-* trailers. */
export function commitMessage(subject: string, trailers: Readonly<Record<string, string | undefined>>): string {
  const lines = Object.entries(trailers)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `Cim-${k}: ${v}`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}
