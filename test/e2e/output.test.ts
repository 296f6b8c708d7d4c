// Where a document goes with -o, as a user points it: a plain file, a symbolic link, a named pipe,
// a descriptor of the shell (`-o >(wc -c)`), a device, standard output (`-o -`). Run `npm run build`
// first.
import { execFile, spawn } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, runCli, testEnv } from '../helpers/cli.js';
import { writeTree } from '../helpers/register.js';

const exec = promisify(execFile);
const ACME = join(REPO, 'examples', 'acme');
const AS_OF = '2026-06-30';
const POLICY = ['-C', ACME, 'policy', '--as-of', AS_OF] as const;
const CRASH = /^\s+at |internal error|\b(Type|Range)Error\b/m;
const isRoot = process.getuid?.() === 0;

const expected = () => readFile(join(ACME, 'docs', 'policy.md'), 'utf8');

describe('cim policy -o', () => {
  it('a plain file is replaced whole, keeping its permissions', async () => {
    const dir = await writeTree({ 'policy.md': 'old\n' });
    await chmod(join(dir, 'policy.md'), 0o600);
    const { code, stderr } = await runCli([...POLICY, '-o', 'policy.md'], { cwd: dir });
    expect(stderr).toBe('Wrote policy.md\n');
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'policy.md'), 'utf8')).toBe(await expected());
    expect((await stat(join(dir, 'policy.md'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['policy.md']);
  });

  it('a symbolic link is written through: the link stays, its target holds the document', async () => {
    const dir = await writeTree({ 'docs/target.md': '' });
    await symlink('docs/target.md', join(dir, 'link.md'));
    const { code, stderr } = await runCli([...POLICY, '-o', 'link.md'], { cwd: dir });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(0);
    expect(await readlink(join(dir, 'link.md'))).toBe('docs/target.md');
    expect(await readFile(join(dir, 'docs/target.md'), 'utf8')).toBe(await expected());
  });

  it('a link to a file that does not exist yet creates that file', async () => {
    const dir = await writeTree({ 'docs/.keep': '' });
    await symlink('docs/new.md', join(dir, 'link.md'));
    const { code } = await runCli([...POLICY, '-o', 'link.md'], { cwd: dir });
    expect(code).toBe(0);
    expect((await lstat(join(dir, 'link.md'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'docs/new.md'), 'utf8')).toBe(await expected());
  });

  it('a named pipe is written into, not replaced', async () => {
    const dir = await writeTree({});
    const fifo = join(dir, 'pipe');
    await exec('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    const { code, stderr } = await runCli([...POLICY, '-o', fifo], { cwd: dir });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(0);
    expect(await read).toBe(await expected());
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['pipe']);
  });

  it('a descriptor the shell opened (-o >(wc -c)) is written into', async () => {
    // The shell's pipe: cim's standard output goes away, its descriptor 3 is the pipe to cat.
    const { stdout, stderr } = await exec(
      'sh',
      ['-c', '"$0" "$@" -o /dev/fd/3 3>&1 >/dev/null | cat', process.execPath, BIN, ...POLICY],
      { env: await testEnv() },
    );
    expect(stderr).toBe('Wrote /dev/fd/3\n');
    expect(stdout).toBe(await expected());
  });

  it('a descriptor that is a socket, as programs start cim with, is written to', async () => {
    const child = spawn(process.execPath, [BIN, ...POLICY, '-o', '/dev/fd/3'], {
      env: await testEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let received = '';
    let stderr = '';
    child.stdio[3]!.on('data', (d: Buffer) => (received += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(0);
    expect(received).toBe(await expected());
  });

  it('a descriptor that is not open is refused (exit 2), and no file is made', async () => {
    const { code, stderr } = await runCli([...POLICY, '-o', '/dev/fd/99']);
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(2);
    expect(stderr).toContain('cim: cannot write /dev/fd/99: no such descriptor is open (EBADF)');
  });

  it('- is standard output, and no file named - is made', async () => {
    const dir = await writeTree({});
    const { code, stdout } = await runCli([...POLICY, '-o', '-'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe(await expected());
    expect(await readdir(dir)).toEqual([]);
  });

  it('a folder is refused with the path and the cause (exit 2)', async () => {
    const dir = await writeTree({ 'out/.keep': '' });
    const { code, stderr } = await runCli([...POLICY, '-o', 'out'], { cwd: dir });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(2);
    expect(stderr).toContain('cim: cannot write out: it is a folder');
    expect(await readdir(join(dir, 'out'))).toEqual(['.keep']);
  });

  it('a folder that does not exist yet is made, as docs/ in a new register', async () => {
    const dir = await writeTree({});
    const { code } = await runCli([...POLICY, '-o', 'docs/policy.md'], { cwd: dir });
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'docs/policy.md'), 'utf8')).toBe(await expected());
    expect(await readdir(join(dir, 'docs'))).toEqual(['policy.md']);
  });

  it.skipIf(!isRoot)('a device that fails is left a device, and the failure is the path and the cause', async () => {
    const dir = await writeTree({});
    const full = join(dir, 'full');
    await exec('mknod', [full, 'c', '1', '7']);
    const { code, stderr } = await runCli([...POLICY, '-o', full], { cwd: dir });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(2);
    expect(stderr).toContain(`cim: cannot write ${full}: no space is left on the device (ENOSPC)`);
    expect((await lstat(full)).isCharacterDevice()).toBe(true);
    expect(await readdir(dir)).toEqual(['full']);
  });

  it('export log writes through a link as the documents do', async () => {
    const dir = await writeTree({ 'log.csv': '' });
    await mkdir(join(dir, 'out'));
    await symlink('../log.csv', join(dir, 'out/log.csv'));
    const { code } = await runCli(
      ['-C', ACME, 'export', 'log', '--format', 'csv', '--as-of', AS_OF, '-o', 'out/log.csv'],
      {
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'log.csv'), 'utf8')).toBe(await readFile(join(ACME, 'docs', 'log.csv'), 'utf8'));
    expect((await lstat(join(dir, 'out/log.csv'))).isSymbolicLink()).toBe(true);
  });
});

describe('output that cannot be printed after a change was committed', () => {
  const INIT = ['init', 'isms', '--organisation', 'Example Ltd', '--json'];

  /** Runs cim with its standard output on `stdout`, a descriptor the shell opens (`1<file`). */
  const withStdout = async (cwd: string, redirect: string) =>
    exec('sh', ['-c', `"$0" "$@" ${redirect}; echo "exit $?" >&2`, process.execPath, BIN, ...INIT], {
      cwd,
      env: await testEnv(),
    });

  it('says the change was made and committed, with its sha, and exits 3', async () => {
    const dir = await writeTree({ 'readonly.txt': '' });
    // Standard output opened for reading only: every write to it fails.
    const { stderr } = await withStdout(dir, '1<readonly.txt');
    const sha = (await exec('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: join(dir, 'isms') })).stdout.trim();
    expect(stderr).not.toMatch(CRASH);
    expect(stderr).toContain(`cim: the change was made and committed as ${sha}, but its output cannot be printed`);
    expect(stderr).toContain(`do not run the command again: \`git show ${sha}\` shows what it did`);
    expect(stderr).toMatch(/exit 3\n$/);
  });

  it.skipIf(!isRoot)('on a full device, the cause is said too', async () => {
    const dir = await writeTree({});
    await exec('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const { stderr } = await withStdout(dir, '>full');
    expect(stderr).toContain('but its output cannot be printed: no space is left on the device (ENOSPC)');
    expect(stderr).toMatch(/exit 3\n$/);
  });

  it('nothing committed: the output failure alone, exit 2', async () => {
    const dir = await writeTree({ 'readonly.txt': '' });
    const { stderr } = await exec(
      'sh',
      ['-c', '"$0" "$@" 1<readonly.txt; echo "exit $?" >&2', process.execPath, BIN, ...POLICY],
      { cwd: dir, env: await testEnv() },
    );
    expect(stderr).toContain('cim: cannot print the output');
    expect(stderr).not.toContain('committed');
    expect(stderr).toMatch(/exit 2\n$/);
  });
});
