// New ids: one more than the highest id of the kind anywhere — the working tree (every file in the
// kind's folder, whether it reads as a record or not), and every file any branch has ever held.
// Reading all history costs a walk of every commit, so the highest numbers found are kept in the
// git folder with the commits they were read at, and the next run reads only newer commits
// (CIM_NO_CACHE=1 and CI decide as for the parse cache, cache.ts).
import { readFileSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheUse } from './cache.js';
import { findGitDir, pathsOnAllBranches, refTips } from './git.js';

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
    highestCommitted(root, folder, prefix),
  ]);
  const numbers = [workingTree, listed].flatMap((paths) => idNumbers(paths, prefix));
  return formatId(prefix, numbers.reduce((max, n) => Math.max(max, n), committed) + 1);
}

const FILE = 'cim-id-cache.json';

interface Seen {
  /** The commits history was read from, every ref and HEAD. */
  readonly tips: readonly string[];
  /** The highest id number seen per prefix. */
  readonly highest: Readonly<Record<string, number>>;
}

/** The highest number of an id with this prefix that any commit of any ref holds under `folder`. */
async function highestCommitted(root: string, folder: string, prefix: string): Promise<number> {
  const git = await findGitDir(root);
  if (!git) return 0;
  const tips = await refTips(root);
  if (tips.length === 0) return 0;
  const path = join(git.gitDir, FILE);
  const key = join(root, folder);
  const use = cacheUse();
  const stored = use.read ? readStored(path) : {};
  const before = stored[key];
  // History rewritten past what was read (or never read): read all of it again.
  const since = before ? await pathsOnAllBranches(root, folder, before.tips) : undefined;
  const paths = since ?? (await pathsOnAllBranches(root, folder)) ?? [];
  const highest: Record<string, number> = { ...(since ? before?.highest : {}) };
  const pattern = /(?:^|\/)([A-Z][A-Z0-9]*)-(\d{4,})\.yaml$/;
  for (const p of paths) {
    const m = pattern.exec(p);
    if (m) highest[m[1]!] = Math.max(highest[m[1]!] ?? 0, Number(m[2]));
  }
  if (use.write && tips.length <= 1000 && (!before || paths.length > 0 || before.tips.join() !== tips.join())) {
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ ...stored, [key]: { tips, highest } }))
      .then(() => rename(temp, path))
      .catch(() => rm(temp, { force: true }).catch(() => undefined));
  }
  return highest[prefix] ?? 0;
}

function readStored(path: string): Record<string, Seen> {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Seen>;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  } catch {
    return {};
  }
}
