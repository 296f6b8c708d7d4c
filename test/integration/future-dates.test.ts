// A step that records an event after today: refused, or taken with --allow-future and its reason
// recorded in the commit.
import { describe, expect, it } from 'vitest';
import { log } from '../../src/commands/history.js';
import { step, type StepOptions } from '../../src/commands/step.js';
import type { Context } from '../../src/context.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
const files = { 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(r.nc()) };
const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
const correct = (values: Record<string, string>, more: Partial<StepOptions> = {}): StepOptions => ({
  kind: 'nc',
  verb: 'correct',
  id: 'NC-0001',
  values: { action: 'Door closed.', consequences: 'None.', ...values },
  ...more,
});

async function refusal(repo: string, opts: StepOptions): Promise<UserError> {
  const head = await git(repo, 'rev-parse', 'HEAD');
  const error = await step(opts, ctx(repo)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
  expect(await git(repo, 'status', '--porcelain')).toBe('');
  return error as UserError;
}

describe('an event date after today', () => {
  it('is refused, and nothing is written', async () => {
    const repo = await gitRepo(files);
    const error = await refusal(repo, correct({ date: '2026-07-01' }));
    expect(error.exitCode).toBe(ExitCode.Invalid);
    expect(error.message).toBe('cannot correct NC-0001: correction.date 2026-07-01 is after today (2026-06-30)');
    expect(error.hint).toContain('--allow-future');
  });

  it('is recorded with --allow-future, its reason a trailer of the commit', async () => {
    const repo = await gitRepo(files);
    const result = await step(
      correct({ date: '2026-07-01' }, { allowFuture: 'Recorded in Auckland, where it is already 1 July' }),
      ctx(repo),
    );
    expect(result.future).toEqual([{ field: 'correction.date', date: '2026-07-01' }]);
    expect(await git(repo, 'log', '-1', '--format=%(trailers:key=Cim-Allow-Future,valueonly)')).toBe(
      'Recorded in Auckland, where it is already 1 July\n\n',
    );
  });

  it('and cim log shows the reason with the step', async () => {
    const repo = await gitRepo(files);
    await step(correct({ date: '2026-07-01' }, { allowFuture: 'Recorded in Auckland' }), ctx(repo));
    const { entries } = await log({ id: 'NC-0001' }, ctx(repo));
    expect(entries.at(-1)).toMatchObject({ action: 'correct', allowedFuture: 'Recorded in Auckland' });
    expect(entries[0]!.allowedFuture).toBeUndefined();
  });

  it('leaves no trailer when --allow-future was given but no date is ahead', async () => {
    const repo = await gitRepo(files);
    await step(correct({}, { allowFuture: 'Just in case' }), ctx(repo));
    expect(await git(repo, 'log', '-1', '--format=%B')).not.toContain('Allow-Future');
  });

  it.each([
    ['an empty reason', '  '],
    ['a reason of two lines', 'One\nCim-To: closed'],
  ])('refuses %s, before reading anything', async (_what, reason) => {
    const repo = await gitRepo(files);
    const error = await refusal(repo, correct({ date: '2026-07-01' }, { allowFuture: reason }));
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toBe('--allow-future needs a reason on one line');
  });
});

describe('an effectiveness review dated ahead with --allow-future', () => {
  const analysed = {
    status: 'actioned',
    correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
    analysis: { method: '5-whys', root_cause: 'No owner.', similar: { exist: false, could_occur: false } },
    action_required: true,
  };
  const implemented = {
    status: 'implemented',
    owner: 'bob',
    started_on: '2026-02-01',
    implemented_on: '2026-05-01',
    evidence: 'Reminders in the ticket system.',
  };
  const repoFiles = { 'cim.yaml': { ...BASE_CONFIG, people }, ...r.files(r.nc(analysed), r.ca(implemented)) };
  const review = (reviewedOn: string): StepOptions => ({
    kind: 'ca',
    verb: 'review',
    id: 'CA-0001',
    values: { 'reviewed-on': reviewedOn, 'reviewed-by': 'alice', result: 'effective', evidence: 'Two cycles run.' },
    allowFuture: 'Entered before the planned review',
  });
  const verify: StepOptions = { kind: 'nc', verb: 'verify', id: 'NC-0001', values: {} };

  it('verifies no NC before the day of the review', async () => {
    const repo = await gitRepo(repoFiles);
    await step(review('2026-07-30'), ctx(repo));
    const error = await refusal(repo, verify);
    expect(error.message).toMatch(/CA-0001's review dated 2026-07-30, which has not happened yet/);
  });

  it('verifies it once that day has come', async () => {
    const repo = await gitRepo(repoFiles);
    await step(review('2026-06-30'), ctx(repo));
    await expect(step(verify, ctx(repo))).resolves.toMatchObject({ to: 'verified' });
  });
});
