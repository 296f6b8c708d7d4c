// What the system said when a file could not be written, in words a person can act on. These are
// the machine's problems (a full disk, a read-only mount, a missing permission), not bugs in cim.
import { relative } from 'node:path';

/** The machine's faults: what any command may meet on a full, read-only or locked-down disk. */
const FAULTS: Readonly<Record<string, string>> = {
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
  EISDIR: 'it is a folder',
  EBUSY: 'the file is busy',
};

/** What else a path a person named may turn out to be (`-o` at a pipe, a folder, a link loop). */
const OF_A_PATH: Readonly<Record<string, string>> = {
  EPIPE: 'whoever was reading it stopped before the document was written',
  ENXIO: 'it is a socket or a device nobody is reading, not a file',
  ENOTBLK: 'it is a block device (a disk), not a file',
  EFTYPE: 'it is not a file, a pipe or a device',
  EBADF: 'no such descriptor is open',
  ELOOP: 'its symbolic links loop',
  ETXTBSY: 'the file is busy',
  ENOENT: 'it no longer exists',
  EEXIST: 'a file stands where a folder is needed',
};

/** The system's error code in words, or undefined for a code without them. */
export function causeOf(code: string): string | undefined {
  return FAULTS[code] ?? OF_A_PATH[code];
}

/** "cannot write PATH: no space is left on the device", or undefined when `e` is not such an error. */
export function describeFsError(e: unknown, cwd: string = process.cwd()): string | undefined {
  const err = e as (NodeJS.ErrnoException & { dest?: unknown }) | undefined;
  const code = err?.code;
  if (typeof code !== 'string' || !(code in FAULTS)) return undefined;
  const path = typeof err?.path === 'string' ? err.path : typeof err?.dest === 'string' ? err.dest : undefined;
  const verb = err?.syscall === 'open' || err?.syscall === 'read' ? 'cannot open' : 'cannot write';
  const shown = path ? relative(cwd, path) || path : undefined;
  return `${shown ? `${verb} ${shown.startsWith('..') ? path : shown}` : 'cannot write the change'}: ${FAULTS[code]} (${code})`;
}
