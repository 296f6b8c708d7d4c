// `cim attach` in a temporary git repository: evidence copied into evidence/<ID>/ and recorded by
// hash in one commit the history check accepts, on open and on final records; every refusal
// writes nothing; and what `cim validate`, `cim show` and `cim log` then say of it.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { attach, type AttachOptions } from '../../src/commands/attach.js';
import { log } from '../../src/commands/history.js';
import { renumber } from '../../src/commands/renumber.js';
import { show } from '../../src/commands/show.js';
import { validateRegister } from '../../src/commands/validate.js';
import { formatLog } from '../../src/cli/log-format.js';
import { formatShow } from '../../src/cli/commands/show.js';
import { makeColor } from '../../src/cli/color.js';
import { UserError } from '../../src/errors.js';
import { nameProblem } from '../../src/io/evidence.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { ctx, findings } from '../helpers/history.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG } from '../helpers/register.js';

const REPORT = 'Ticket export: access review reminders scheduled for every quarter.\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A repository with an open NC, a planned CA and a cancelled (final) one, and files to attach, on
 * a branch `feature` whose history `cim validate --base main` judges.
 */
async function repo(config: object = BASE_CONFIG): Promise<string> {
  const root = await gitRepo({
    'cim.yaml': config,
    ...r.files(
      r.nc({ raised_on: '2026-06-01' }),
      r.ca(),
      r.ca({ status: 'cancelled', cancelled: { on: '2026-06-10', reason: 'Replaced by CA-0001' } }, 'CA-0002'),
    ),
    'outside/ticket.txt': REPORT,
    'outside/summary.txt': 'Audit summary.\n',
  });
  await git(root, 'switch', '-q', '-c', 'feature');
  return root;
}

const attachTo = (root: string, opts: Partial<AttachOptions> & { files: string[] }) =>
  attach({ id: 'CA-0001', by: 'alice', ...opts }, ctx(root));

async function record(root: string, file = 'actions/CA-0001.yaml'): Promise<Record<string, unknown>> {
  return parse(await readFile(join(root, file), 'utf8')) as Record<string, unknown>;
}

async function commits(root: string): Promise<number> {
  return Number((await git(root, 'rev-list', '--count', 'HEAD')).trim());
}

/** What the work tree and HEAD hold: a refusal leaves both as they were. */
async function state(root: string): Promise<string> {
  return `${await git(root, 'rev-parse', 'HEAD')}${await git(root, 'status', '--porcelain', '--untracked-files=all')}`;
}

async function refused(root: string, opts: Partial<AttachOptions> & { files: string[] }): Promise<UserError> {
  const before = await state(root);
  const e = await attachTo(root, opts).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  expect(await state(root)).toBe(before);
  await expect(readdir(join(root, 'evidence'))).rejects.toThrow();
  return e as UserError;
}

describe('cim attach', () => {
  it('copies the files into evidence/<ID>/ and records them, in one commit the history check accepts', async () => {
    const root = await repo();
    const before = await commits(root);
    const result = await attachTo(root, {
      files: ['outside/ticket.txt', 'outside/summary.txt'],
      note: 'The reminders as scheduled',
    });
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await commits(root)).toBe(before + 1);
    expect(await readFile(join(root, 'evidence/CA-0001/ticket.txt'), 'utf8')).toBe(REPORT);
    expect((await record(root)).attachments).toEqual([
      {
        file: 'evidence/CA-0001/ticket.txt',
        sha256: sha(REPORT),
        size: REPORT.length,
        added_on: '2026-06-30',
        added_by: 'alice',
        note: 'The reminders as scheduled',
      },
      expect.objectContaining({ file: 'evidence/CA-0001/summary.txt', size: 15 }),
    ]);
    const files = (await git(root, 'show', '--name-only', '--format=', 'HEAD')).trim().split('\n').sort();
    expect(files).toEqual(['actions/CA-0001.yaml', 'evidence/CA-0001/summary.txt', 'evidence/CA-0001/ticket.txt']);
    const message = await git(root, 'log', '-1', '--format=%B');
    expect(message).toMatch(/^ca\(CA-0001\): attach ticket\.txt, summary\.txt — /);
    expect(message).toContain('Cim-Record: CA-0001\nCim-Action: attach');
    expect(await git(root, 'status', '--porcelain', '--', 'evidence', 'actions')).toBe('');
    expect(await findings(root)).toEqual([]);
    const { result: validated } = await validateRegister({ asOf: '2026-06-30' }, ctx(root));
    expect(validated.diagnostics.filter((d) => d.rule.startsWith('evidence/'))).toEqual([]);
  });

  it('attaches to a record in a final state, and again after an earlier attachment', async () => {
    const root = await repo();
    await attachTo(root, { id: 'CA-0002', files: ['outside/ticket.txt'] });
    await attachTo(root, { id: 'CA-0002', files: ['outside/summary.txt'] });
    const data = await record(root, 'actions/CA-0002.yaml');
    expect(data.status).toBe('cancelled');
    expect((data.attachments as { file: string }[]).map((a) => a.file)).toEqual([
      'evidence/CA-0002/ticket.txt',
      'evidence/CA-0002/summary.txt',
    ]);
    expect(await findings(root)).toEqual([]);
  });

  it('takes the person from the git identity when cim.yaml knows it, and refuses when neither it nor --by names one', async () => {
    const known = await repo({
      ...BASE_CONFIG,
      people: BASE_CONFIG.people.map((p) => (p.id === 'bob' ? { ...p, email: 'test@example.com' } : p)),
    });
    const result = await attach({ id: 'CA-0001', files: ['outside/ticket.txt'] }, ctx(known));
    expect(result.attached[0]!.added_by).toBe('bob');

    const unknown = await repo();
    const e = await refused(unknown, { by: undefined, files: ['outside/ticket.txt'] });
    expect(e.message).toContain('--by');
    const nobody = await refused(unknown, { by: 'zed', files: ['outside/ticket.txt'] });
    expect(nobody.message).toContain('zed is not a person');
  });

  it('writes nothing on a dry run', async () => {
    const root = await repo();
    const before = await state(root);
    const result = await attachTo(root, { files: ['outside/ticket.txt'], dryRun: true });
    expect(result.written).toBe(false);
    expect(result.attached).toHaveLength(1);
    expect(await state(root)).toBe(before);
  });

  describe('refuses, naming the file and the fix, and writes nothing', () => {
    it('a symbolic link', async () => {
      const root = await repo();
      await symlink(join(root, 'outside/ticket.txt'), join(root, 'link.txt'));
      await git(root, 'add', 'link.txt');
      await git(root, 'commit', '-qm', 'link');
      const e = await refused(root, { files: ['link.txt'] });
      expect(e.message).toBe('link.txt is a symbolic link, not a file');
      expect(e.hint).toContain('the file itself');
    });

    it('a folder, a named pipe, a device, a file that is not there or cannot be read', async () => {
      const root = await repo();
      expect((await refused(root, { files: ['outside'] })).message).toBe('outside is a folder, not a file');
      execFileSync('mkfifo', [join(root, 'pipe')]);
      expect((await refused(root, { files: ['pipe'] })).message).toBe('pipe is a named pipe, not a file');
      const device = await refused(root, { files: ['/dev/null'] });
      expect(device.message).toBe('/dev/null is a device, not a file');
      await rm(join(root, 'pipe'));
      expect((await refused(root, { files: ['nothing.txt'] })).message).toBe(
        'cannot read nothing.txt: there is no such file',
      );
      if (process.getuid?.() !== 0) {
        await chmod(join(root, 'outside/ticket.txt'), 0o000);
        expect((await refused(root, { files: ['outside/ticket.txt'] })).message).toBe(
          'cannot read outside/ticket.txt: permission denied',
        );
      }
    });

    it('a file over evidence.max_file_mb', async () => {
      const root = await repo({ ...BASE_CONFIG, evidence: { max_file_mb: 0.001 } });
      await writeFile(join(root, 'big.bin'), Buffer.alloc(2000));
      await git(root, 'add', 'big.bin');
      await git(root, 'commit', '-qm', 'big');
      const e = await refused(root, { files: ['big.bin'] });
      expect(e.message).toContain('big.bin is 2000 bytes, more than');
      expect(e.hint).toContain('Git LFS or a document store');
    });

    it('a name that could not be a plain file name', async () => {
      const root = await repo();
      await writeFile(join(root, '.hidden'), 'x');
      await writeFile(join(root, 'bad\u0007name'), 'x');
      await writeFile(join(root, `${'a'.repeat(201)}`), 'x');
      expect((await refused(root, { files: ['.hidden'] })).message).toContain('starts with a dot');
      expect((await refused(root, { files: ['bad\u0007name'] })).message).toContain(
        'bad\\x07name" holds a control character',
      );
      expect((await refused(root, { files: ['a'.repeat(201)] })).message).toContain('longer than 200 bytes');
    });

    it('a name already attached to the record, or already in its folder', async () => {
      const root = await repo();
      await attachTo(root, { files: ['outside/ticket.txt'] });
      await mkdir(join(root, 'other'));
      await writeFile(join(root, 'other/ticket.txt'), 'a new version\n');
      const before = await state(root);
      const e = await attachTo(root, { files: ['other/ticket.txt'] }).catch((err: unknown) => err as UserError);
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toBe('CA-0001 already has an attachment named ticket.txt');
      expect((e as UserError).hint).toContain('ticket-2.txt');
      expect(await state(root)).toBe(before);
      expect(await readFile(join(root, 'evidence/CA-0001/ticket.txt'), 'utf8')).toBe(REPORT);
    });

    it('the same file given twice, or two files of one name', async () => {
      const root = await repo();
      expect((await refused(root, { files: ['outside/ticket.txt', './outside/ticket.txt'] })).message).toBe(
        './outside/ticket.txt is given twice',
      );
      await mkdir(join(root, 'other'));
      await writeFile(join(root, 'other/ticket.txt'), 'another\n');
      expect((await refused(root, { files: ['outside/ticket.txt', 'other/ticket.txt'] })).message).toContain(
        'have the same name, ticket.txt',
      );
    });

    it('a later file that cannot be attached, after earlier ones that could', async () => {
      const root = await repo();
      const e = await refused(root, { files: ['outside/ticket.txt', 'outside'] });
      expect(e.message).toContain('outside is a folder');
    });
  });

  it('leaves no file copied in when the commit fails', async () => {
    const root = await repo();
    await writeFile(join(root, '.git/hooks/pre-commit'), '#!/bin/sh\necho refused by hook >&2\nexit 1\n', {
      mode: 0o755,
    });
    const before = await state(root);
    await expect(attachTo(root, { files: ['outside/ticket.txt'] })).rejects.toThrow();
    expect(await state(root)).toBe(before);
    await expect(readdir(join(root, 'evidence'))).rejects.toThrow();
    expect((await record(root)).attachments).toBeUndefined();
  });

  it('refuses an evidence folder that is a link or a file', async () => {
    const root = await repo();
    await symlink(join(root, 'outside'), join(root, 'evidence'));
    const e = await attachTo(root, { files: ['outside/ticket.txt'] }).catch((err: unknown) => err as UserError);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe('evidence is a symbolic link, so no evidence can be kept in it');
    expect(await readdir(join(root, 'outside'))).toEqual(['summary.txt', 'ticket.txt']);
  });

  it.each([
    ['the copy is written', 6],
    ['the second copy is written', 8],
    ['it is staged', 9],
  ])('leaves the record and no copy behind when the disk fills after %s (bin/cim)', async (_, step) => {
    const root = await repo();
    const before = await state(root);
    const text = await readFile(join(root, 'actions/CA-0001.yaml'), 'utf8');
    const run = await runCli(['attach', 'CA-0001', 'outside/ticket.txt', 'outside/summary.txt', '--by', 'alice'], {
      cwd: root,
      env: { CIM_TEST_FAIL: `${step}:ENOSPC`, CIM_TODAY: '2026-06-30' },
    });
    expect(run.stderr).toContain('no space is left on the device');
    expect(run.code).toBe(2);
    expect(await readFile(join(root, 'actions/CA-0001.yaml'), 'utf8')).toBe(text);
    expect(await state(root)).toBe(before);
    await expect(readdir(join(root, 'evidence'))).rejects.toThrow();
  });
});

describe('the evidence rules', () => {
  async function attached(): Promise<string> {
    const root = await repo();
    await attachTo(root, { files: ['outside/ticket.txt', 'outside/summary.txt'] });
    return root;
  }

  async function evidence(root: string) {
    const { result } = await validateRegister({ asOf: '2026-06-30' }, ctx(root));
    return result.diagnostics
      .filter((d) => d.rule.startsWith('evidence/'))
      .map((d) => ({ severity: d.severity, rule: d.rule, at: `${d.file}:${d.line}:${d.column}`, hint: d.hint }));
  }

  /** Where the attachment's list item starts in the record: the line of `- file: …`, after `- `. */
  async function entryAt(root: string, name: string): Promise<string> {
    const lines = (await readFile(join(root, 'actions/CA-0001.yaml'), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes(`file: evidence/CA-0001/${name}`));
    return `actions/CA-0001.yaml:${line + 1}:${lines[line]!.indexOf('file:') + 1}`;
  }

  it('evidence/missing: an attached file that is not there, located at its entry', async () => {
    const root = await attached();
    await rm(join(root, 'evidence/CA-0001/summary.txt'));
    expect(await evidence(root)).toEqual([
      {
        severity: 'error',
        rule: 'evidence/missing',
        at: await entryAt(root, 'summary.txt'),
        hint: expect.stringContaining('git checkout <commit> -- evidence/CA-0001/summary.txt') as string,
      },
    ]);
  });

  it('evidence/changed: an attached file whose bytes changed, same size or not, located at its entry', async () => {
    const root = await attached();
    await writeFile(join(root, 'evidence/CA-0001/ticket.txt'), REPORT.replace('every', 'EVERY'));
    await writeFile(join(root, 'evidence/CA-0001/summary.txt'), 'Audit summary, longer.\n');
    const found = await evidence(root);
    expect(found.map((d) => [d.severity, d.rule, d.at])).toEqual([
      ['error', 'evidence/changed', await entryAt(root, 'ticket.txt')],
      ['error', 'evidence/changed', await entryAt(root, 'summary.txt')],
    ]);
    expect(found[0]!.hint).toContain('attach the new version under a new name');
  });

  it('evidence/missing: an attachment that names a file outside evidence/<ID>/, not read', async () => {
    const root = await attached();
    const text = await readFile(join(root, 'actions/CA-0001.yaml'), 'utf8');
    await writeFile(
      join(root, 'actions/CA-0001.yaml'),
      text.replace('file: evidence/CA-0001/ticket.txt', 'file: ../../etc/passwd'),
    );
    const found = await evidence(root);
    expect(found.map((d) => d.rule)).toEqual(['evidence/missing', 'evidence/unreferenced']);
  });

  it('evidence/unreferenced: a file under evidence/ that no record attaches, a warning at the file', async () => {
    const root = await attached();
    await writeFile(join(root, 'evidence/CA-0001/stray.pdf'), 'x');
    await mkdir(join(root, 'evidence/NC-0001'));
    await writeFile(join(root, 'evidence/NC-0001/minutes.txt'), 'x');
    await writeFile(join(root, 'evidence/CA-0001/.gitkeep'), '');
    expect((await evidence(root)).map((d) => [d.severity, d.rule, d.at])).toEqual([
      ['warning', 'evidence/unreferenced', 'evidence/CA-0001/stray.pdf:1:1'],
      ['warning', 'evidence/unreferenced', 'evidence/NC-0001/minutes.txt:1:1'],
    ]);
  });

  it('a record renumbered after its evidence was attached keeps it where it was, and valid', async () => {
    const root = await attached();
    await renumber({ from: 'CA-0001', to: 'CA-0009' }, ctx(root));
    expect(await evidence(root)).toEqual([]);
  });

  it('cim show lists the attachments; cim log shows the attach step', async () => {
    const root = await attached();
    const shown = await show({ id: 'CA-0001' }, ctx(root));
    expect(shown.attachments.map((a) => a.file)).toEqual([
      'evidence/CA-0001/ticket.txt',
      'evidence/CA-0001/summary.txt',
    ]);
    const text = formatShow(shown, makeColor({ enabled: false, env: {}, isTTY: false }));
    expect(text).toContain(
      `Attachments\n  evidence/CA-0001/ticket.txt  ${REPORT.length} B  sha256 ${sha(REPORT).slice(0, 12)}  added 2026-06-30 by alice`,
    );
    const history = await log({ id: 'CA-0001' }, ctx(root));
    const step = history.entries.find((e) => e.action === 'attach');
    expect(step).toBeDefined();
    const printed = formatLog(history.entries, makeColor({ enabled: false, env: {}, isTTY: false }), true);
    expect(printed).toMatch(/ {2}attach {2}planned {2}Test User/);
    expect(printed).toContain(
      `    + attached evidence/CA-0001/ticket.txt (${REPORT.length} B, sha256 ${sha(REPORT).slice(0, 12)}, by alice)\n    + attached evidence/CA-0001/summary.txt (15 B`,
    );
  });
});

describe('evidence file names', () => {
  it.each([
    ['ticket-export.pdf', undefined],
    ['rapport d’audit 2026.txt', undefined],
    ['..', 'is not a file name'],
    ['.', 'is not a file name'],
    ['a/b.txt', 'holds a path separator'],
    ['a\\b.txt', 'holds a path separator'],
    ['tab\there.txt', 'holds a control character'],
    ['.env', 'starts with a dot (a hidden file)'],
    ['é'.repeat(101), 'is longer than 200 bytes'],
    ['e'.repeat(200), undefined],
  ])('%j: %s', (name, problem) => expect(nameProblem(name)).toBe(problem));
});
