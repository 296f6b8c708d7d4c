// The one way cim runs git. Every non-zero exit is a failure unless the caller names it as an
// answer (`symbolic-ref -q` exits 1 on a detached HEAD); what git printed becomes the error's
// message. Input goes to git on its standard input, never as arguments, so no number of paths or
// length of message can exceed the system's limit on a command line (E2BIG). Output is collected,
// or handed over as it streams for a reader that must not hold it all (`cat-file --batch`).
import { spawn } from 'node:child_process';
import type { Context } from '../context.js';

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
    child.on('error', (e) => (failed = e));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (!failed && code !== null && (code === 0 || call.accept?.includes(code))) return resolve({ code, stdout });
      const exitCode = failed?.code ?? code ?? signal ?? 'unknown';
      const message = `${stderr}\n${stdout}`.trim() || `git exited with code ${String(exitCode)}`;
      reject(new GitError(message, exitCode, stderr, failed ? { cause: failed } : undefined));
    });
    // git may exit before reading all of it (a bad option): its exit status then tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(call.input ?? '');
  });
}

const defined = (env: Env): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
