// Writing a command's files and committing them as one commit, or leaving everything as it was.
//
// One command at a time: the journal, `cim-journal.json` in the git folder (in the register when
// there is no git), is also the register's write lock. It is created only if absent, naming the
// process that holds it and when that process started. Holding it, the command checks that every
// file its change was computed from is still as it read it (another command may have changed one
// since), records HEAD and each file's text before and after, writes each file to a temporary file
// and renames it into place, stages the files in an index of cim's own, built from HEAD, and
// commits from it, so the real index, and anything staged there, is never touched on the way;
// then the real index's entries for just these files are set to the new HEAD; then the journal
// goes. The commit moving HEAD is the one atomic switch. Every command settles a journal left by
// a killed one before reading the register (open.ts): if HEAD has not moved to a child of the
// recorded HEAD, every file written is put back (a new one removed), else every file is finished
// and its index entry set to HEAD. A file that someone has changed since is left alone. A failed
// commit is settled the same way at once. Settling twice does no harm, so a kill while settling
// is settled by the next command.
import { writeSync } from 'node:fs';
import { lstat, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ExitCode, UserError } from '../errors.js';
import { createFileDurably, readTextOrNull, removeTemps, writeFileAtomic, writeTemp, asRecordText } from './files.js';
import {
  allLocalChanges,
  commitOwnIndex,
  filesWithLocalChanges,
  findGitDir,
  headCommit,
  matchIndexToHead,
  operationInProgress,
  ownIndexFile,
  parentsOf,
  stageInOwnIndex,
} from './git.js';
import type { Env } from './git-run.js';
import { isRunning, thisProcess, type Holder } from './process.js';
import { noteCommit } from './last-commit.js';
import { describeFsError } from './fs-errors.js';
import { copyToTemp, readSource } from './evidence.js';

export interface FileWrite {
  /** Path relative to the register root. */
  readonly file: string;
  /** The new text, or null to remove the file (renumbering moves a record). */
  readonly text: string | null;
  /**
   * The text the change was computed from, as the register loader read it, or null for a file
   * that must not exist (a new record). When the file holds something else by the time the
   * command writes, another command got there first and nothing is written.
   */
  readonly expected?: string | null;
}

/** A file the change was decided on without writing it (cim.yaml, a linked record). */
export interface FileRead {
  readonly file: string;
  readonly text: string | null;
}

export interface WriteOptions {
  /** Commit with this message; without one the files are written and not committed. */
  readonly message?: string;
  /** Files read and relied on: the change is refused when one of them has changed meanwhile. */
  readonly reads?: readonly FileRead[];
  /** Files copied in byte for byte with the others (evidence), each a new file. */
  readonly copies?: readonly FileCopy[];
}

/** A file copied into the register: `from` (any path) to `file`, which must not exist yet. */
export interface FileCopy {
  /** Path relative to the register root. */
  readonly file: string;
  /** The file copied, as an absolute path. */
  readonly from: string;
  /** Its bytes as they were read when the change was decided: a file changed since is refused. */
  readonly sha256: string;
  readonly size: number;
  /** The size it may have at most. */
  readonly maxBytes: number;
}

/** A new file the change would create is there already: made meanwhile, or one cim cannot read. */
export class FileExistsError extends UserError {
  constructor(readonly file: string) {
    super(
      `${file} already exists`,
      'another command may have created it meanwhile, or it is a record cim cannot read: run `cim validate`, then run the command again',
    );
  }
}

const JOURNAL = 'cim-journal.json';
/** How long a command waits for another one's write to finish before giving up. */
const LOCK_WAIT_MS = 4000;

interface Journal extends Holder {
  readonly version: 1;
  /** Whether the write ends in a commit, and HEAD before it (null on a branch with no commits). */
  readonly commit?: boolean;
  readonly head?: string | null;
  /**
   * Paths relative to the work tree's top (the folder holding `.git`), `/`-separated; absent while
   * the holder is still checking what it read, before it has touched any file.
   */
  readonly files?: readonly { file: string; before: string | null; after: string | null }[];
  /** Folders the write makes for new files, deepest first: removed again when it is undone. */
  readonly folders?: readonly string[];
  /** Files copied in (new ones, top-relative), with their SHA-256: removed when it is undone. */
  readonly copies?: readonly { file: string; sha256: string }[];
}

interface Place {
  /** The folder journal paths are relative to. */
  readonly top: string;
  /** The environment git runs in, and the test hooks are read from. */
  readonly env: Env;
  readonly gitDir?: string;
  readonly journal: string;
}

async function place(root: string, env: Env): Promise<Place> {
  const git = await findGitDir(root);
  return git
    ? { top: git.top, env, gitDir: git.gitDir, journal: join(git.gitDir, JOURNAL) }
    : { top: root, env, journal: join(root, `.${JOURNAL}`) };
}

/**
 * Settles a write that a killed cim left half done, before the register is read. Returns what
 * it found: nothing, a write still going on in another process, or one it has now settled.
 */
export async function recoverInterruptedWrite(root: string, env: Env): Promise<'none' | 'busy' | 'settled'> {
  return recover(await place(root, env));
}

async function recover(where: Place): Promise<'none' | 'busy' | 'settled'> {
  try {
    const text = await readTextOrNull(where.journal);
    if (text === null) {
      await removeLeftovers(where);
      await removeTemps(where.journal, 60_000);
      return 'none';
    }
    const journal = readJournal(text);
    if (journal === undefined) {
      // Written in place where links are not supported, and killed at that moment: no file had been
      // touched yet. A young one may still be being written by a live process.
      const age = Date.now() - ((await stat(where.journal).catch(() => undefined))?.mtimeMs ?? 0);
      if (age < 3000) return 'busy';
      await rm(where.journal, { force: true });
      return 'settled';
    }
    const ours = journal.pid === process.pid && journal.started === holder().started;
    if (!ours && isRunning(journal)) return 'busy';
    await settle(where, journal, await committed(where, journal));
    return 'settled';
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `an interrupted cim command could not be settled: ${describeFsError(e) ?? (e instanceof Error ? e.message : String(e))}`,
      `fix the problem and run cim again; ${where.journal} lists the files it was writing`,
    );
  }
}

function readJournal(text: string): Journal | undefined {
  try {
    const j = JSON.parse(text) as Journal;
    if (j === null || typeof j !== 'object' || typeof j.pid !== 'number') return undefined;
    if (j.files !== undefined && !Array.isArray(j.files)) return undefined;
    if (j.copies !== undefined && !Array.isArray(j.copies)) return undefined;
    return j;
  } catch {
    return undefined;
  }
}

/**
 * Writes every file and, with a message, commits exactly those files; a failed commit puts back
 * each file's previous text (or removes a new file). See the top of this file.
 */
export async function writeAndCommit(
  root: string,
  env: Env,
  writes: readonly FileWrite[],
  opts: WriteOptions = {},
): Promise<string | undefined> {
  const { message, copies = [] } = opts;
  const where = await place(root, env);
  if (message !== undefined && !where.gitDir)
    throw new UserError('the register is not in a git repository', 'use --no-commit');
  await lock(where);
  let files: { file: string; path: string; before: string | null; after: string | null }[];
  let journal: Journal | undefined;
  let indexFile: string | undefined;
  try {
    checkpoint(where.env, 'lock taken', where.journal);
    await removeLeftovers(where);
    if (message !== undefined) await refuseDuringGitOperation(where.gitDir!);
    files = await readAsExpected(root, writes, opts.reads ?? []);
    for (const c of copies)
      if (await lstat(join(root, c.file)).catch(() => undefined)) throw new FileExistsError(c.file);
    if (message !== undefined) await refuseUncommitted(root, where, files, opts.reads ?? []);
    journal = {
      ...holder(),
      commit: message !== undefined,
      head: message !== undefined ? ((await headCommit(root, env)) ?? null) : null,
      files: files.map((f) => ({ file: topRelative(where, f.path), before: f.before, after: f.after })),
      folders: (
        await missingFolders([
          ...files.filter((f) => f.after !== null).map((f) => dirname(f.path)),
          ...copies.map((c) => dirname(join(root, c.file))),
        ])
      ).map((d) => topRelative(where, d)),
      ...(copies.length
        ? { copies: copies.map((c) => ({ file: topRelative(where, join(root, c.file)), sha256: c.sha256 })) }
        : {}),
    };
    await writeFileAtomic(where.journal, JSON.stringify(journal));
  } catch (e) {
    await rm(where.journal, { force: true }).catch(() => undefined);
    throw asUserError(e);
  }
  const restore = deferInterrupts();
  try {
    checkpoint(where.env, 'journal written', where.journal);
    for (const f of files) {
      if (f.after === null) {
        await rm(f.path, { force: true });
      } else {
        const temp = await writeTemp(f.path, f.after);
        checkpoint(where.env, `temporary file for ${f.file} written`, f.path);
        await rename(temp, f.path);
      }
      checkpoint(where.env, `${f.file} ${f.after === null ? 'removed' : 'written'}`, f.path);
    }
    for (const c of copies) {
      const path = join(root, c.file);
      const temp = await copyToTemp(c.from, path, c, c.maxBytes);
      checkpoint(where.env, `temporary file for ${c.file} written`, path);
      await rename(temp, path);
      checkpoint(where.env, `${c.file} copied`, path);
    }
    if (message === undefined) {
      await rm(where.journal, { force: true });
      return undefined;
    }
    const paths = [...files.map((f) => f.file), ...copies.map((c) => c.file)];
    indexFile = await stageInOwnIndex(root, env, paths, where.gitDir!, journal.head ?? undefined);
    checkpoint(where.env, 'staged in its own index');
    const started = Date.now();
    let sha: string;
    try {
      sha = await commitOwnIndex(root, env, message, indexFile);
    } catch (e) {
      throw await afterFailedCommit(where, journal, e, started);
    }
    noteCommit(sha);
    checkpoint(where.env, 'committed');
    await matchIndexToHead(root, env, paths);
    checkpoint(where.env, 'index entries set to the commit');
    await rm(indexFile, { force: true });
    indexFile = undefined;
    await rm(where.journal, { force: true });
    return sha;
  } catch (e) {
    // A failed write is settled like a killed one: put back unless HEAD moved to the new commit.
    // Should settling fail too, the journal stays and the next command settles it.
    if (await readTextOrNull(where.journal).catch(() => null)) {
      await committed(where, journal)
        .then((forward) => settle(where, journal, forward))
        .catch(() => undefined);
    }
    throw asUserError(e);
  } finally {
    if (indexFile) await rm(indexFile, { force: true }).catch(() => undefined);
    restore();
  }
}

/** Takes the write lock, waiting a little for another command to finish its write. */
async function lock(where: Place): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await createFileDurably(where.journal, JSON.stringify(holder()));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw asUserError(e);
    }
    const found = await recover(where);
    if (found === 'busy') {
      if (Date.now() > deadline)
        throw new UserError(
          'another cim command is changing this register',
          `run the command again once it has finished (if no cim command is running, ${where.journal} is left from one that was stopped: run \`cim validate\` to settle it)`,
        );
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}

let me: Holder | undefined;
const holder = (): Journal => ({ version: 1, ...(me ??= thisProcess()) });

/**
 * Reads every file the change writes or relies on, inside the lock, and refuses the change when
 * one is no longer what it was computed from.
 */
async function readAsExpected(
  root: string,
  writes: readonly FileWrite[],
  reads: readonly FileRead[],
): Promise<{ file: string; path: string; before: string | null; after: string | null }[]> {
  const out: { file: string; path: string; before: string | null; after: string | null }[] = [];
  for (const { file, text, expected } of writes) {
    const path = join(root, file);
    const before = await readTextOrNull(path);
    if (expected === null && before !== null) throw new FileExistsError(file);
    if (expected !== undefined && expected !== null && (before === null || asRecordText(before) !== expected))
      throw changedMeanwhile(file);
    out.push({ file, path, before, after: text });
  }
  for (const { file, text } of reads) {
    const now = await readTextOrNull(join(root, file));
    if ((now === null ? null : asRecordText(now)) !== text) throw changedMeanwhile(file);
  }
  return out;
}

/**
 * A commit must hold what it is decided on: the files it writes must have no changes of the
 * person's own (they would be committed with it), and the files it relies on — cim.yaml, a linked
 * record — must be committed, or HEAD would hold a record naming a person or an NC it does not.
 */
async function refuseUncommitted(
  root: string,
  where: Place,
  files: readonly { file: string; path: string; before: string | null }[],
  reads: readonly FileRead[],
): Promise<void> {
  const relied = reads.filter((r) => r.text !== null);
  const changed = await filesWithLocalChanges(root, where.env, [
    ...files.filter((f) => f.before !== null).map((f) => f.file),
    ...relied.map((r) => r.file),
  ]);
  const dirty = files.find((f) => f.before !== null && changed.has(topRelative(where, f.path)));
  if (dirty)
    throw new UserError(`${dirty.file} has uncommitted changes`, 'commit or stash them first, or use --no-commit');
  const relies = relied.find((r) => changed.has(topRelative(where, join(root, r.file))));
  if (relies)
    throw new UserError(
      `${relies.file} has uncommitted changes, and this change relies on it: the commit would hold a record that refers to what is not committed`,
      `commit ${relies.file} first (or stash its changes), or use --no-commit`,
    );
}

function changedMeanwhile(file: string): UserError {
  const name = basename(file).replace(/\.yaml$/, '');
  return new UserError(
    `${name} changed while this command ran`,
    'run it again: it will start from what is there now',
    ExitCode.Usage,
  );
}

/** Refuses a commit while a merge, cherry-pick, revert, rebase or bisect is in progress there. */
export async function refuseDuringGitOperation(gitDir: string): Promise<void> {
  const op = await operationInProgress(gitDir);
  if (op)
    throw new UserError(
      `${op.what} is in progress: a commit now would mix cim's change into it`,
      `finish it first (${op.finish}), then run the command again`,
    );
}

/**
 * A commit that failed: its hook may have changed files. cim's own files are put back as they were
 * before the command (even where the hook rewrote them); anything else the hook changed is named.
 */
async function afterFailedCommit(where: Place, journal: Journal, e: unknown, since: number): Promise<unknown> {
  if (await committed(where, journal)) return e;
  const ours = new Set((journal.files ?? []).map((f) => f.file));
  const rewritten: string[] = [];
  for (const f of journal.files ?? []) {
    const path = join(where.top, f.file);
    const now = await readTextOrNull(path);
    if (now !== f.after && now !== f.before) rewritten.push(f.file);
    if (now === f.before) continue;
    if (f.before === null) await rm(path, { force: true });
    else await writeFileAtomic(path, f.before);
  }
  for (const c of journal.copies ?? []) {
    ours.add(c.file);
    await removeCopy(join(where.top, c.file), c.sha256);
  }
  const left = (await changedSince(where, since)).filter((f) => !ours.has(f));
  if (!(e instanceof UserError) || (rewritten.length === 0 && left.length === 0)) return e;
  const notes = [
    rewritten.length
      ? `cim put back ${rewritten.join(', ')} as it was before the command (the hook had changed it)`
      : '',
    left.length ? `the hook left changes in ${left.join(', ')}` : '',
  ].filter(Boolean);
  return new UserError(`${e.message}; ${notes.join('; ')}`, e.hint, e.exitCode);
}

/** Files in the work tree changed at or after `since` (ms), as git status lists them. */
async function changedSince({ top, env }: Place, since: number): Promise<string[]> {
  const all = await allLocalChanges(top, env).catch(() => [] as string[]);
  const out: string[] = [];
  for (const f of all) {
    const s = await stat(join(top, f)).catch(() => undefined);
    if (!s || s.mtimeMs >= since - 1000) out.push(f);
  }
  return out.sort();
}

function topRelative(where: Place, path: string): string {
  return relative(where.top, path).split(sep).join('/');
}

/** Whether the journal's commit was made: HEAD is now a child of the HEAD it recorded. */
async function committed({ top, env }: Place, journal: Journal): Promise<boolean> {
  if (!journal.commit || journal.head === undefined) return false;
  const now = await headCommit(top, env);
  if (!now || now === journal.head) return false;
  const parents = await parentsOf(top, env, now);
  return journal.head === null ? parents.length === 0 : parents[0] === journal.head;
}

/** Rolls the journal's files forward (when its commit was made) or back, then drops it. */
async function settle(where: Place, journal: Journal, forward: boolean): Promise<void> {
  for (const f of journal.files ?? []) {
    const path = join(where.top, f.file);
    await removeTemps(path);
    const [from, to] = forward ? [f.before, f.after] : [f.after, f.before];
    const current = await readTextOrNull(path);
    if (current === to || current !== from) continue; // already there, or changed by someone since
    if (to === null) await rm(path, { force: true });
    else await writeFileAtomic(path, to);
  }
  if (forward) {
    await matchIndexToHead(where.top, where.env, [
      ...(journal.files ?? []).map((f) => f.file),
      ...(journal.copies ?? []).map((c) => c.file),
    ]);
  } else {
    for (const c of journal.copies ?? []) await removeCopy(join(where.top, c.file), c.sha256);
    // A folder made for a new file goes with it; one that holds anything else stays (rmdir refuses).
    for (const folder of journal.folders ?? []) await rmdir(join(where.top, folder)).catch(() => undefined);
  }
  if (where.gitDir) await rm(ownIndexFile(where.gitDir, journal.pid), { force: true });
  await rm(where.journal, { force: true });
}

/**
 * Removes a file copied in by a write being undone, and any temporary copy beside it; a file that
 * holds other bytes by now was put there by someone else and stays.
 */
async function removeCopy(path: string, sha256: string): Promise<void> {
  await removeTemps(path);
  const held = await readSource(path, path, Number.MAX_SAFE_INTEGER).catch(() => undefined);
  if (held?.sha256 === sha256) await rm(path, { force: true });
}

/** The folders that do not exist yet among these and their parents, deepest first. */
async function missingFolders(dirs: readonly string[]): Promise<string[]> {
  const missing = new Set<string>();
  for (let dir of dirs) {
    while (!missing.has(dir) && !(await stat(dir).catch(() => undefined))) {
      missing.add(dir);
      if (dirname(dir) === dir) break;
      dir = dirname(dir);
    }
  }
  return [...missing].sort((a, b) => b.length - a.length);
}

/**
 * Removes the index files of cim processes that are gone (a kill leaves one behind). One of a
 * process still running is kept: it may be committing this moment.
 */
async function removeLeftovers(where: Place): Promise<void> {
  if (!where.gitDir) return;
  const names = await readdir(where.gitDir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^cim-index-(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const path = join(where.gitDir, name);
    const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
    if (!isRunning({ pid: Number(m[1]) }) || age > 10 * 60_000) await rm(path, { force: true });
  }
}

/** A file-system failure (no space, no permission…) as a message naming the path and the cause. */
function asUserError(e: unknown): unknown {
  if (e instanceof UserError) return e;
  const described = describeFsError(e);
  return described
    ? new UserError(described, 'free the space or fix the permission, then run the command again; nothing was changed')
    : e;
}

/**
 * While files are being written and committed, Ctrl+C (SIGINT, SIGTERM, SIGHUP) waits for the
 * write to end (it takes moments), so it never stops between two files; then the process stops.
 */
function deferInterrupts(): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let caught: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!caught) writeSync(2, 'cim: finishing the change before stopping\n');
    caught = signal;
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
    if (caught) process.kill(process.pid, caught);
  };
}

let steps = 0;

/**
 * For crash and failure tests, inert when unset. With CIM_TEST_PAUSE=N the process names its Nth
 * step of a write on stderr and stops itself there (SIGSTOP), so a test can kill it at exactly that
 * point. With CIM_TEST_FAIL=N:CODE the Nth step fails as the system would with that error code
 * (ENOSPC, EACCES, EROFS…) on the file it names, so a test can see what a full disk leaves.
 */
function checkpoint(env: Env, step: string, path?: string): void {
  steps++;
  const [failAt, code] = (env.CIM_TEST_FAIL ?? '').split(':');
  if (failAt && steps === Number(failAt))
    throw Object.assign(new Error(`${code}: simulated failure after ${step}`), { code, path, syscall: 'write' });
  const pauseAt = env.CIM_TEST_PAUSE;
  if (!pauseAt || steps !== Number(pauseAt)) return;
  writeSync(2, `cim: paused after step ${steps}: ${step}\n`);
  process.kill(process.pid, 'SIGSTOP');
}
