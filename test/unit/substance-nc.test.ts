// The rules of substance on nonconformities, corrective actions and audit findings: each fires on
// a register with the defect, and the same register corrected passes with no error at all.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { step } from '../../src/commands/step.js';
import type { Context } from '../../src/context.js';
import { judgeChange } from '../../src/domain/history.js';
import { nc as ncKind } from '../../src/domain/kinds/index.js';
import { gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

type Files = Record<string, unknown>;
interface Case {
  readonly rule: string;
  /** What the case is about, for the test's name. */
  readonly what: string;
  readonly fires: Files;
  readonly passes: Files;
  readonly asOf?: string;
  /** Text the message of the rule that fires holds. */
  readonly says?: string;
}

const f = r.files;

const correction = {
  action: 'Ran the missed review.',
  consequences: 'Two stale accounts removed.',
  date: '2026-01-12',
};
const analysis = (root_cause: string) => ({
  method: '5-whys',
  root_cause,
  similar: { exist: false, could_occur: true },
});
const CAUSE = 'No owner for the quarterly review task.';
const analysed = { status: 'analysed', correction, analysis: analysis(CAUSE), action_required: true };
const noAction = {
  ...analysed,
  action_required: false,
  action_justification: 'The review was given to the IT lead when the correction was made.',
};
const closed = { status: 'closed', reviewed_in: 'MRT-0001', closed_by: 'carol', closed_on: '2026-03-05' };
const waiver = { approved_by: 'carol', accepted_in: 'MRT-0001' };
const verifiedCa = (over: Record<string, unknown> = {}, id = 'CA-0001') =>
  r.ca(
    {
      status: 'verified',
      owner: 'bob',
      started_on: '2026-01-12',
      implemented_on: '2026-01-20',
      evidence: 'Ticket OPS-12 closed',
      effectiveness: {
        reviewed_on: '2026-03-01',
        reviewed_by: 'carol',
        result: 'effective',
        evidence: 'Q1 review done on time',
      },
      ...over,
    },
    id,
  );
const extension = (over: Record<string, unknown> = {}) => ({
  from: '2026-07-09',
  to: '2026-12-31',
  on: '2026-06-01',
  reason: 'The effectiveness review needs a full quarter of data.',
  approved_by: 'carol',
  ...over,
});
const certification = { body_ref: 'NB-26-031', plan_due: '2026-04-01' };
const externalAudit = (findings: unknown[]) =>
  r.audit({
    type: 'surveillance',
    body: 'Northbridge Certification',
    status: 'reported',
    areas: undefined,
    lead_auditor: 'carol',
    conducted: { from: '2026-03-01', to: '2026-03-02' },
    report: { date: '2026-03-02', conclusion: 'Maintained.', findings },
  });
const reportedAudit = (findings: unknown[]) =>
  r.audit({
    status: 'reported',
    conducted: { from: '2026-03-01', to: '2026-03-02' },
    report: { date: '2026-03-02', conclusion: 'Largely effective.', findings },
  });
const finding = (over: Record<string, unknown>) => ({
  ref: 'F1',
  type: 'minor',
  statement: 'Review not done.',
  ...over,
});
const fromFinding = { source: { type: 'internal-audit', ref: 'AUD-0001#F1' }, raised_on: '2026-03-02' };

const cases: Case[] = [
  {
    rule: 'nc/root-cause',
    what: 'a root cause restating the description, near enough',
    fires: f(r.nc({ ...analysed, analysis: analysis('Quarterly access reviews were skipped, in Q4!') })),
    passes: f(r.nc(analysed)),
    says: 'restates its description: a symptom, not a cause',
  },
  {
    rule: 'nc/root-cause',
    what: 'a root cause restating the title',
    fires: f(r.nc({ ...analysed, analysis: analysis('Access reviews were not performed') })),
    passes: f(r.nc(analysed)),
    says: 'restates its title',
  },
  {
    rule: 'nc/root-cause',
    what: 'a root cause that is "human error" without a why',
    fires: f(r.nc({ ...analysed, analysis: analysis('Human error by the admin') })),
    passes: f(r.nc({ ...analysed, analysis: analysis('Human error: the review task had no owner and no reminder') })),
    says: 'names no cause',
  },
  {
    rule: 'nc/justification',
    what: 'a placeholder justification for no action',
    fires: f(r.nc({ ...noAction, action_justification: 'n/a' })),
    passes: f(r.nc(noAction)),
    says: 'is no justification',
  },
  {
    rule: 'nc/no-action',
    what: 'no corrective action on a major NC',
    fires: f(r.nc({ ...noAction, grade: 'major' })),
    passes: f(r.nc({ ...analysed, grade: 'major' })),
    says: 'major nonconformity: corrective action cannot be waived',
  },
  {
    rule: 'nc/no-action',
    what: "no corrective action on a certification body's NC",
    fires: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({ ...noAction, certification, source: { type: 'external-audit', ref: 'AUD-0001#F1' } }),
    ),
    passes: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({ ...analysed, certification, source: { type: 'external-audit', ref: 'AUD-0001#F1' } }),
    ),
    says: 'raised by a certification body',
  },
  {
    rule: 'nc/action-waiver',
    what: 'an NC closed without action and without an approval',
    fires: f(r.nc({ ...noAction, ...closed }), r.heldMrt({ items: ['NC-0001'] })),
    passes: f(r.nc({ ...noAction, ...closed, action_waiver: waiver }), r.heldMrt({ items: ['NC-0001'] })),
    says: 'closed without corrective action',
  },
  {
    rule: 'nc/action-waiver',
    what: 'a waiver approved by the NC owner',
    fires: f(
      r.nc({ ...noAction, ...closed, action_waiver: { ...waiver, approved_by: 'alice' } }),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
    passes: f(r.nc({ ...noAction, ...closed, action_waiver: waiver }), r.heldMrt({ items: ['NC-0001'] })),
    says: 'on their own nonconformity',
  },
  {
    rule: 'nc/action-waiver',
    what: 'a waiver accepted in a review that was not held',
    fires: f(
      r.nc({ ...noAction, action_waiver: { ...waiver, accepted_in: 'MRT-0002' } }),
      r.heldMrt({ items: ['NC-0001'] }),
      r.mrt({}, 'MRT-0002'),
    ),
    passes: f(r.nc({ ...noAction, action_waiver: waiver }), r.heldMrt({ items: ['NC-0001'] }), r.mrt({}, 'MRT-0002')),
    says: 'which was not held',
  },
  {
    rule: 'nc/closed-late',
    what: 'an NC closed after close_by without a reason',
    fires: f(
      r.nc({ ...noAction, ...closed, action_waiver: waiver, close_by: '2026-03-01' }),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
    passes: f(
      r.nc({
        ...noAction,
        ...closed,
        action_waiver: waiver,
        close_by: '2026-03-01',
        closed_late: 'The review that accepted it met four days after the deadline.',
      }),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
    says: '4 days after its close_by 2026-03-01, and does not say why',
  },
  {
    rule: 'nc/closed-late',
    what: 'a late-closure reason on an NC closed in time',
    fires: f(
      r.nc({ ...noAction, ...closed, action_waiver: waiver, closed_late: 'The review met after the deadline.' }),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
    passes: f(r.nc({ ...noAction, ...closed, action_waiver: waiver }), r.heldMrt({ items: ['NC-0001'] })),
    says: 'records closed_late',
  },
  {
    rule: 'nc/extension',
    what: 'close_by past the policy with no extension',
    fires: f(r.nc({ close_by: '2026-12-31' })),
    passes: f(r.nc({ close_by: '2026-12-31', extensions: [extension()] })),
    says: 'later than the 2026-07-09 the policy sets for a minor nonconformity',
  },
  {
    rule: 'nc/extension',
    what: 'close_by moved past the last extension',
    fires: f(r.nc({ close_by: '2027-03-31', extensions: [extension()] })),
    passes: f(
      r.nc({ close_by: '2027-03-31', extensions: [extension(), extension({ from: '2026-12-31', to: '2027-03-31' })] }),
    ),
    says: 'but its last extension moved it to 2026-12-31',
  },
  {
    rule: 'nc/extension',
    what: 'an extension approved by the NC owner, or for no reason',
    fires: f(r.nc({ close_by: '2026-12-31', extensions: [extension({ approved_by: 'alice', reason: 'tbd' })] })),
    passes: f(r.nc({ close_by: '2026-12-31', extensions: [extension()] })),
    says: 'approved the extension of their own',
  },
  {
    rule: 'nc/extension',
    what: 'extensions that do not follow on from each other',
    fires: f(
      r.nc({ close_by: '2027-03-31', extensions: [extension(), extension({ from: '2027-01-15', to: '2027-03-31' })] }),
    ),
    passes: f(
      r.nc({ close_by: '2027-03-31', extensions: [extension(), extension({ from: '2026-12-31', to: '2027-03-31' })] }),
    ),
    says: 'starts from 2027-01-15, but the one before it moved close_by to 2026-12-31',
  },
  {
    rule: 'nc/certification',
    what: "a certification body's NC without its reference and plan date",
    fires: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({ source: { type: 'external-audit', ref: 'AUD-0001#F1' } }),
    ),
    passes: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({ certification, source: { type: 'external-audit', ref: 'AUD-0001#F1' } }),
    ),
    says: "records neither the body's reference nor when its plan is due",
  },
  {
    rule: 'nc/certification',
    what: 'certification fields on an NC not from an external audit',
    fires: f(r.nc({ certification })),
    passes: f(r.nc()),
    says: 'not an external audit',
  },
  {
    rule: 'date/future',
    what: "a certification body's acceptance dated ahead",
    fires: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({
        certification: { ...certification, plan_accepted_on: '2026-08-01' },
        source: { type: 'external-audit', ref: 'AUD-0001#F1' },
      }),
    ),
    passes: f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({
        certification: { ...certification, plan_accepted_on: '2026-03-30' },
        source: { type: 'external-audit', ref: 'AUD-0001#F1' },
      }),
    ),
    says: 'certification.plan_accepted_on 2026-08-01',
  },
  {
    rule: 'nc/finding-link',
    what: 'an NC raised from a finding that does not name it',
    fires: f(reportedAudit([finding({})]), r.nc(fromFinding)),
    passes: f(reportedAudit([finding({ raised: 'NC-0001' })]), r.nc(fromFinding)),
    says: 'which does not name it as raised',
  },
  {
    rule: 'nc/finding-link',
    what: 'an NC raised from a finding that raised another',
    fires: f(reportedAudit([finding({ raised: 'NC-0002' })]), r.nc(fromFinding), r.nc({}, 'NC-0002')),
    passes: f(reportedAudit([finding({ raised: 'NC-0001' })]), r.nc(fromFinding), r.nc({}, 'NC-0002')),
    says: 'which raised NC-0002',
  },
  {
    rule: 'ca/addresses',
    what: 'a corrective action addressing a placeholder',
    fires: f(r.nc(analysed), r.ca({ addresses: 'unknown' })),
    passes: f(r.nc(analysed), r.ca()),
    says: 'names no cause it removes',
  },
  {
    rule: 'lifecycle/missing',
    what: 'a corrective action without addresses',
    fires: f(r.nc(analysed), r.ca({ addresses: undefined })),
    passes: f(r.nc(analysed), r.ca()),
    says: 'requires addresses',
  },
  {
    rule: 'ca/repeats-correction',
    what: 'a corrective action repeating the correction',
    fires: f(r.nc(analysed), r.ca({ action: 'Ran the missed review.' })),
    passes: f(r.nc(analysed), r.ca()),
    says: 'a correction fixes the instance; a corrective action removes the cause',
  },
  {
    rule: 'ca/evidence',
    what: 'evidence of implementation in two words',
    fires: f(
      r.nc(analysed),
      r.ca({
        status: 'implemented',
        started_on: '2026-01-12',
        implemented_on: '2026-01-20',
        evidence: 'Ticket raised',
      }),
    ),
    passes: f(
      r.nc(analysed),
      r.ca({
        status: 'implemented',
        started_on: '2026-01-12',
        implemented_on: '2026-01-20',
        evidence: 'Ticket OPS-12 closed',
      }),
    ),
    says: 'shows nothing an auditor could check',
  },
  {
    rule: 'ca/evidence',
    what: 'effectiveness evidence that is a placeholder',
    fires: f(
      r.nc({ ...analysed, status: 'verified' }),
      verifiedCa({
        effectiveness: { reviewed_on: '2026-03-01', reviewed_by: 'carol', result: 'effective', evidence: 'OK' },
      }),
    ),
    passes: f(r.nc({ ...analysed, status: 'verified' }), verifiedCa()),
    says: 'does not show that the cause was removed',
  },
  {
    rule: 'independence/ca-reviewer',
    what: "a major NC's action reviewed by the NC's owner",
    fires: f(
      r.nc({ ...analysed, grade: 'major', status: 'verified' }),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-03-01',
          reviewed_by: 'alice',
          result: 'effective',
          evidence: 'Q1 review done on time',
        },
      }),
    ),
    passes: f(r.nc({ ...analysed, grade: 'major', status: 'verified' }), verifiedCa()),
    says: 'the owner of the major nonconformity NC-0001',
  },
  {
    rule: 'audit/dismissal',
    what: "a certification body's observation set aside with a word",
    fires: f(externalAudit([finding({ type: 'observation', no_action: 'Noted.' })])),
    passes: f(
      externalAudit([
        finding({ type: 'observation', no_action: 'Already addressed by the access review owner named in CA-0004.' }),
      ]),
    ),
    says: 'set aside with "Noted."',
  },
];

describe('rules of substance on nonconformities', () => {
  it.each(cases)('$rule fires on $what, and passes once corrected', async ({ rule, fires, passes, asOf, says }) => {
    const bad = await check(fires, asOf ? { asOf } : {});
    const good = await check(passes, asOf ? { asOf } : {});
    expect(rules(bad)).toContain(rule);
    expect(rules(good)).not.toContain(rule);
    expect(rules(good, 'error')).toEqual([]);
    const found = bad.diagnostics.filter((d) => d.rule === rule);
    if (says) expect(found.map((d) => d.message).join('\n')).toContain(says);
    for (const d of found) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.hint.length).toBeGreaterThan(5);
    }
  });

  it("does not pass a major NC's action reviewed by the action's own owner twice over", async () => {
    const result = await check(
      f(
        r.nc({ ...analysed, grade: 'major', status: 'verified' }),
        verifiedCa({
          owner: 'alice',
          effectiveness: {
            reviewed_on: '2026-03-01',
            reviewed_by: 'alice',
            result: 'effective',
            evidence: 'Q1 review done on time',
          },
        }),
      ),
    );
    expect(result.diagnostics.filter((d) => d.rule === 'independence/ca-reviewer')).toHaveLength(1);
  });
});

describe("a certification body's deadlines", () => {
  const external = (c: Record<string, unknown>, over: Record<string, unknown> = {}) =>
    f(
      externalAudit([finding({ raised: 'NC-0001' })]),
      r.nc({
        certification: { ...certification, ...c },
        source: { type: 'external-audit', ref: 'AUD-0001#F1' },
        ...over,
      }),
    );

  it.each([
    ['policy/nc-plan-overdue', {}, { plan_accepted_on: '2026-03-30' }],
    [
      'policy/nc-verification-overdue',
      { plan_accepted_on: '2026-03-30', verify_by: '2026-06-01' },
      { plan_accepted_on: '2026-03-30', verify_by: '2026-06-01', verified_on: '2026-05-20' },
    ],
  ])('%s warns when the date passed with nothing recorded', async (rule, late, met) => {
    expect(rules(await check(external(late)), 'warning')).toContain(rule);
    expect(rules(await check(external(met)), 'warning')).not.toContain(rule);
  });

  it('are not judged once the NC is closed: a closed record is a fact of the past', async () => {
    const files = {
      ...external({}, { ...analysed, ...closed, status: 'closed' }),
      ...f(r.heldMrt({ items: ['NC-0001'] }), verifiedCa()),
    };
    const result = await check(files);
    expect(rules(result, 'error')).toEqual([]);
    expect(rules(result)).not.toContain('policy/nc-plan-overdue');
  });
});

describe('the history of an extension', () => {
  const open = {
    id: 'NC-0001',
    title: 'T',
    status: 'open',
    owner: 'alice',
    created: '2026-01-10',
    close_by: '2026-07-09',
  };
  const extended = { ...open, close_by: '2026-12-31', extensions: [extension()] };

  it('accepts an extension added, as cim nc extend writes it', () => {
    expect(judgeChange(ncKind, 'NC-0001', open, extended, 'in abc')).toBeUndefined();
  });

  it('refuses an extension removed or rewritten afterwards', () => {
    expect(judgeChange(ncKind, 'NC-0001', extended, { ...open, close_by: '2026-12-31' }, 'in abc')?.rule).toBe(
      'history/field-edited',
    );
    expect(
      judgeChange(
        ncKind,
        'NC-0001',
        extended,
        { ...extended, extensions: [extension({ reason: 'Other reason given later.' })] },
        'in abc',
      )?.rule,
    ).toBe('history/field-edited');
  });
});

describe('an NC opened from a finding named at a prompt', () => {
  it('names itself on the finding, as with the flag', async () => {
    const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...f(reportedAudit([finding({})])) });
    const ctx: Context = { cwd: repo, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') };
    const asked: string[] = [];
    const result = await step(
      {
        kind: 'nc',
        verb: 'open',
        values: {
          title: 'Review not done',
          grade: 'minor',
          'source-type': 'internal-audit',
          requirement: 'A.5.18',
          area: 'it',
          owner: 'alice',
          description: 'The quarterly access review was not done.',
        },
        ask: (input) => (asked.push(input.flag), Promise.resolve(input.flag === 'source-ref' ? 'AUD-0001#F1' : '')),
      },
      ctx,
    );
    expect(asked).toContain('source-ref');
    expect(result.data).toMatchObject({ source: { type: 'internal-audit', ref: 'AUD-0001#F1' } });
    expect(await readFile(join(repo, 'audits', 'AUD-0001.yaml'), 'utf8')).toContain('raised: NC-0001');
  });
});
