// The one way cim runs git. Every non-zero exit is a failure unless the caller names it as an
// answer (`symbolic-ref -q` exits 1 on a detached HEAD); what git printed becomes the error's
// message. Calls are made through simple-git; a call that feeds git on its standard input
// (lists of paths, a commit message, the shas `cat-file --batch` reads and streams back), which
// simple-git cannot do, is spawned directly under the same rules. Input never goes as arguments,
// so no number of paths or length of message can exceed the system's limit on a command line.
import { spawn } from 'node:child_process';
import { simpleGit, type SimpleGitOptions } from 'simple-git';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';

/** The environment a command runs in, and git with it: the context's. */
export type Env = Context['env'];

/** git's exit code for a fatal error, such as "not a git repository" or "no identity". */
export const GIT_FATAL = 128;

export interface GitCall {
  /** Variables added to the environment git runs in (GIT_INDEX_FILE). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** What git reads on its standard input. */
  readonly input?: string;
  /** Exit codes besides 0 that are answers, not failures. */
  readonly accept?: readonly number[];
  /** Takes the output as it streams instead of collecting it; `stdout` is then empty. */
  readonly onStdout?: (chunk: Buffer) => void;
}

export interface GitOutput {
  readonly code: number;
  readonly stdout: string;
}

/** A git call that failed: git's exit code (or the system's error code, when git could not run). */
export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | string,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GitError';
  }
}

export function runGit(dir: string, env: Env, args: readonly string[], call: GitCall = {}): Promise<GitOutput> {
  return call.input !== undefined || call.onStdout
    ? spawnGit(dir, env, args, call)
    : simpleGitRun(dir, env, args, call);
}

/**
 * simple-git refuses to run git with an environment or configuration that names a program (an
 * editor, a pager, an ssh command, a signing program, hooks, config paths): a guard for programs
 * that pass on settings someone else chose. cim runs git as the person's own shell would, with
 * their environment and configuration, and with arguments it builds itself (a ref the user gives
 * comes after --end-of-options), so each of those guards is lifted. Listed in full, so a guard a
 * later simple-git adds is a compile error here, to decide on, rather than a refusal in the field.
 */
const OWN_SETTINGS: Required<Omit<NonNullable<SimpleGitOptions['unsafe']>, 'allowUnsafeCustomBinary'>> = {
  allowUnsafeAlias: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeEditor: true,
  allowUnsafeFilter: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeGitProxy: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeHooksPath: true,
  allowUnsafeMergeDriver: true,
  allowUnsafePack: true,
  allowUnsafePager: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafeSshCommand: true,
  allowUnsafeTemplateDir: true,
};

async function simpleGitRun(dir: string, env: Env, args: readonly string[], call: GitCall): Promise<GitOutput> {
  let code = 0;
  let stderr = '';
  let unstarted: Error | undefined;
  const git = simpleGit({
    baseDir: dir,
    unsafe: OWN_SETTINGS,
    // simple-git counts a call as failed only when git wrote to stderr: a hook that exits 1 in
    // silence would pass. Here the exit code decides.
    // `error` is simple-git's own verdict (stderr written, or git not started): an exit code the
    // caller accepts overrides it; a process that never ran (a negative code) keeps it.
    errors(error, result) {
      code = result.exitCode;
      stderr = Buffer.concat(result.stdErr).toString('utf8');
      if (code === 0 || call.accept?.includes(code)) return undefined;
      if (error && code < 0) return (unstarted = error instanceof Error ? error : new Error(String(error)));
      const stdout = Buffer.concat(result.stdOut).toString('utf8');
      return new GitError(failure(stderr, stdout, code), code, stderr);
    },
  }).env({ ...defined(env), ...call.extraEnv });
  try {
    const stdout = await git.raw([...args]);
    return { code, stdout };
  } catch (e) {
    if (unstarted) throw notStarted(unstarted);
    const cause = e instanceof Error ? e : new Error(String(e));
    if (cause instanceof GitError) throw cause;
    // simple-git's own error around ours, or git could not be started at all.
    const inner = (cause as { task?: unknown; cause?: unknown }).cause;
    if (inner instanceof GitError) throw inner;
    const system = (inner as NodeJS.ErrnoException | undefined)?.code;
    throw new GitError(cause.message, system ?? code, stderr, { cause });
  }
}

function spawnGit(dir: string, env: Env, args: readonly string[], call: GitCall): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: dir,
      env: { ...defined(env), ...call.extraEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', call.onStdout ?? ((d: Buffer) => out.push(d)));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let failed: NodeJS.ErrnoException | undefined;
    let started = false;
    child.on('error', (e) => (failed = e));
    child.on('spawn', () => (started = true));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (!failed && code !== null && (code === 0 || call.accept?.includes(code))) return resolve({ code, stdout });
      if (failed && !started) return reject(notStarted(failed));
      const exitCode = failed?.code ?? code ?? signal ?? 'unknown';
      reject(new GitError(failure(stderr, stdout, exitCode), exitCode, stderr, failed ? { cause: failed } : undefined));
    });
    // git may exit before reading all of it (a bad option): its exit status then tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(call.input ?? '');
  });
}

/** git could not be started: not installed, or not on the PATH. */
function notStarted(cause: Error): Error {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code !== 'ENOENT' && !/\bENOENT\b/.test(cause.message)) return cause;
  return new UserError('cannot run git: it is not installed, or not on the PATH', 'install git, or add it to PATH');
}

const failure = (stderr: string, stdout: string, code: number | string): string =>
  `${stderr}\n${stdout}`.trim() || `git exited with code ${String(code)}`;

const defined = (env: Env): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
