// New ids: one more than the highest id of the kind anywhere — the working tree (every file in the
// kind's folder, whether it reads as a record or not), and every file any local or remote-tracking
// branch has ever held, read in one git call.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathsOnAllBranches } from './git.js';

/** Numbers of the ids with this prefix in these file paths (`…/NC-0042.yaml` → 42). */
export function idNumbers(paths: Iterable<string>, prefix: string): number[] {
  const pattern = new RegExp(`(?:^|/)${prefix}-(\\d{4,})\\.yaml$`);
  const out: number[] = [];
  for (const p of paths) {
    const m = pattern.exec(p);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

export async function nextId(
  root: string,
  folder: string,
  prefix: string,
  workingTree: Iterable<string>,
): Promise<string> {
  const [listed, committed] = await Promise.all([
    readdir(join(root, folder), { recursive: true }).catch(() => [] as string[]),
    pathsOnAllBranches(root, folder),
  ]);
  const numbers = [workingTree, listed, committed].flatMap((paths) => idNumbers(paths, prefix));
  return formatId(prefix, numbers.reduce((max, n) => Math.max(max, n), 0) + 1);
}
