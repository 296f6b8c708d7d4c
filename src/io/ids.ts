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
import type { Env } from './git-run.js';

/** Numbers of the ids with this prefix in these file paths (`…/NC-0042.yaml` → 42). A number too
 * large to count on from exactly is no id cim gave, and cannot collide with one it gives. */
export function idNumbers(paths: Iterable<string>, prefix: string): number[] {
  const pattern = new RegExp(`(?:^|/)${prefix}-(\\d{4,})\\.yaml$`);
  const out: number[] = [];
  for (const p of paths) {
    const m = pattern.exec(p);
    if (m && countable(Number(m[1]))) out.push(Number(m[1]));
  }
  return out;
}

/** Whether one more than n is still a whole number written out in digits. */
const countable = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) < MAX_ID;
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

export async function nextId(
  root: string,
  env: Env,
  folder: string,
  prefix: string,
  workingTree: Iterable<string>,
): Promise<string> {
  const [listed, committed] = await Promise.all([
    readdir(join(root, folder), { recursive: true }).catch(() => [] as string[]),
    highestCommitted(root, env, folder, prefix),
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
async function highestCommitted(root: string, env: Env, folder: string, prefix: string): Promise<number> {
  const git = await findGitDir(root);
  if (!git) return 0;
  const tips = await refTips(root, env);
  if (tips.length === 0) return 0;
  const path = join(git.gitDir, FILE);
  const key = join(root, folder);
  const use = cacheUse(env);
  const stored = use.read ? readStored(path) : {};
  const before = Object.hasOwn(stored, key) ? stored[key] : undefined;
  // History rewritten past what was read (or never read): read all of it again.
  const since = before ? await pathsOnAllBranches(root, env, folder, before.tips) : undefined;
  const paths = since ?? (await pathsOnAllBranches(root, env, folder)) ?? [];
  const highest: Record<string, number> = { ...(since ? before?.highest : {}) };
  const pattern = /(?:^|\/)([A-Z][A-Z0-9]*)-(\d{4,})\.yaml$/;
  for (const p of paths) {
    const m = pattern.exec(p);
    if (m && countable(Number(m[2]))) highest[m[1]!] = Math.max(highest[m[1]!] ?? 0, Number(m[2]));
  }
  if (use.write && tips.length <= MAX_TIPS && (!before || paths.length > 0 || before.tips.join() !== tips.join())) {
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ ...stored, [key]: { tips, highest } }))
      .then(() => rename(temp, path))
      .catch(() => rm(temp, { force: true }).catch(() => undefined));
  }
  return highest[prefix] ?? 0;
}

/**
 * The cache as written by this file, each entry checked: anything else (another version, a damaged
 * or hand-made file) is read as not there, so it costs a full read of history and is written
 * afresh. Its commits go to `git log --not`, so each must be a commit name and never an option.
 */
function readStored(path: string): Record<string, Seen> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
  if (!isPlainObject(data)) return {};
  const out: Record<string, Seen> = {};
  for (const [key, entry] of Object.entries(data)) if (isSeen(entry)) out[key] = entry;
  return out;
}

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const PREFIX = /^[A-Z][A-Z0-9]*$/;
/** More commits than this are not kept (every ref of a very large repository), nor read back. */
const MAX_TIPS = 1000;

function isSeen(value: unknown): value is Seen {
  if (!isPlainObject(value) || Object.keys(value).length !== 2) return false;
  const { tips, highest } = value;
  return (
    Array.isArray(tips) &&
    tips.length > 0 &&
    tips.length <= MAX_TIPS &&
    tips.every((t) => typeof t === 'string' && COMMIT.test(t)) &&
    isPlainObject(highest) &&
    Object.entries(highest).every(([prefix, n]) => PREFIX.test(prefix) && countable(n))
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
