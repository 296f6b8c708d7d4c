// Lifecycle steps against real temporary git repositories: what is written, what is committed,
// and that a refusal or a failed commit leaves everything as it was.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { step, type StepOptions } from '../../src/commands/step.js';
import type { Context } from '../../src/context.js';
import { UserError } from '../../src/errors.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const config = { 'cim.yaml': { ...BASE_CONFIG, people } };
const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
const openNc: Omit<StepOptions, 'kind' | 'verb'> = {
  values: {
    title: 'Door propped open',
    grade: 'minor',
    'source-type': 'self-identified',
    requirement: 'A.7.2',
    area: 'it',
    owner: 'bob',
    description: 'The server room door was propped open.',
  },
};

describe('cim <kind> <verb>', () => {
  it('writes the record, commits only it, with the message and trailers of the design', async () => {
    const repo = await gitRepo({ ...config });
    await writeFile(join(repo, 'unrelated.txt'), 'staged\n');
    await git(repo, 'add', 'unrelated.txt');
    const result = await step({ kind: 'nc', verb: 'open', ...openNc }, ctx(repo));
    expect(result).toMatchObject({ id: 'NC-0001', to: 'open', written: true });
    expect(await git(repo, 'log', '-1', '--format=%B')).toBe(
      'nc(NC-0001): open — Door propped open\n\nCim-Record: NC-0001\nCim-Action: open\nCim-To: open\n\n',
    );
    expect(await git(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe('nonconformities/NC-0001.yaml\n');
    expect(await git(repo, 'status', '--porcelain')).toBe('A  unrelated.txt\n');
    const text = await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8');
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schemas\/nc\.schema\.json\nid: NC-0001\ntitle: Door propped open\nstatus: open\n/,
    );
    expect(text).toContain('raised_by: alice'); // the git identity's email matches alice in cim.yaml
  });

  it('allocates max + 1 over the working tree and every branch', async () => {
    const repo = await gitRepo({ ...config, ...r.files(r.nc()) });
    await git(repo, 'switch', '-q', '-c', 'other');
    await writeFile(
      join(repo, 'nonconformities/NC-0007.yaml'),
      (await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')).replaceAll('NC-0001', 'NC-0007'),
    );
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-qm', 'elsewhere');
    await git(repo, 'switch', '-q', 'main');
    expect((await step({ kind: 'nc', verb: 'open', ...openNc }, ctx(repo))).id).toBe('NC-0008');
  });

  it('keeps comments a person wrote in the record', async () => {
    const repo = await gitRepo({
      ...config,
      'nonconformities/NC-0001.yaml': `# Raised during the walk-round with the landlord.\n${(await import('yaml')).stringify(r.nc()[1])}# Ask facilities about a door alarm.\n`,
    });
    await step(
      {
        kind: 'nc',
        verb: 'correct',
        id: 'NC-0001',
        values: { action: 'Door closed and sign added.', consequences: 'None found.' },
      },
      ctx(repo),
    );
    const text = await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8');
    expect(text).toContain('# Raised during the walk-round with the landlord.');
    expect(text).toContain('# Ask facilities about a door alarm.');
    expect(text).toContain('status: corrected');
  });

  it('refuses an illegal step and writes nothing', async () => {
    const repo = await gitRepo({ ...config, ...r.files(r.nc()) });
    const head = await git(repo, 'rev-parse', 'HEAD');
    await expect(step({ kind: 'nc', verb: 'close', id: 'NC-0001', values: {} }, ctx(repo))).rejects.toThrow(
      /NC-0001 is open/,
    );
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('names the missing flags when it may not prompt', async () => {
    const repo = await gitRepo({ ...config });
    const error = await step({ kind: 'nc', verb: 'open', values: { title: 'x' } }, ctx(repo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      'missing --grade, --source-type, --requirement, --area, --owner, --description',
    );
  });

  it('asks for missing values through the injected prompt', async () => {
    const repo = await gitRepo({ ...config });
    const asked: string[] = [];
    const answers: Record<string, unknown> = {
      grade: 'major',
      'source-type': 'self-identified',
      requirement: ['A.7.2'],
      area: 'it',
      owner: 'bob',
      description: 'Door open.',
    };
    const result = await step(
      {
        kind: 'nc',
        verb: 'open',
        values: { title: 'x' },
        ask: (input) => (asked.push(input.flag), Promise.resolve(answers[input.flag])),
      },
      ctx(repo),
    );
    expect(asked).toEqual(Object.keys(answers));
    expect(result.data).toMatchObject({ grade: 'major', requirement: ['A.7.2'] });
  });

  it('asks for the raised records first and for a reason only when none were raised', async () => {
    const assessed = { status: 'assessed', assessment: 'Adds a breach notice duty.', assessed_on: '2026-06-01' };
    const repo = await gitRepo({ ...config, ...r.files(r.lrc(assessed), r.lrc(assessed, 'LRC-0002'), r.ofi()) });
    const asked: string[] = [];
    const answering = (answers: Record<string, unknown>) => (input: { flag: string; required: boolean }) => (
      asked.push(`${input.flag}${input.required ? '' : '?'}`),
      Promise.resolve(answers[input.flag])
    );
    const none = await step(
      {
        kind: 'lrc',
        verb: 'close',
        id: 'LRC-0001',
        values: {},
        ask: answering({ raised: [], none: 'Our existing supplier contract already covers the new clause.' }),
      },
      ctx(repo),
    );
    expect(asked).toEqual(['raised?', 'none']);
    expect(none.data).toMatchObject({
      status: 'closed',
      outcome: { none: 'Our existing supplier contract already covers the new clause.' },
    });
    expect(none.data.outcome).not.toHaveProperty('raised');

    asked.length = 0;
    await expect(step({ kind: 'lrc', verb: 'close', id: 'LRC-0002', values: {} }, ctx(repo))).rejects.toThrow(
      'missing --raised or --none',
    );
    const raised = await step(
      { kind: 'lrc', verb: 'close', id: 'LRC-0002', values: {}, ask: answering({ raised: ['OFI-0001'] }) },
      ctx(repo),
    );
    expect(asked).toEqual(['raised?']);
    expect(raised.data).toMatchObject({ status: 'closed', outcome: { raised: ['OFI-0001'] } });
  });

  it('holds a management review with minutes started from its agenda when asked, shown in each prompt', async () => {
    const previous = r.heldMrt({
      actions: [{ ref: 'A1', text: 'Fix the thing.', owner: 'alice', due: '2026-05-01', status: 'open' }],
    });
    const next = r.mrt({ title: 'Management review H2', scheduled_on: '2026-06-20' }, 'MRT-0002');
    const raised = r.nc({ raised_on: '2026-04-01', created: '2026-04-01' });
    const repo = await gitRepo({ ...config, ...r.files(previous, next, raised) });
    const hold = {
      kind: 'mrt',
      verb: 'hold',
      id: 'MRT-0002',
      values: { attendees: 'alice,carol', 'held-on': '2026-06-20' },
    };
    // Without a terminal and without --from-agenda, nothing is recorded that nobody gave.
    await expect(step(hold, ctx(repo))).rejects.toThrow(/missing --a-notes, --b-notes/);
    const held = await step({ ...hold, fromStart: true }, ctx(repo));
    expect(held.fromStart).toContain('a-notes');
    expect(held.fromStart).toContain('a-items');
    const inputs = held.data.inputs as Record<string, { notes: string; items?: string[] }>;
    expect(Object.keys(inputs)).toEqual(['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g']);
    expect(inputs.a).toEqual({
      notes: '1 action from earlier reviews is open, 1 of them overdue; 0 completed since MRT-0001 (1 March 2026).',
      items: ['MRT-0001'],
    });
    expect(inputs.d1!.items).toEqual(['NC-0001']);
    expect(inputs.d1!.notes).toMatch(/^1 nonconformity raised and 0 closed since MRT-0001/);

    // On a terminal the agenda's summary is shown beside each question, not offered as its
    // answer: the notes are what the meeting said, typed by someone.
    await git(repo, 'reset', '--hard', 'HEAD~1');
    const offered: Record<string, unknown> = {};
    const shown: Record<string, string> = {};
    const typed = await step(
      {
        kind: 'mrt',
        verb: 'hold',
        id: 'MRT-0002',
        values: { attendees: 'alice,carol', 'held-on': '2026-06-20' },
        ask: (input, _register, initial) => {
          offered[input.flag] = initial;
          shown[input.flag] = input.description;
          return Promise.resolve(`Discussed under ${input.flag.replace('-notes', '')}, with the figures.`);
        },
      },
      ctx(repo),
    );
    expect(Object.keys(offered)).toEqual([
      'a-notes',
      'b-notes',
      'c-notes',
      'd1-notes',
      'd2-notes',
      'd3-notes',
      'd4-notes',
      'e-notes',
      'f-notes',
      'g-notes',
    ]);
    expect(Object.values(offered).every((v) => v === undefined)).toBe(true);
    expect(shown['a-notes']).toContain(`(the agenda: ${inputs.a!.notes})`);
    expect((typed.data.inputs as typeof inputs).g!.notes).toBe('Discussed under g, with the figures.');
    // The agenda's records are not listed under an input unless someone gave them.
    expect((typed.data.inputs as typeof inputs).a!.items).toBeUndefined();
    expect(typed.fromStart).toBeUndefined();
  });

  it('holds a review with the notes given and no items but those given', async () => {
    const next = r.mrt({ title: 'Management review H2', scheduled_on: '2026-06-20' }, 'MRT-0002');
    const repo = await gitRepo({ ...config, ...r.files(r.heldMrt(), next, r.nc({ raised_on: '2026-04-01' })) });
    const notes = Object.fromEntries(
      ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'].map((k) => [`${k}-notes`, `Notes ${k}.`]),
    );
    const held = await step(
      {
        kind: 'mrt',
        verb: 'hold',
        id: 'MRT-0002',
        values: { attendees: 'alice,carol', 'held-on': '2026-06-20', ...notes, 'd1-items': 'NC-0001' },
      },
      ctx(repo),
    );
    const inputs = held.data.inputs as Record<string, { notes: string; items?: string[] }>;
    expect(inputs.d1).toEqual({ notes: 'Notes d1.', items: ['NC-0001'] });
    expect(inputs.a).toEqual({ notes: 'Notes a.' });
  });

  it('restores the file and the index when the commit fails', async () => {
    const repo = await gitRepo({ ...config, ...r.files(r.nc()) });
    const before = await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8');
    await writeFile(join(repo, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 1\n');
    await chmod(join(repo, '.git/hooks/pre-commit'), 0o755);
    await expect(
      step({ kind: 'nc', verb: 'correct', id: 'NC-0001', values: { action: 'a', consequences: 'c' } }, ctx(repo)),
    ).rejects.toThrow(/git commit failed/);
    expect(await readFile(join(repo, 'nonconformities/NC-0001.yaml'), 'utf8')).toBe(before);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
    await expect(step({ kind: 'nc', verb: 'open', ...openNc }, ctx(repo))).rejects.toThrow(/git commit failed/);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });

  it('writes nothing on a dry run, and does not commit with commit: false', async () => {
    const repo = await gitRepo({ ...config });
    const dry = await step({ kind: 'nc', verb: 'open', ...openNc, dryRun: true }, ctx(repo));
    expect(dry.text).toContain('id: NC-0001');
    expect(await git(repo, 'status', '--porcelain')).toBe('');
    await step({ kind: 'nc', verb: 'open', ...openNc, commit: false }, ctx(repo));
    expect(await git(repo, 'status', '--porcelain')).toBe('?? nonconformities/\n');
  });

  it('refuses to commit on a detached HEAD, before writing anything', async () => {
    const repo = await gitRepo({ ...config });
    await git(repo, 'checkout', '-q', '--detach');
    await expect(step({ kind: 'nc', verb: 'open', ...openNc }, ctx(repo))).rejects.toThrow(/detached/);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
  });
});
