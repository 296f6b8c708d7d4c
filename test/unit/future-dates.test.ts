// Event dates — when something happened — are never after today: a step refuses them unless
// allowed, and validation reports them in a record edited by hand. Deadlines and plans may be
// ahead.
import { describe, expect, it } from 'vitest';
import { findStep, perform, type Outcome } from '../../src/domain/engine.js';
import { inputsFor } from '../../src/domain/inputs.js';
import type { Kind } from '../../src/domain/kind.js';
import { ca, KINDS, nc } from '../../src/domain/kinds/index.js';
import type { Register } from '../../src/domain/register.js';
import { check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const TODAY = '2026-06-30';
const actioned = {
  status: 'actioned',
  correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
  analysis: { method: '5-whys', root_cause: 'No owner for the task.', similar: { exist: false, could_occur: false } },
  action_required: true,
};

async function registerOf(files: Record<string, unknown>): Promise<Register> {
  const result = await check(files, { asOf: TODAY });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.register!;
}

function run(
  register: Register,
  kind: Kind,
  verb: string,
  id: string,
  values: Record<string, unknown>,
  allowFuture = false,
): Outcome {
  const current = register.byId.get(id);
  const step = findStep(kind, verb, current?.data);
  if (!step.ok) throw new Error(step.problem.message);
  return perform({
    register,
    kind,
    transition: step.transition,
    inputs: step.inputs,
    id,
    file: current?.file ?? `${kind.folder}/${id}.yaml`,
    values,
    today: TODAY,
    actor: 'alice',
    ...(current ? { current } : {}),
    ...(allowFuture ? { allowFuture } : {}),
  });
}

/** Each date flag of a kind's steps, as `verb --flag`, by whether it records an event. */
function dateFlags(name: string, event: boolean): string[] {
  const kind = KINDS.find((k) => k.name === name)!;
  const flags = kind.transitions.flatMap((t) =>
    inputsFor(kind, t)
      .filter((i) => i.type === 'date' && (i.event ?? false) === event)
      .map((i) => `${t.verb} --${i.flag}`),
  );
  return [...new Set(flags)];
}

describe('which dates record events', () => {
  it.each([
    [
      'nc',
      ['open --raised-on', 'correct --date', 'analyse --date', 'reopen --on', 'close --closed-on', 'withdraw --on'],
    ],
    ['ca', ['start --started-on', 'implement --implemented-on', 'review --reviewed-on', 'cancel --on']],
    ['audit', ['start --conducted-from', 'report --conducted-to', 'report --date', 'cancel --on']],
    ['mrt', ['hold --held-on', 'approve --approved-on', 'cancel --on']],
    ['objective', ['review --date', 'achieve --on', 'miss --on', 'retire --on']],
    [
      'exception',
      [
        'request --requested-on',
        'approve --approved-on',
        'renew --approved-on',
        'reject --on',
        'revoke --on',
        'expire --expired-on',
      ],
    ],
  ])('%s: the dates of what happened', (kind, flags) => {
    expect(dateFlags(kind, true)).toEqual(flags);
  });

  it.each([
    [
      'nc',
      [
        'open --respond-by',
        'open --close-by',
        'open --certification-plan-due',
        'open --certification-plan-accepted-on',
        'open --certification-verify-by',
        'open --certification-verified-on',
      ],
    ],
    ['ca', ['plan --due']],
    ['ofi', ['accept --due']],
    ['change', ['propose --planned-on']],
    ['mrt', ['schedule --scheduled-on']],
    ['objective', ['set --due']],
    ['lrc', ['identify --effective-on']],
    ['exception', ['approve --expires-on', 'renew --expires-on']],
  ])('%s: deadlines and plans, which may be ahead', (kind, flags) => {
    expect(dateFlags(kind, false)).toEqual(flags);
  });
});

describe('a step with an event date after today', () => {
  const correction = { action: 'Door closed.', consequences: 'None.' };

  it('is refused, naming the flag, today and --allow-future', async () => {
    const out = run(await registerOf(r.files(r.nc())), nc, 'correct', 'NC-0001', { ...correction, date: '2026-07-05' });
    expect(out).toEqual({
      ok: false,
      problems: [
        {
          message: 'correction.date 2026-07-05 is after today (2026-06-30)',
          hint: 'record what has happened: give --date 2026-06-30 or earlier; if the date is right, add --allow-future "<reason>"',
        },
      ],
    });
  });

  it('is taken when allowed, and says which dates were ahead', async () => {
    const out = run(
      await registerOf(r.files(r.nc())),
      nc,
      'correct',
      'NC-0001',
      { ...correction, date: '2026-07-05' },
      true,
    );
    expect(out).toMatchObject({
      ok: true,
      data: { correction: { date: '2026-07-05' } },
      future: [{ field: 'correction.date', date: '2026-07-05' }],
    });
  });

  it('is today or earlier, and then says nothing of the future', async () => {
    const register = await registerOf(r.files(r.nc()));
    for (const date of ['2026-06-30', '2026-06-01']) {
      const out = run(register, nc, 'correct', 'NC-0001', { ...correction, date });
      expect(out.ok && out.future).toBeUndefined();
      expect(out.ok).toBe(true);
    }
  });

  it('may have a deadline after today', async () => {
    const out = run(await registerOf({}), ca, 'plan', 'CA-0001', {
      title: 'Reminders',
      nc: 'NC-0001',
      action: 'Set reminders.',
      addresses: 'Nothing reminded anyone of the review',
      owner: 'alice',
      due: '2027-01-31',
    });
    expect(out).toMatchObject({ ok: false }); // NC-0001 does not exist here…
    const withNc = await registerOf(r.files(r.nc()));
    expect(
      run(withNc, ca, 'plan', 'CA-0001', {
        title: 'Reminders',
        nc: 'NC-0001',
        action: 'Set reminders.',
        addresses: 'Nothing reminded anyone of the review',
        owner: 'alice',
        due: '2027-01-31',
      }),
    ).toMatchObject({ ok: true, data: { due: '2027-01-31' } });
  });

  it('cannot meet the wait before an effectiveness review by dating the review ahead', async () => {
    // Implemented today; cim.yaml's default asks for 30 days before the review.
    const implemented = r.ca({
      status: 'implemented',
      started_on: '2026-06-01',
      implemented_on: TODAY,
      evidence: 'Ticket IT-42.',
    });
    const register = await registerOf(r.files(r.nc(actioned), implemented));
    const review = { 'reviewed-by': 'bob', result: 'effective', evidence: 'Q3 review done.' };
    expect(run(register, ca, 'review', 'CA-0001', { ...review })).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining('less than 30 days after implementation') as string }],
    });
    expect(run(register, ca, 'review', 'CA-0001', { ...review, 'reviewed-on': '2026-07-30' })).toMatchObject({
      ok: false,
      problems: [{ message: 'effectiveness.reviewed_on 2026-07-30 is after today (2026-06-30)' }],
    });
  });
});

describe('validation of a record edited by hand', () => {
  it('reports an event date after the date of the check as date/future', async () => {
    const result = await check(
      r.files(
        r.ca({
          status: 'verified',
          started_on: '2026-05-01',
          implemented_on: '2026-05-20',
          evidence: 'Ticket IT-42.',
          effectiveness: {
            reviewed_on: '2026-07-30',
            reviewed_by: 'bob',
            result: 'effective',
            evidence: 'Q3 review done.',
          },
        }),
        r.nc(actioned),
      ),
      { asOf: TODAY },
    );
    const found = result.diagnostics.filter((d) => d.rule === 'date/future');
    expect(found).toMatchObject([
      {
        severity: 'error',
        file: 'actions/CA-0001.yaml',
        message:
          'effectiveness.reviewed_on 2026-07-30 is after 2026-06-30: it records an event that has not happened yet',
      },
    ]);
    expect(found[0]!.line).toBeGreaterThan(1);
  });

  it('finds event dates in the items of lists', async () => {
    const result = await check(
      r.files(r.objective({ reviews: [{ date: '2026-09-01', result: '90%', on_track: true }] })),
      { asOf: TODAY },
    );
    expect(result.diagnostics.filter((d) => d.rule === 'date/future').map((d) => d.message)).toEqual([
      'reviews[0].date 2026-09-01 is after 2026-06-30: it records an event that has not happened yet',
    ]);
  });

  it('allows a day ahead, for the time zones between whoever wrote the date and the check', async () => {
    const dated = (raised_on: string) => check(r.files(r.nc({ raised_on, created: raised_on })), { asOf: TODAY });
    expect(rules(await dated('2026-07-01'))).not.toContain('date/future');
    expect(rules(await dated('2026-07-02'))).toContain('date/future');
  });

  it('leaves deadlines and plans ahead alone', async () => {
    const result = await check(
      r.files(
        r.nc({ respond_by: '2026-08-01', close_by: '2026-12-31' }),
        r.ca({ due: '2027-03-31' }),
        r.mrt({ scheduled_on: '2026-10-01' }),
        r.lrc({ effective_on: '2027-01-01' }),
        r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-06-01', expires_on: '2026-12-01' }),
      ),
      { asOf: TODAY },
    );
    expect(rules(result)).not.toContain('date/future');
  });
});
