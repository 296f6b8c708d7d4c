// cim init when the disk or git fails part way: a full disk, a read-only or forbidden folder, an
// argument list git cannot take. Each failure is injected at one write, since none can be made
// on demand (and root ignores permissions); init must name the path and the cause, exit 2, and
// leave the place as it found it.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { configText, init } from '../../src/commands/init.js';
import type { Context } from '../../src/context.js';
import { ExitCode, UserError } from '../../src/errors.js';
import type * as Files from '../../src/io/files.js';
import type * as Git from '../../src/io/git.js';
import { git } from '../helpers/git.js';
import { writeTree } from '../helpers/register.js';

const fail = vi.hoisted(() => ({ write: undefined as string | undefined, commit: false, code: 'ENOSPC' }));

vi.mock('../../src/io/files.js', async (importOriginal) => {
  const real = await importOriginal<typeof Files>();
  return {
    ...real,
    writeFileAtomic: async (path: string, content: string) => {
      if (fail.write !== undefined && path.endsWith(fail.write))
        throw Object.assign(new Error(`${fail.code}: failed, write '${path}.1a2b.tmp'`), { code: fail.code });
      return real.writeFileAtomic(path, content);
    },
  };
});

vi.mock('../../src/io/git.js', async (importOriginal) => {
  const real = await importOriginal<typeof Git>();
  return {
    ...real,
    commitFiles: async (...args: Parameters<typeof real.commitFiles>) => {
      if (fail.commit) throw Object.assign(new Error('spawn E2BIG'), { code: 'E2BIG' });
      return real.commitFiles(...args);
    },
  };
});

// git runs in the context's environment, which carries the identity set below.
const ctx = (cwd: string): Context => ({ cwd, env: process.env, now: new Date('2026-06-30T12:00:00Z') });

beforeAll(() => {
  // An identity of the test's own: git reads these before any configuration.
  Object.assign(process.env, {
    GIT_AUTHOR_NAME: 'Test User',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test User',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  });
});

beforeEach(() => {
  fail.write = undefined;
  fail.commit = false;
});

async function failed(run: Promise<unknown>): Promise<UserError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('cim init when a write fails', () => {
  it.each([
    ['ENOSPC', 'schemas/nc.schema.json', 'no space is left on the device (ENOSPC)'],
    ['EACCES', 'cim.yaml', 'permission is denied (EACCES)'],
    ['EROFS', 'cim.yaml', 'the file system is read-only (EROFS)'],
    ['EPERM', 'reviews/.gitkeep', 'the operation is not permitted (EPERM)'],
  ])('%s writing %s: exit 2 naming the path and the cause, and nothing is left', async (code, file, cause) => {
    fail.write = file;
    fail.code = code;
    const parent = await writeTree({ 'notes.txt': 'mine\n' });
    const error = await failed(init({ dir: 'new/register', organisation: 'Test Co' }, ctx(parent)));
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toBe(`cannot create the register: ${join(parent, 'new/register', file)}: ${cause}`);
    expect(error.hint).toContain('nothing was left behind');
    // The folders init made (new/ and new/register/) are gone; what was there stays.
    expect(await readdir(parent)).toEqual(['notes.txt']);
    expect(await readFile(join(parent, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('a failure after git init removes the repository init made', async () => {
    fail.commit = true;
    const parent = await writeTree({});
    await mkdir(join(parent, 'register'));
    const error = await failed(init({ dir: 'register' }, ctx(parent)));
    expect(error.message).toBe(
      `cannot create the register: ${join(parent, 'register')}: the argument list is too long (E2BIG)`,
    );
    // The folder was there before: it stays, empty, without the .git init made in it.
    expect(await readdir(join(parent, 'register'))).toEqual([]);
  });

  it('a failure inside an existing repository leaves its .git and its files alone', async () => {
    fail.write = 'schemas/ca.schema.json';
    const repo = await writeTree({ 'README.md': 'hello\n' });
    await git(repo, 'init', '--quiet', '--initial-branch=main');
    await failed(init({ dir: 'isms' }, ctx(repo)));
    expect((await readdir(repo)).sort()).toEqual(['.git', 'README.md']);
    expect(await git(repo, 'status', '--porcelain')).toBe('?? README.md\n');
  });
});

describe('cim.yaml from the template', () => {
  const TEMPLATE = new URL('../../templates/init/cim.yaml', import.meta.url);
  const values = { organisation: 'Example Ltd', name: 'ISMS Manager', started: '2026-01-01', person: 'isms-manager' };

  it('is the template itself when the values are the template’s own: comments and layout stay', async () => {
    const template = await readFile(TEMPLATE, 'utf8');
    expect(configText(template, { ...values, email: undefined })).toBe(template);
  });

  it.each([
    ['quotes, a hash and a colon', 'Ödön "Q" #1: A&B'],
    ['an apostrophe and a dash', "O'Brien - Ltd"],
    ['a name YAML would read as something else', 'null'],
    ['a number', '1.10'],
    ['a date', '2026-01-01'],
    ['a name starting with a sign', '- & * ! | > % @ `'],
    ['a long name, that YAML would fold', `${'Very '.repeat(30)}Long Ltd`],
  ])('round-trips %s', async (_, text) => {
    const out = configText(await readFile(TEMPLATE, 'utf8'), {
      ...values,
      organisation: text,
      name: text,
      email: 'o@example.com',
    });
    const data = parse(out, { version: '1.2' }) as {
      organisation: unknown;
      people: { name: unknown; email: unknown }[];
    };
    expect(data.organisation).toBe(text);
    expect(data.people[0]).toMatchObject({ name: text, email: 'o@example.com' });
  });

  it('refuses values that do not make a valid cim.yaml, as a usage error', async () => {
    const template = await readFile(TEMPLATE, 'utf8');
    expect(() => configText(template, { ...values, email: 'not an email' })).toThrow(
      /the values given do not make a valid cim\.yaml: people\[0\]\.email "not an email" is not an email address/,
    );
  });

  it('init writes exactly that text', async () => {
    const parent = await writeTree({});
    const result = await init({ dir: 'r', organisation: 'Ödön "Q" #1: A&B', name: 'Dana Whitfield' }, ctx(parent));
    const written = await readFile(join(result.root, 'cim.yaml'), 'utf8');
    expect((parse(written) as { organisation: string }).organisation).toBe('Ödön "Q" #1: A&B');
    expect(written).toContain('  - id: dana-whitfield\n    name: Dana Whitfield\n    email: test@example.com\n');
  });
});
