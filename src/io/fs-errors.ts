// What the system said when a file could not be written, in words a person can act on. These are
// the machine's problems (a full disk, a read-only mount, a missing permission), not bugs in cim.
import { relative } from 'node:path';

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'the device reported an input/output error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on the system',
  ENAMETOOLONG: 'the path is too long',
  E2BIG: 'the argument list is too long',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'the path is a folder',
  EBUSY: 'the file is busy',
};

/** "cannot write PATH: no space is left on the device", or undefined when `e` is not such an error. */
export function describeFsError(e: unknown, cwd: string = process.cwd()): string | undefined {
  const err = e as (NodeJS.ErrnoException & { dest?: unknown }) | undefined;
  const code = err?.code;
  if (typeof code !== 'string' || !(code in CAUSES)) return undefined;
  const path = typeof err?.path === 'string' ? err.path : typeof err?.dest === 'string' ? err.dest : undefined;
  const verb = err?.syscall === 'open' || err?.syscall === 'read' ? 'cannot open' : 'cannot write';
  const shown = path ? relative(cwd, path) || path : undefined;
  return `${shown ? `${verb} ${shown.startsWith('..') ? path : shown}` : 'cannot write the change'}: ${CAUSES[code]} (${code})`;
}

/** Whether `e` is a failure of the machine rather than of cim. */
export function isFsError(e: unknown): boolean {
  return describeFsError(e) !== undefined;
}
