// Temporary folders of a test file, removed when the file ends (test/setup.ts). Kept apart from the
// register helpers so that the setup every file runs loads nothing of cim.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots: string[] = [];

/** A new empty folder under the system's temporary folder. */
export async function tempFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'cim-test-'));
  roots.push(root);
  return root;
}

/**
 * Removes the folders made so far. test/setup.ts runs it after every test file: a hook registered
 * here would run only after the first file that imports this module, since the unit tests share
 * their modules between files.
 */
export async function removeTempFolders(): Promise<void> {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}
