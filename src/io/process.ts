// Which process holds the register's write lock. A process id alone is not enough: once the
// holder is gone, the system may give its id to an unrelated program, and a lock judged by the id
// would then block every write for ever. The holder also records when it started, and a live
// process that started at another time is not the holder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Holder {
  readonly pid: number;
  /** When the process started, as the system tells it; absent where it cannot be read. */
  readonly started?: string;
}

export function thisProcess(): Holder {
  const started = startOf(process.pid);
  return started === undefined ? { pid: process.pid } : { pid: process.pid, started };
}

/** Whether the process that recorded `holder` is still running. */
export function isRunning(holder: Holder): boolean {
  if (!Number.isSafeInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.started === undefined) return true;
  const now = startOf(holder.pid);
  return now === undefined || now === holder.started;
}

/**
 * A process's start, or undefined when it cannot be told. On Linux, the boot and the start time in
 * clock ticks since boot (/proc/PID/stat, field 22); elsewhere what `ps` prints as its start.
 */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces and parentheses: count from the last one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    if (!ticks || !/^\d+$/.test(ticks)) return undefined;
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}:${ticks}`;
  } catch {
    // No /proc: ask ps, which every Unix has.
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
