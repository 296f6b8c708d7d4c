// Writing a command's files and committing them as one commit, or leaving everything as it was.
//
// A kill can come between any two steps, so a write keeps a journal: before the first file
// changes, `cim-journal.json` in the git folder (in the register when there is no git) records
// HEAD and each file's text before and after. Then each file is written to a temporary file and
// renamed into place; the files are staged in an index of cim's own, built from HEAD, and
// committed from it, so the real index, and anything staged there, is never touched on the way;
// then the real index's entries for just these files are set to the new HEAD; then the journal
// goes. The commit moving HEAD is the one atomic switch. Every command settles a journal left by
// a killed one before reading the register (open.ts): if HEAD has not moved to a child of the
// recorded HEAD, every file written is put back (a new one removed), else every file is finished
// and its index entry set to HEAD. A file that someone has changed since is left alone. A failed
// commit is settled the same way at once. Settling twice does no harm, so a kill while settling
// is settled by the next command.
import { writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { createFileDurably, readTextOrNull, removeTemps, writeFileAtomic, writeTemp } from '../io/files.js';
import {
  commitOwnIndex,
  findGitDir,
  hasLocalChanges,
  headCommit,
  matchIndexToHead,
  ownIndexFile,
  parentsOf,
  stageInOwnIndex,
} from '../io/git.js';

export interface FileWrite {
  /** Path relative to the register root. */
  readonly file: string;
  /** The new text, or null to remove the file (renumbering moves a record). */
  readonly text: string | null;
  /** A new record: refused when a file of that name is already there, readable or not. */
  readonly create?: boolean;
}

const JOURNAL = 'cim-journal.json';

interface Journal {
  readonly version: 1;
  /** The process writing; while it lives, its journal is not settled by another. */
  readonly pid: number;
  /** Whether the write ends in a commit, and HEAD before it (null on a branch with no commits). */
  readonly commit: boolean;
  readonly head: string | null;
  /** Paths relative to the work tree's top (the folder holding `.git`), `/`-separated. */
  readonly files: readonly { file: string; before: string | null; after: string | null }[];
}

interface Place {
  /** The folder journal paths are relative to. */
  readonly top: string;
  readonly gitDir?: string;
  readonly journal: string;
}

async function place(root: string): Promise<Place> {
  const git = await findGitDir(root);
  return git
    ? { top: git.top, gitDir: git.gitDir, journal: join(git.gitDir, JOURNAL) }
    : { top: root, journal: join(root, `.${JOURNAL}`) };
}

/**
 * Settles a write that a killed cim left half done, before the register is read. Returns what
 * it found: nothing, a write still going on in another process, or one it has now settled.
 */
export async function recoverInterruptedWrite(root: string): Promise<'none' | 'busy' | 'settled'> {
  return recover(await place(root));
}

async function recover(where: Place): Promise<'none' | 'busy' | 'settled'> {
  try {
    const text = await readTextOrNull(where.journal);
    if (text === null) return 'none';
    let journal: Journal;
    try {
      journal = JSON.parse(text) as Journal;
    } catch {
      // Killed while writing the journal: no file had been touched yet.
      await rm(where.journal, { force: true });
      return 'settled';
    }
    if (journal.pid !== process.pid && isAlive(journal.pid)) return 'busy';
    await settle(where, journal, await committed(where.top, journal));
    return 'settled';
  } catch (e) {
    throw new UserError(
      `an interrupted cim command could not be settled: ${e instanceof Error ? e.message : String(e)}`,
      `fix the problem and run cim again; ${where.journal} lists the files it was writing`,
    );
  }
}

/**
 * Writes every file and, with a message, commits exactly those files; a failed commit puts back
 * each file's previous text (or removes a new file). See the top of this file.
 */
export async function writeAndCommit(
  root: string,
  writes: readonly FileWrite[],
  message?: string,
): Promise<string | undefined> {
  const where = await place(root);
  if (message !== undefined && !where.gitDir)
    throw new UserError('the register is not in a git repository', 'use --no-commit');
  const found = await recover(where);
  if (found !== 'none') {
    // Opening the register settles a journal; finding one here means another command got there between.
    throw new UserError(
      found === 'busy'
        ? 'another cim command is changing this register'
        : 'an interrupted cim command was just settled, after this one read the register',
      'run the command again',
    );
  }
  const files: { file: string; path: string; before: string | null; after: string | null }[] = [];
  for (const { file, text, create } of writes) {
    const path = join(root, file);
    const before = await readTextOrNull(path);
    if (create && before !== null)
      throw new UserError(
        `${file} already exists`,
        'it may be a record cim cannot read: run `cim validate`, fix or commit it, and run the command again',
      );
    if (message && before !== null && (await hasLocalChanges(root, file))) {
      throw new UserError(`${file} has uncommitted changes`, 'commit or stash them first, or use --no-commit');
    }
    files.push({ file, path, before, after: text });
  }
  const journal: Journal = {
    version: 1,
    pid: process.pid,
    commit: message !== undefined,
    head: message !== undefined ? ((await headCommit(root)) ?? null) : null,
    files: files.map((f) => ({
      file: relative(where.top, f.path).split(sep).join('/'),
      before: f.before,
      after: f.after,
    })),
  };
  try {
    await createFileDurably(where.journal, JSON.stringify(journal));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new UserError('another cim command is changing this register', 'run the command again');
  }
  checkpoint('journal written');

  let indexFile: string | undefined;
  try {
    for (const f of files) {
      if (f.after === null) {
        await rm(f.path, { force: true });
      } else {
        const temp = await writeTemp(f.path, f.after);
        checkpoint(`temporary file for ${f.file} written`);
        await rename(temp, f.path);
      }
      checkpoint(`${f.file} ${f.after === null ? 'removed' : 'written'}`);
    }
    if (message === undefined) {
      await rm(where.journal, { force: true });
      return undefined;
    }
    const paths = files.map((f) => f.file);
    indexFile = await stageInOwnIndex(root, paths, where.gitDir!, journal.head ?? undefined);
    checkpoint('staged in its own index');
    const sha = await commitOwnIndex(root, message, indexFile);
    checkpoint('committed');
    await matchIndexToHead(root, paths);
    checkpoint('index entries set to the commit');
    await rm(where.journal, { force: true });
    return sha;
  } catch (e) {
    // A failed commit is settled like a killed one: put back unless HEAD moved to the new commit.
    // Should settling fail too, the journal stays and the next command settles it.
    await committed(where.top, journal)
      .then((forward) => settle(where, journal, forward))
      .catch(() => undefined);
    throw e;
  } finally {
    if (indexFile) await rm(indexFile, { force: true });
  }
}

/** The commit message of the design: a subject, then Cim-* trailers. */
export function commitMessage(subject: string, trailers: Readonly<Record<string, string | undefined>>): string {
  const lines = Object.entries(trailers)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `Cim-${k}: ${v}`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}

/** Whether the journal's commit was made: HEAD is now a child of the HEAD it recorded. */
async function committed(top: string, journal: Journal): Promise<boolean> {
  if (!journal.commit) return false;
  const now = await headCommit(top);
  if (!now || now === journal.head) return false;
  const parents = await parentsOf(top, now);
  return journal.head === null ? parents.length === 0 : parents[0] === journal.head;
}

/** Rolls the journal's files forward (when its commit was made) or back, then drops it. */
async function settle(where: Place, journal: Journal, forward: boolean): Promise<void> {
  for (const f of journal.files) {
    const path = join(where.top, f.file);
    await removeTemps(path);
    const [from, to] = forward ? [f.before, f.after] : [f.after, f.before];
    const current = await readTextOrNull(path);
    if (current === to || current !== from) continue; // already there, or changed by someone since
    if (to === null) await rm(path, { force: true });
    else await writeFileAtomic(path, to);
  }
  if (forward)
    await matchIndexToHead(
      where.top,
      journal.files.map((f) => f.file),
    );
  if (where.gitDir) await rm(ownIndexFile(where.gitDir, journal.pid), { force: true });
  await rm(where.journal, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let steps = 0;

/**
 * For crash tests: with CIM_TEST_PAUSE=N the process names its Nth step of a write on stderr and
 * stops itself there (SIGSTOP), so a test can kill it at exactly that point. Inert when unset.
 */
function checkpoint(step: string): void {
  const pauseAt = process.env.CIM_TEST_PAUSE;
  if (!pauseAt || ++steps !== Number(pauseAt)) return;
  writeSync(2, `cim: paused after step ${steps}: ${step}\n`);
  process.kill(process.pid, 'SIGSTOP');
}
