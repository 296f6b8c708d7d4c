// Every validation rule, once where it fires and once where the same records, corrected, pass.
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

type Files = Record<string, unknown>;
interface Case {
  readonly rule: string;
  readonly fires: Files;
  readonly passes: Files;
  readonly asOf?: string;
}

const f = r.files;
const config = (overrides: Record<string, unknown>) => ({ 'cim.yaml': { ...BASE_CONFIG, ...overrides } });

const verifiedCa = (over: Record<string, unknown> = {}, id = 'CA-0001') =>
  r.ca(
    {
      status: 'verified',
      owner: 'alice',
      started_on: '2026-01-12',
      implemented_on: '2026-01-20',
      evidence: 'Ticket OPS-12',
      effectiveness: {
        reviewed_on: '2026-03-01',
        reviewed_by: 'bob',
        result: 'effective',
        evidence: 'Q1 review done on time',
      },
      ...over,
    },
    id,
  );

const analysed = {
  correction: { action: 'Ran the missed review.', consequences: 'Two stale accounts removed.', date: '2026-01-12' },
  analysis: {
    method: '5-whys',
    root_cause: 'No owner for the quarterly review task.',
    similar: { exist: false, could_occur: true },
  },
  action_required: true,
};
const closedNc = (over: Record<string, unknown> = {}) =>
  r.nc({
    status: 'closed',
    ...analysed,
    reviewed_in: 'MRT-0001',
    closed_by: 'carol',
    closed_on: '2026-03-05',
    ...over,
  });

const finding = (over: Record<string, unknown>) => ({
  ref: 'F1',
  type: 'minor',
  statement: 'Review not done.',
  ...over,
});
const reportedAudit = (over: Record<string, unknown> = {}) =>
  r.audit({
    status: 'reported',
    conducted: { from: '2026-02-01', to: '2026-02-02' },
    report: { date: '2026-02-10', conclusion: 'Mostly effective.', findings: [] },
    ...over,
  });

const schemaCases: Case[] = [
  { rule: 'schema/unknown-field', fires: f(r.nc({ grde: 'minor' })), passes: f(r.nc()) },
  { rule: 'schema/missing-field', fires: f(r.nc({ grade: undefined })), passes: f(r.nc()) },
  {
    rule: 'schema/empty',
    fires: f(r.nc({ evidence: null })),
    passes: f(r.nc({ evidence: 'Screenshot of the review tracker.' })),
  },
  { rule: 'schema/type', fires: f(r.nc({ requirement: 'A.5.18' })), passes: f(r.nc({ requirement: ['A.5.18'] })) },
  { rule: 'schema/value', fires: f(r.nc({ grade: 'huge' })), passes: f(r.nc({ grade: 'major' })) },
  { rule: 'schema/date', fires: f(r.nc({ raised_on: '2026-02-29' })), passes: f(r.nc({ raised_on: '2024-02-29' })) },
  { rule: 'schema/format', fires: f(r.ca({ nc: 'nc-1' })), passes: f(r.nc(), r.ca()) },
  { rule: 'schema/too-small', fires: f(r.nc({ requirement: [] })), passes: f(r.nc()) },
  {
    rule: 'schema/raised-or-none',
    fires: f(
      r.lrc({
        status: 'closed',
        assessment: 'Minor.',
        assessed_on: '2026-02-01',
        outcome: { raised: ['CHG-0001'], none: 'x' },
        closed_on: '2026-02-02',
      }),
      r.change(),
    ),
    passes: f(
      r.lrc({
        status: 'closed',
        assessment: 'Minor.',
        assessed_on: '2026-02-01',
        outcome: { raised: ['CHG-0001'] },
        closed_on: '2026-02-02',
      }),
      r.change(),
    ),
  },
  {
    rule: 'nc/justification',
    fires: f(r.nc({ status: 'analysed', ...analysed, action_required: false })),
    passes: f(
      r.nc({
        status: 'analysed',
        ...analysed,
        action_required: false,
        action_justification: 'One-off; the control works.',
      }),
    ),
  },
  {
    rule: 'nc/root-cause',
    fires: f(
      r.nc({
        status: 'analysed',
        ...analysed,
        analysis: { ...analysed.analysis, root_cause: 'Quarterly access reviews were skipped in Q4.' },
      }),
    ),
    passes: f(r.nc({ status: 'analysed', ...analysed }), r.ca()),
  },
  {
    rule: 'audit/body',
    fires: f(r.audit({ type: 'surveillance' })),
    passes: f(r.audit({ type: 'surveillance', body: 'Example Certification Ltd' })),
  },
  {
    rule: 'audit/agreement',
    fires: f(r.audit({ type: 'client' })),
    passes: f(r.audit({ type: 'client', agreement: 'MSA-2026-04 clause 12' })),
  },
  {
    rule: 'audit/finding-ref',
    fires: f(
      reportedAudit({
        report: {
          date: '2026-02-10',
          conclusion: 'OK.',
          findings: [finding({ type: 'conformity' }), finding({ type: 'conformity' })],
        },
      }),
    ),
    passes: f(
      reportedAudit({
        report: {
          date: '2026-02-10',
          conclusion: 'OK.',
          findings: [finding({ type: 'conformity' }), finding({ ref: 'F2', type: 'conformity' })],
        },
      }),
    ),
  },
  {
    rule: 'audit/finding-action',
    fires: f(
      reportedAudit({
        report: {
          date: '2026-02-10',
          conclusion: 'OK.',
          findings: [finding({ type: 'observation', raised: 'OFI-0001', no_action: 'x' })],
        },
      }),
      r.ofi(),
    ),
    passes: f(
      reportedAudit({
        report: {
          date: '2026-02-10',
          conclusion: 'OK.',
          findings: [finding({ type: 'observation', raised: 'OFI-0001' })],
        },
      }),
      r.ofi(),
    ),
  },
  {
    rule: 'ofi/decision',
    fires: f(r.ofi({ status: 'accepted', decision: { on: '2026-02-01' }, due: '2026-12-31' })),
    passes: f(r.ofi({ status: 'accepted', decision: { on: '2026-02-01', by: 'carol' }, due: '2026-12-31' })),
  },
  {
    rule: 'mrt/action-ref',
    fires: f(
      r.heldMrt({
        actions: [
          { ref: 'A1', text: 'x', owner: 'alice', due: '2026-09-01', status: 'open' },
          { ref: 'A1', text: 'y', owner: 'alice', due: '2026-09-01', status: 'open' },
        ],
      }),
    ),
    passes: f(
      r.heldMrt({
        actions: [
          { ref: 'A1', text: 'x', owner: 'alice', due: '2026-09-01', status: 'open' },
          { ref: 'A2', text: 'y', owner: 'alice', due: '2026-09-01', status: 'open' },
        ],
      }),
    ),
  },
  {
    rule: 'mrt/action-done',
    fires: f(r.heldMrt({ actions: [{ ref: 'A1', text: 'x', owner: 'alice', due: '2026-09-01', status: 'done' }] })),
    passes: f(
      r.heldMrt({
        actions: [
          {
            ref: 'A1',
            text: 'x',
            owner: 'alice',
            due: '2026-09-01',
            status: 'done',
            done_on: '2026-04-01',
            evidence: 'The signed report in the ISMS folder.',
          },
        ],
      }),
    ),
  },
  {
    rule: 'exception/expiry',
    fires: f(
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-02-01', expires_on: '2026-01-01' }),
    ),
    passes: f(
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-02-01', expires_on: '2026-08-01' }),
    ),
  },
  {
    rule: 'lifecycle/missing',
    fires: f(r.nc({ status: 'corrected' })),
    passes: f(r.nc({ status: 'corrected', correction: analysed.correction })),
  },
];

const registerCases: Case[] = [
  {
    rule: 'id/duplicate',
    fires: { ...f(r.nc()), 'nonconformities/NC-0002.yaml': r.nc()[1] },
    passes: f(r.nc(), r.nc({ id: 'NC-0002' }, 'NC-0002')),
  },
  { rule: 'ref/person', fires: f(r.nc({ owner: 'zoe' })), passes: f(r.nc({ owner: 'bob' })) },
  { rule: 'ref/area', fires: f(r.nc({ area: 'finance' })), passes: f(r.nc({ area: 'hr' })) },
  {
    rule: 'ref/requirement',
    fires: f(r.nc({ requirement: ['A.5.99'] })),
    passes: f(r.nc({ requirement: ['A.5.37', '10.2'] })),
  },
  { rule: 'ref/dangling', fires: f(r.ca({ nc: 'NC-0099' })), passes: f(r.nc(), r.ca()) },
  { rule: 'ref/wrong-kind', fires: f(r.ofi(), r.ca({ nc: 'OFI-0001' })), passes: f(r.ofi(), r.nc(), r.ca()) },
  {
    rule: 'ref/finding',
    fires: f(reportedAudit(), r.nc({ source: { type: 'internal-audit', ref: 'AUD-0001#F3' } })),
    passes: f(
      reportedAudit({
        report: { date: '2026-02-10', conclusion: 'OK.', findings: [finding({ ref: 'F3', raised: 'NC-0001' })] },
      }),
      r.nc({ source: { type: 'internal-audit', ref: 'AUD-0001#F3' } }),
    ),
  },
  {
    rule: 'ref/source',
    fires: f(r.incident(), r.nc({ source: { type: 'internal-audit', ref: 'INC-0001' } })),
    passes: f(r.incident(), r.nc({ source: { type: 'incident', ref: 'INC-0001' } })),
  },
  {
    rule: 'ref/source',
    fires: f(r.nc({ source: { type: 'incident' } })),
    passes: f(r.nc({ source: { type: 'self-identified' } })),
  },
  {
    rule: 'date/order',
    fires: f(r.nc({ status: 'corrected', correction: { ...analysed.correction, date: '2026-01-01' } })),
    passes: f(r.nc({ status: 'corrected', correction: analysed.correction })),
  },
  // bob works in hr and alice owns it: neither may audit those areas.
  { rule: 'independence/auditor', fires: f(r.audit({ areas: ['hr'] })), passes: f(r.audit({ areas: ['it'] })) },
  {
    rule: 'independence/auditor',
    fires: f(r.audit({ auditors: ['alice'] })),
    passes: f(r.audit({ auditors: ['carol'] })),
  },
  {
    rule: 'independence/ca-reviewer',
    fires: f(
      r.nc(),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-03-01',
          reviewed_by: 'alice',
          result: 'effective',
          evidence: 'Q1 review done on time',
        },
      }),
    ),
    passes: f(r.nc(), verifiedCa()),
  },
  {
    rule: 'ca/review-too-early',
    fires: f(
      r.nc(),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-02-10',
          reviewed_by: 'bob',
          result: 'effective',
          evidence: 'Q1 review done on time',
        },
      }),
    ),
    passes: f(
      r.nc(),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-02-19',
          reviewed_by: 'bob',
          result: 'effective',
          evidence: 'Q1 review done on time',
        },
      }),
    ),
  },
  {
    rule: 'nc/actions',
    fires: f(r.nc({ status: 'actioned', ...analysed })),
    passes: f(r.nc({ status: 'actioned', ...analysed }), r.ca()),
  },
  {
    rule: 'nc/actions',
    fires: f(closedNc(), r.ca(), r.heldMrt({ items: ['NC-0001'] })),
    passes: f(closedNc(), verifiedCa(), r.heldMrt({ items: ['NC-0001'] })),
  },
  {
    rule: 'nc/actions',
    fires: f(
      closedNc(),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-03-01',
          reviewed_by: 'bob',
          result: 'ineffective',
          evidence: 'Q1 missed again',
        },
      }),
      verifiedCa({}, 'CA-0002'),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
    passes: f(
      closedNc({ reopened: [{ on: '2026-03-02', reason: 'CA-0001 ineffective' }] }),
      verifiedCa({
        effectiveness: {
          reviewed_on: '2026-03-01',
          reviewed_by: 'bob',
          result: 'ineffective',
          evidence: 'Q1 missed again',
        },
      }),
      verifiedCa({}, 'CA-0002'),
      r.heldMrt({ items: ['NC-0001'] }),
    ),
  },
  {
    rule: 'mrt/not-held',
    fires: f(closedNc(), verifiedCa(), r.mrt()),
    passes: f(closedNc(), verifiedCa(), r.heldMrt({ items: ['NC-0001'] })),
  },
  {
    rule: 'mrt/date-order',
    fires: f(closedNc({ closed_on: '2026-02-27' }), verifiedCa(), r.heldMrt({ items: ['NC-0001'] })),
    passes: f(closedNc({ closed_on: '2026-03-01' }), verifiedCa(), r.heldMrt({ items: ['NC-0001'] })),
  },
  {
    rule: 'mrt/date-order',
    fires: f(
      r.ofi({ status: 'accepted', decision: { in: 'MRT-0001', on: '2026-02-01' }, due: '2026-12-31' }),
      r.heldMrt(),
    ),
    passes: f(
      r.ofi({ status: 'accepted', decision: { in: 'MRT-0001', on: '2026-03-01' }, due: '2026-12-31' }),
      r.heldMrt(),
    ),
  },
  {
    rule: 'mrt/not-held',
    fires: f(r.ofi({ status: 'accepted', decision: { in: 'MRT-0001', on: '2026-03-01' }, due: '2026-12-31' }), r.mrt()),
    passes: f(
      r.ofi({ status: 'accepted', decision: { in: 'MRT-0001', on: '2026-03-01' }, due: '2026-12-31' }),
      r.heldMrt(),
    ),
  },
  {
    rule: 'audit/findings',
    fires: f(
      reportedAudit({
        status: 'closed',
        reported_to: 'MRT-0001',
        report: { date: '2026-02-10', conclusion: 'OK.', findings: [finding({ type: 'minor' })] },
      }),
      r.heldMrt(),
    ),
    passes: f(
      reportedAudit({
        status: 'closed',
        reported_to: 'MRT-0001',
        report: { date: '2026-02-10', conclusion: 'OK.', findings: [finding({ type: 'minor', raised: 'NC-0001' })] },
      }),
      r.heldMrt(),
      r.nc(),
    ),
  },
  {
    rule: 'audit/findings',
    fires: f(
      reportedAudit({
        status: 'closed',
        reported_to: 'MRT-0001',
        report: { date: '2026-02-10', conclusion: 'OK.', findings: [finding({ type: 'ofi' })] },
      }),
      r.heldMrt(),
    ),
    passes: f(
      reportedAudit({
        status: 'closed',
        reported_to: 'MRT-0001',
        report: {
          date: '2026-02-10',
          conclusion: 'OK.',
          findings: [finding({ type: 'ofi', no_action: 'Already planned.' })],
        },
      }),
      r.heldMrt(),
    ),
  },
  {
    rule: 'exception/too-long',
    fires: f(
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-02-01', expires_on: '2027-03-01' }),
    ),
    passes: f(
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-02-01', expires_on: '2027-02-01' }),
    ),
  },
  {
    rule: 'config/duplicate-id',
    fires: config({ areas: [...BASE_CONFIG.areas, { id: 'it', name: 'IT again', owner: 'alice' }] }),
    passes: config({}),
  },
  { rule: 'ref/person', fires: config({ policy: { ...BASE_CONFIG.policy, approver: 'zoe' } }), passes: config({}) },
  {
    rule: 'config/duplicate-prefix',
    fires: config({ prefixes: { ca: 'NC' } }),
    passes: config({ prefixes: { ca: 'CAR' } }),
  },
  {
    rule: 'text/control-character',
    fires: f(r.nc({ title: 'Access reviews\u001b[2J not performed' })),
    passes: f(r.nc({ description: 'Access reviews not performed,\twith a tab and\na line break' })),
  },
  // A day ahead of the as-of date is allowed, for time zones.
  { rule: 'date/future', fires: f(r.nc({ raised_on: '2026-07-02' })), passes: f(r.nc({ raised_on: '2026-07-01' })) },
];

const complianceCases: Case[] = [
  {
    rule: 'policy/nc-response-overdue',
    fires: f(r.nc({ raised_on: '2026-05-01' })),
    passes: f(r.nc({ raised_on: '2026-06-15', created: '2026-06-15' })),
  },
  {
    rule: 'policy/nc-overdue',
    fires: f(r.nc({ status: 'corrected', correction: analysed.correction, close_by: '2026-06-01' })),
    passes: f(r.nc({ status: 'corrected', correction: analysed.correction, close_by: '2026-07-05' })),
  },
  {
    rule: 'policy/ca-overdue',
    fires: f(r.nc(), r.ca({ due: '2026-06-01' })),
    passes: f(r.nc(), r.ca({ due: '2026-07-01' })),
  },
  {
    rule: 'policy/no-internal-audit',
    fires: f(r.audit({ planned: '2025-11' })),
    passes: f(r.audit({ planned: '2026-11' })),
  },
  { rule: 'policy/no-internal-audit', fires: f(), passes: config({ started_on: '2026-05-01' }) },
  {
    rule: 'policy/audit-overdue',
    fires: f(r.audit({ planned: '2026-04' })),
    passes: f(r.audit({ planned: '2026-06' })),
  },
  {
    rule: 'policy/audit-unreported',
    fires: f(r.audit({ status: 'in-progress', conducted: { from: '2026-05-01', to: '2026-05-02' } })),
    passes: f(r.audit({ status: 'in-progress', conducted: { from: '2026-06-20' } })),
  },
  {
    rule: 'policy/audit-not-presented',
    fires: f(reportedAudit(), r.heldMrt()),
    passes: f(reportedAudit({ reported_to: 'MRT-0001' }), r.heldMrt()),
  },
  {
    rule: 'policy/review-overdue',
    fires: config({ policy: { ...BASE_CONFIG.policy, reviewed_on: '2025-06-01' } }),
    passes: config({}),
  },
  {
    rule: 'policy/mrt-overdue',
    fires: f(r.heldMrt({ held_on: '2025-12-01', scheduled_on: '2025-12-01', created: '2025-11-01' })),
    passes: f(r.heldMrt()),
  },
  {
    rule: 'policy/mrt-action-stale',
    fires: f(
      r.heldMrt({
        held_on: '2025-06-01',
        scheduled_on: '2025-06-01',
        created: '2025-05-01',
        actions: [{ ref: 'A1', text: 'Buy a scanner.', owner: 'alice', due: '2026-12-01', status: 'open' }],
      }),
      r.heldMrt({ held_on: '2025-12-01', scheduled_on: '2025-12-01', created: '2025-11-01' }, 'MRT-0002'),
      r.heldMrt({ held_on: '2026-06-01', scheduled_on: '2026-06-01', created: '2026-05-01' }, 'MRT-0003'),
    ),
    passes: f(
      r.heldMrt({
        held_on: '2025-12-01',
        scheduled_on: '2025-12-01',
        created: '2025-11-01',
        actions: [{ ref: 'A1', text: 'Buy a scanner.', owner: 'alice', due: '2026-12-01', status: 'open' }],
      }),
      r.heldMrt({ held_on: '2026-06-01', scheduled_on: '2026-06-01', created: '2026-05-01' }, 'MRT-0003'),
    ),
  },
  {
    rule: 'policy/mrt-action-overdue',
    fires: f(
      r.heldMrt({
        actions: [{ ref: 'A1', text: 'Buy a scanner.', owner: 'alice', due: '2026-05-01', status: 'open' }],
      }),
    ),
    passes: f(
      r.heldMrt({
        actions: [
          {
            ref: 'A1',
            text: 'Buy a scanner.',
            owner: 'alice',
            due: '2026-05-01',
            status: 'done',
            done_on: '2026-04-20',
            evidence: 'The scanner is on the asset list.',
          },
        ],
      }),
    ),
  },
  {
    rule: 'policy/exception-expired',
    fires: f(
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-01-15', expires_on: '2026-06-01' }),
    ),
    passes: f(
      r.exception({
        status: 'expired',
        approved_by: 'carol',
        approved_on: '2026-01-15',
        expires_on: '2026-06-01',
        expired_on: '2026-06-02',
      }),
    ),
  },
  {
    rule: 'policy/coverage',
    fires: {
      ...config({ started_on: '2022-01-01' }),
      ...f(reportedAudit({ criteria: ['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.8'] })),
    },
    passes: {
      ...config({ started_on: '2022-01-01' }),
      ...f(reportedAudit({ criteria: ['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.7', 'A.8'] })),
    },
  },
  {
    rule: 'policy/coverage',
    fires: {
      ...config({ started_on: '2022-01-01' }),
      ...f(reportedAudit({ criteria: ['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.8'] })),
    },
    passes: {
      ...config({
        started_on: '2022-01-01',
        audit_programme: {
          excluded_controls: [
            'A.7.1',
            'A.7.2',
            'A.7.3',
            'A.7.4',
            'A.7.5',
            'A.7.6',
            'A.7.7',
            'A.7.8',
            'A.7.9',
            'A.7.10',
            'A.7.11',
            'A.7.12',
            'A.7.13',
            'A.7.14',
          ].map((control) => ({ control, reason: 'Fully remote; no premises.' })),
        },
      }),
      ...f(reportedAudit({ criteria: ['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.8'] })),
    },
  },
  {
    rule: 'policy/nc-recurrence',
    fires: f(
      closedNc(),
      verifiedCa(),
      r.heldMrt({ items: ['NC-0001'] }),
      r.nc({ raised_on: '2026-04-01', created: '2026-04-01' }, 'NC-0002'),
    ),
    passes: f(
      closedNc(),
      verifiedCa(),
      r.heldMrt({ items: ['NC-0001'] }),
      r.nc(
        {
          raised_on: '2026-04-01',
          created: '2026-04-01',
          status: 'analysed',
          ...analysed,
          correction: { ...analysed.correction, date: '2026-04-02' },
          analysis: { ...analysed.analysis, similar: { exist: true, could_occur: true, refs: ['NC-0001'] } },
        },
        'NC-0002',
      ),
      r.ca({ nc: 'NC-0002' }, 'CA-0002'),
    ),
  },
];

describe.each([
  ['schema layer', schemaCases],
  ['register rules', registerCases],
  ['policy compliance', complianceCases],
])('%s', (_layer, cases) => {
  it.each(cases)('$rule fires, and passes once corrected', async ({ rule, fires, passes, asOf }) => {
    const bad = await check(fires, asOf ? { asOf } : {});
    const good = await check(passes, asOf ? { asOf } : {});
    expect(rules(bad)).toContain(rule);
    expect(rules(good)).not.toContain(rule);
    expect(rules(good, 'error')).toEqual([]);
    for (const d of bad.diagnostics.filter((x) => x.rule === rule)) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.hint.length).toBeGreaterThan(5);
    }
  });
});

describe('severity', () => {
  it('reports policy compliance as warnings, and as errors with strict', async () => {
    const files = f(r.nc(), r.ca({ due: '2026-06-01' }));
    expect((await check(files)).diagnostics.find((d) => d.rule === 'policy/ca-overdue')?.severity).toBe('warning');
    expect(
      (await check(files, { strict: true })).diagnostics.find((d) => d.rule === 'policy/ca-overdue')?.severity,
    ).toBe('error');
  });

  it('does not report references to a record that exists but failed its own schema', async () => {
    const result = await check(f(r.nc({ grade: 'huge' }), r.ca()));
    expect(rules(result, 'error')).toEqual(['schema/value']);
  });
});

describe('hints that name a command', () => {
  it('offer a step only from a state that takes it', async () => {
    const result = await check(f(r.nc({ status: 'analysed', analysis: analysed.analysis, action_required: true })));
    const missing = result.diagnostics.find((d) => d.rule === 'lifecycle/missing');
    expect(missing?.message).toMatch(/requires correction/);
    expect(missing?.hint).not.toContain('cim nc correct');
    expect(missing?.hint).toMatch(/add correction.* by hand/);
  });

  it('start a planned corrective action before implementing it', async () => {
    const result = await check(f(r.nc(), r.ca({ due: '2026-06-01' })));
    const overdue = result.diagnostics.find((d) => d.rule === 'policy/ca-overdue');
    expect(overdue?.hint).toContain('cim ca start CA-0001');
  });
});
