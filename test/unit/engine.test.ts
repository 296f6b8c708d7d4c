import { describe, expect, it } from 'vitest';
import { findStep, missingInputs, perform, wrongKind, type Outcome } from '../../src/domain/engine.js';
import type { Kind } from '../../src/domain/kind.js';
import { audit, ca, exception, KINDS, nc } from '../../src/domain/kinds/index.js';
import type { Register } from '../../src/domain/register.js';
import { check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

async function registerOf(files: Record<string, unknown>): Promise<Register> {
  const result = await check(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.register!;
}

function run(register: Register, kind: Kind, verb: string, id: string, values: Record<string, unknown>): Outcome {
  const current = register.byId.get(id);
  const step = findStep(kind, verb, current?.data);
  if (!step.ok) return { ok: false, problems: [step.problem] };
  return perform({
    register,
    kind,
    transition: step.transition,
    inputs: step.inputs,
    id,
    file: `${kind.folder}/${id}.yaml`,
    values,
    today: '2026-06-30',
    actor: 'alice',
    ...(current ? { current } : {}),
  });
}

const analysed = {
  status: 'analysed',
  correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
  analysis: { method: '5-whys', root_cause: 'No owner for the task.', similar: { exist: false, could_occur: false } },
  action_required: true,
};

describe('the transition engine', () => {
  it('opens an NC with today, the actor and the deadlines of its grade filled in', async () => {
    const reg = await registerOf({});
    const out = run(reg, nc, 'open', 'NC-0001', {
      title: 'Door left open',
      grade: 'major',
      'source-type': 'self-identified',
      requirement: ['A.7.2'],
      area: 'it',
      owner: 'alice',
      description: 'The server room door was propped open.',
    });
    expect(out).toMatchObject({
      ok: true,
      to: 'open',
      data: {
        id: 'NC-0001',
        status: 'open',
        created: '2026-06-30',
        raised_by: 'alice',
        raised_on: '2026-06-30',
        respond_by: '2026-07-14',
        close_by: '2026-09-28',
      },
    });
  });

  it('lists the required inputs that have no fallback', () => {
    const step = findStep(nc, 'open');
    expect(step.ok && missingInputs(step.inputs, { title: 'x' }, 'alice').map((i) => i.flag)).toEqual([
      'grade',
      'source-type',
      'requirement',
      'area',
      'owner',
      'description',
    ]);
  });

  it('refuses a verb from the wrong state and names the verbs that apply', async () => {
    const out = run(await registerOf(r.files(r.nc())), nc, 'verify', 'NC-0001', {});
    expect(out.ok).toBe(false);
    const problem = !out.ok ? out.problems[0] : undefined;
    expect(problem?.message).toBe('NC-0001 is open; "verify" applies to a record that is actioned');
    expect(problem?.hint).toContain('cim nc correct NC-0001');
  });

  it('refuses an effectiveness review by the action owner', async () => {
    const reg = await registerOf(
      r.files(
        r.nc(analysed),
        r.ca({
          status: 'implemented',
          started_on: '2026-01-12',
          implemented_on: '2026-01-20',
          evidence: 'Ticket IT-1 closed',
        }),
      ),
    );
    const out = run(reg, ca, 'review', 'CA-0001', {
      'reviewed-by': 'alice',
      result: 'effective',
      evidence: 'The Q1 review ran on time.',
    });
    expect(!out.ok && out.problems.map((p) => p.message)).toEqual([
      'the effectiveness of CA-0001 is reviewed by its own owner alice',
    ]);
    const ok = run(reg, ca, 'review', 'CA-0001', {
      'reviewed-by': 'bob',
      result: 'effective',
      evidence: 'The Q1 review ran on time.',
    });
    expect(ok).toMatchObject({ ok: true, from: 'implemented', to: 'verified' });
  });

  it('refuses to close an NC whose corrective action was not verified', async () => {
    const reg = await registerOf(
      r.files(
        r.nc({ ...analysed, status: 'verified' }),
        r.ca({
          status: 'verified',
          started_on: '2026-01-12',
          implemented_on: '2026-01-20',
          evidence: 'Ticket IT-1 closed',
          effectiveness: {
            reviewed_on: '2026-03-01',
            reviewed_by: 'bob',
            result: 'effective',
            evidence: 'The Q1 review ran on time',
          },
        }),
        r.heldMrt({ items: ['NC-0001'] }),
      ),
    );
    expect(run(reg, nc, 'close', 'NC-0001', { 'reviewed-in': 'MRT-0001' })).toMatchObject({ ok: true, to: 'closed' });
    const pending = await registerOf(r.files(r.nc({ ...analysed, status: 'actioned' }), r.ca(), r.heldMrt()));
    expect(run(pending, nc, 'verify', 'NC-0001', {})).toMatchObject({
      ok: false,
      problems: [{ message: 'NC-0001 is verified but CA-0001 is not yet reviewed for effectiveness' }],
    });
  });

  it('appends an item for a list the step names', async () => {
    const reg = await registerOf(r.files(r.nc({ ...analysed, status: 'actioned' }), r.ca()));
    const out = run(reg, nc, 'reopen', 'NC-0001', { reason: 'It happened again.' });
    expect(out).toMatchObject({
      ok: true,
      data: { status: 'analysed', reopened: [{ on: '2026-06-30', reason: 'It happened again.' }] },
    });
  });

  it('starts an audit report with an empty list of findings', async () => {
    const reg = await registerOf(r.files(r.audit({ status: 'in-progress', conducted: { from: '2026-06-20' } })));
    const out = run(reg, audit, 'report', 'AUD-0001', { conclusion: 'Effective.' });
    expect(out).toMatchObject({
      ok: true,
      data: {
        report: { date: '2026-06-30', conclusion: 'Effective.', findings: [] },
        conducted: { from: '2026-06-20', to: '2026-06-30' },
      },
    });
  });

  it('refuses an internal audit planned with an auditor from an audited area', async () => {
    const reg = await registerOf({});
    const out = run(reg, audit, 'plan', 'AUD-0001', {
      title: 'HR audit',
      type: 'internal',
      scope: 'HR',
      criteria: ['7.2'],
      areas: ['hr'],
      planned: '2026-09',
      'lead-auditor': 'bob',
      owner: 'alice',
    });
    expect(!out.ok && out.problems[0]!.message).toBe(
      'lead auditor bob works in hr, an area this internal audit covers',
    );
    // The audit does not exist yet: the fix is another flag, not `cim edit` of a record not made.
    expect(!out.ok && out.problems[0]!.hint).toContain('`--lead-auditor PERSON`');
    expect(!out.ok && out.problems[0]!.hint).not.toContain('cim edit');
  });

  it('names `cim edit` in the hint for a record that exists', async () => {
    const moved = await check(
      r.files(r.audit({ type: 'internal', criteria: ['7.2'], areas: ['hr'], lead_auditor: 'bob' })),
    );
    const hint = moved.diagnostics.find((d) => d.rule === 'independence/auditor')?.hint;
    expect(hint).toContain('cim edit AUD-0001 --set lead_auditor=PERSON');
  });
});

describe('a verb given the id of a record of another kind', () => {
  it('says what the record is and offers the verbs of its own kind legal from its state', () => {
    const problem = wrongKind(nc, 'correct', ca, { id: 'CA-0001', status: 'planned' });
    expect(problem.message).toBe('CA-0001 is a corrective action, not a nonconformity');
    expect(problem.hint).toBe('from planned: cim ca start CA-0001, cim ca cancel CA-0001');
    expect(problem.hint).not.toContain('cim ca correct');
  });

  it('offers the same verb when the other kind has it and it is legal', () => {
    const problem = wrongKind(nc, 'close', audit, { id: 'AUD-0001', status: 'reported' });
    expect(problem.hint).toBe('from reported: cim audit close AUD-0001');
  });

  it('says when the record is final', () => {
    const problem = wrongKind(nc, 'correct', ca, { id: 'CA-0001', status: 'cancelled' });
    expect(problem.hint).toBe('CA-0001 is cancelled, which is final: nothing follows it; `cim show CA-0001` shows it');
  });

  it.each(KINDS.flatMap((k) => k.states.map((s) => [k.name, s] as const)))(
    'never names a verb %s has not got (from %s)',
    (name, status) => {
      const kind = KINDS.find((k) => k.name === name)!;
      const verbs = new Set(kind.transitions.map((t) => t.verb));
      const { hint } = wrongKind(kind === nc ? ca : nc, 'correct', kind, { id: `${kind.prefix}-0001`, status });
      for (const [, verb] of hint.matchAll(new RegExp(`cim ${kind.name} ([a-z-]+)`, 'g')))
        expect(verbs).toContain(verb);
    },
  );
});

describe('the end of an exception', () => {
  const approved = (expires_on: string) =>
    r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-01-15', expires_on });

  it('refuses to record an expiry before expires_on, and names revoke instead', async () => {
    const reg = await registerOf(r.files(approved('2026-09-30')));
    const out = run(reg, exception, 'expire', 'EXC-0001', {});
    expect(out.ok).toBe(false);
    const [problem] = !out.ok ? out.problems : [];
    expect(problem?.message).toBe(
      'expired_on: 2026-06-30 is before expires_on 2026-09-30; an exception ended early is revoked, not expired',
    );
    expect(problem?.hint).toContain('cim exception revoke EXC-0001');
  });

  it('records an expiry on or after expires_on', async () => {
    for (const expires of ['2026-06-30', '2026-06-01']) {
      const out = run(await registerOf(r.files(approved(expires))), exception, 'expire', 'EXC-0001', {});
      expect(out).toMatchObject({ ok: true, to: 'expired', data: { expired_on: '2026-06-30' } });
    }
  });

  it('revokes an exception before it expires', async () => {
    const out = run(await registerOf(r.files(approved('2026-09-30'))), exception, 'revoke', 'EXC-0001', {
      reason: 'The VPN was replaced.',
    });
    expect(out).toMatchObject({ ok: true, to: 'revoked' });
  });

  it('is a schema error in a record edited by hand', async () => {
    const result = await check(
      r.files(
        r.exception({
          status: 'expired',
          approved_by: 'carol',
          approved_on: '2026-01-15',
          expires_on: '2026-09-30',
          expired_on: '2026-03-01',
        }),
      ),
    );
    expect(result.diagnostics.map((d) => d.rule)).toContain('exception/expired-early');
  });
});
