// The rules of substance on incidents, objectives, OFIs, changes, legal changes and exceptions:
// each once where it fires and once where the same records, corrected, pass.
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { isNoReason } from '../../src/domain/validate/rules/improvement.js';

type Files = Record<string, unknown>;
interface Case {
  readonly name: string;
  readonly rule: string;
  readonly fires: Files;
  readonly passes: Files;
  readonly asOf?: string;
}

const f = r.files;

/** A closed incident, every step recorded; `over` changes what a case is about. */
const closedIncident = (over: Record<string, unknown> = {}, id = 'INC-0001') =>
  r.incident(
    {
      status: 'closed',
      classification: { as: 'incident', by: 'alice', on: '2026-01-06' },
      investigation: 'The laptop was encrypted and reported within the hour.',
      resolution: 'Remote wipe confirmed.',
      resolved_on: '2026-01-08',
      lessons_learned: 'Staff report lost devices quickly when reporting is one message to the service desk.',
      improvement: { raised: ['OFI-0001'] },
      closed_on: '2026-03-10',
      ...over,
    },
    id,
  );
const ofiFromIncident = r.ofi({ source: { type: 'incident', ref: 'INC-0001' }, created: '2026-01-08' });
const reviewedObjective = (over: Record<string, unknown> = {}) =>
  r.objective({ reviews: [{ date: '2026-06-01', result: '96% in Q2', on_track: true }], ...over });
const REASON = 'Encryption and the remote wipe worked as designed; no control failed.';
const held = r.heldMrt({ held_on: '2026-03-05' });

const schemaCases: Case[] = [
  {
    name: 'an approval recorded with raised records instead of a none decision',
    rule: 'schema/raised-or-none',
    fires: f(closedIncident({ improvement: { raised: ['OFI-0001'], approved_by: 'carol' } }), ofiFromIncident),
    passes: f(closedIncident(), ofiFromIncident),
  },
  {
    name: 'a missed objective with no improvement decision',
    rule: 'lifecycle/missing',
    fires: f(r.objective({ status: 'missed', concluded: { on: '2026-06-01', result: '80%' } })),
    passes: f(
      r.objective({
        status: 'missed',
        concluded: { on: '2026-06-01', result: '80%' },
        improvement: { raised: ['OFI-0001'] },
      }),
      r.ofi(),
    ),
  },
  {
    name: 'an OFI accepted with no due date',
    rule: 'lifecycle/missing',
    fires: f(r.ofi({ status: 'accepted', decision: { on: '2026-02-01', by: 'carol' } })),
    passes: f(r.ofi({ status: 'accepted', decision: { on: '2026-02-01', by: 'carol' }, due: '2026-12-31' })),
  },
];

const registerCases: Case[] = [
  {
    name: 'an incident closed with a placeholder for why nothing was raised',
    rule: 'improvement/none-reason',
    fires: f(closedIncident({ severity: 'low', improvement: { none: 'n/a' } })),
    passes: f(closedIncident({ severity: 'low', improvement: { none: REASON } })),
  },
  {
    name: 'a change reviewed with "not needed" for why nothing was raised',
    rule: 'improvement/none-reason',
    fires: f(
      r.change({
        status: 'reviewed',
        approved_by: 'carol',
        approved_on: '2026-01-12',
        implemented_on: '2026-02-01',
        review: { on: '2026-03-01', by: 'carol', notes: 'Cut-over went as planned.' },
        improvement: { none: 'Not needed.' },
      }),
    ),
    passes: f(
      r.change({
        status: 'reviewed',
        approved_by: 'carol',
        approved_on: '2026-01-12',
        implemented_on: '2026-02-01',
        review: { on: '2026-03-01', by: 'carol', notes: 'Cut-over went as planned.' },
        improvement: { none: 'The migration met every acceptance test and raised no incident.' },
      }),
    ),
  },
  {
    name: 'a legal change closed with "none" for why nothing was raised',
    rule: 'improvement/none-reason',
    fires: f(
      r.lrc({
        status: 'closed',
        assessment: 'Section 21 repeats what the current policy already requires.',
        assessed_on: '2026-01-20',
        outcome: { none: 'none' },
        closed_on: '2026-01-25',
      }),
    ),
    passes: f(
      r.lrc({
        status: 'closed',
        assessment: 'Section 21 repeats what the current policy already requires.',
        assessed_on: '2026-01-20',
        outcome: { none: 'The policy already meets section 21, as the assessment shows.' },
        closed_on: '2026-01-25',
      }),
    ),
  },
  {
    name: 'a resolved incident with no classification',
    rule: 'incident/classification',
    fires: f(r.incident({ status: 'resolved', resolution: 'Remote wipe confirmed.', resolved_on: '2026-01-08' })),
    passes: f(
      r.incident({
        status: 'resolved',
        classification: { as: 'incident', by: 'alice', on: '2026-01-06' },
        resolution: 'Remote wipe confirmed.',
        resolved_on: '2026-01-08',
      }),
    ),
  },
  {
    name: 'an incident classified before it was detected',
    rule: 'incident/classification',
    fires: f(r.incident({ classification: { as: 'incident', by: 'alice', on: '2026-01-05' } })),
    passes: f(r.incident({ classification: { as: 'incident', by: 'alice', on: '2026-01-06' } })),
  },
  {
    name: 'lessons learned that are a placeholder',
    rule: 'incident/lessons-learned',
    fires: f(closedIncident({ lessons_learned: 'Lessons learned.' }), ofiFromIncident),
    passes: f(closedIncident(), ofiFromIncident),
  },
  {
    name: 'lessons learned that restate the description',
    rule: 'incident/lessons-learned',
    fires: f(closedIncident({ lessons_learned: 'A laptop was left on the train.' }), ofiFromIncident),
    passes: f(closedIncident(), ofiFromIncident),
  },
  {
    name: 'an incident closed owing a notification never sent',
    rule: 'incident/notification-unsent',
    fires: f(closedIncident({ notifications: [{ party: 'Client X', due: '2026-01-08' }] }), ofiFromIncident),
    passes: f(
      closedIncident({ notifications: [{ party: 'Client X', due: '2026-01-08', sent_on: '2026-01-07' }] }),
      ofiFromIncident,
    ),
  },
  {
    name: 'a high incident closed with none, approved by nobody',
    rule: 'incident/improvement-decision',
    fires: f(closedIncident({ severity: 'high', improvement: { none: REASON } }), held),
    passes: f(
      closedIncident({
        severity: 'high',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
  },
  {
    name: 'a critical incident closed with none on its own owner’s approval',
    rule: 'incident/improvement-decision',
    fires: f(
      closedIncident({
        severity: 'critical',
        improvement: { none: REASON, approved_by: 'alice', presented_in: 'MRT-0001' },
      }),
      held,
    ),
    passes: f(
      closedIncident({
        severity: 'critical',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
  },
  {
    name: 'a high incident closed with none, never presented at a review',
    rule: 'incident/improvement-decision',
    fires: f(closedIncident({ severity: 'high', improvement: { none: REASON, approved_by: 'carol' } })),
    passes: f(closedIncident({ severity: 'low', improvement: { none: REASON } })),
  },
  {
    name: 'a high incident closed with none, said presented at a review not yet held',
    rule: 'incident/improvement-decision',
    fires: f(
      closedIncident({
        severity: 'high',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      r.mrt(),
    ),
    passes: f(
      closedIncident({
        severity: 'high',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
  },
  {
    name: 'a high incident closed with none before the review it was presented at',
    rule: 'incident/improvement-decision',
    fires: f(
      closedIncident({
        severity: 'high',
        closed_on: '2026-03-01',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
    passes: f(
      closedIncident({
        severity: 'high',
        closed_on: '2026-03-05',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
  },
  {
    name: 'a change approved by the person responsible for it',
    rule: 'independence/change-approver',
    fires: f(r.change({ status: 'approved', owner: 'bob', approved_by: 'alice', approved_on: '2026-01-12' })),
    passes: f(r.change({ status: 'approved', owner: 'bob', approved_by: 'carol', approved_on: '2026-01-12' })),
  },
  {
    name: 'a change approved by its owner',
    rule: 'independence/change-approver',
    fires: f(r.change({ status: 'approved', responsible: 'bob', approved_by: 'alice', approved_on: '2026-01-12' })),
    passes: f(r.change({ status: 'approved', responsible: 'bob', approved_by: 'carol', approved_on: '2026-01-12' })),
  },
  {
    name: 'an exception approved by the person who requested it',
    rule: 'independence/exception-approver',
    fires: f(
      r.exception({
        status: 'approved',
        owner: 'bob',
        approved_by: 'alice',
        approved_on: '2026-01-15',
        expires_on: '2026-12-31',
      }),
    ),
    passes: f(
      r.exception({
        status: 'approved',
        owner: 'bob',
        approved_by: 'carol',
        approved_on: '2026-01-15',
        expires_on: '2026-12-31',
      }),
    ),
  },
  {
    name: 'an exception approved by its owner',
    rule: 'independence/exception-approver',
    fires: f(
      r.exception({
        status: 'approved',
        requested_by: 'bob',
        approved_by: 'alice',
        approved_on: '2026-01-15',
        expires_on: '2026-12-31',
      }),
    ),
    passes: f(
      r.exception({
        status: 'approved',
        requested_by: 'bob',
        approved_by: 'carol',
        approved_on: '2026-01-15',
        expires_on: '2026-12-31',
      }),
    ),
  },
];

const complianceCases: Case[] = [
  {
    name: 'a notification past its due date and not sent',
    rule: 'policy/incident-notification-overdue',
    fires: f(r.incident({ notifications: [{ party: 'ICO', due: '2026-06-01' }] })),
    passes: f(r.incident({ notifications: [{ party: 'ICO', due: '2026-06-01', sent_on: '2026-05-30' }] })),
  },
  {
    name: 'a notification not yet due is not late',
    rule: 'policy/incident-notification-overdue',
    fires: f(r.incident({ notifications: [{ party: 'ICO', due: '2026-06-29' }] })),
    passes: f(r.incident({ notifications: [{ party: 'ICO', due: '2026-06-30' }] })),
  },
  {
    name: 'an incident detected long after it occurred, with nothing raised about it',
    rule: 'policy/incident-detection-gap',
    fires: f(r.incident({ occurred_on: '2025-11-01', detected_on: '2026-01-06' })),
    passes: f(
      r.incident({ occurred_on: '2025-11-01', detected_on: '2026-01-06' }),
      r.ofi({ source: { type: 'incident', ref: 'INC-0001' } }),
    ),
  },
  {
    name: 'a detection gap within the threshold',
    rule: 'policy/incident-detection-gap',
    fires: f(r.incident({ occurred_on: '2025-12-06', detected_on: '2026-01-06' })),
    passes: f(r.incident({ occurred_on: '2025-12-07', detected_on: '2026-01-06' })),
  },
  {
    name: 'a detection gap answered by an approved decision that none was needed',
    rule: 'policy/incident-detection-gap',
    fires: f(closedIncident({ occurred_on: '2025-11-01', severity: 'low', improvement: { none: REASON } })),
    passes: f(
      closedIncident({
        occurred_on: '2025-11-01',
        severity: 'low',
        improvement: { none: REASON, approved_by: 'carol', presented_in: 'MRT-0001' },
      }),
      held,
    ),
  },
  {
    name: 'an active objective with a placeholder measure',
    rule: 'policy/objective-placeholder',
    fires: f(reviewedObjective({ measure: 'TBD' })),
    passes: f(reviewedObjective()),
  },
  {
    name: 'an active objective with a placeholder target',
    rule: 'policy/objective-placeholder',
    fires: f(reviewedObjective({ target: 'n/a' })),
    passes: f(reviewedObjective()),
  },
  {
    name: 'an objective never reviewed since it was set',
    rule: 'policy/objective-review-overdue',
    fires: f(r.objective()),
    passes: f(reviewedObjective()),
  },
  {
    name: 'an objective last reviewed longer ago than its own interval',
    rule: 'policy/objective-review-overdue',
    fires: f(
      reviewedObjective({
        review_interval_months: 1,
        reviews: [{ date: '2026-05-01', result: '96%', on_track: true }],
      }),
    ),
    passes: f(
      reviewedObjective({
        review_interval_months: 6,
        reviews: [{ date: '2026-05-01', result: '96%', on_track: true }],
      }),
    ),
  },
  {
    name: 'an objective past its due date and still active',
    rule: 'policy/objective-overdue',
    fires: f(reviewedObjective({ due: '2026-06-15' })),
    passes: f(reviewedObjective({ due: '2026-06-30' })),
  },
  {
    name: 'an OFI undecided past the days cim.yaml allows',
    rule: 'policy/ofi-undecided',
    fires: f(r.ofi({ created: '2026-03-31' })),
    passes: f(r.ofi({ created: '2026-04-01' })),
  },
  {
    name: 'an OFI undecided within a longer decide_within_days',
    rule: 'policy/ofi-undecided',
    fires: f(r.ofi({ created: '2026-01-10' })),
    passes: {
      'cim.yaml': { ...BASE_CONFIG, improvements: { decide_within_days: 180 } },
      ...f(r.ofi({ created: '2026-01-10' })),
    },
  },
  {
    name: 'an accepted OFI past its due date',
    rule: 'policy/ofi-overdue',
    fires: f(r.ofi({ status: 'accepted', decision: { on: '2026-02-01', by: 'carol' }, due: '2026-06-01' })),
    passes: f(
      r.ofi({
        status: 'implemented',
        decision: { on: '2026-02-01', by: 'carol' },
        due: '2026-06-01',
        implemented_on: '2026-05-28',
        evidence: 'Single sign-on live for all four HR tools (ticket HR-88).',
      }),
    ),
  },
  {
    name: 'a change implemented and never reviewed',
    rule: 'policy/change-unreviewed',
    fires: f(
      r.change({
        status: 'implemented',
        approved_by: 'carol',
        approved_on: '2026-01-12',
        implemented_on: '2026-03-01',
      }),
    ),
    passes: f(
      r.change({
        status: 'implemented',
        approved_by: 'carol',
        approved_on: '2026-01-12',
        implemented_on: '2026-04-01',
      }),
    ),
  },
  {
    name: 'a legal change past its effective date and not assessed',
    rule: 'policy/lrc-unassessed',
    fires: f(r.lrc({ effective_on: '2026-06-01' })),
    passes: f(
      r.lrc({
        status: 'assessed',
        effective_on: '2026-06-01',
        assessment: 'Section 21 repeats what the current policy already requires.',
        assessed_on: '2026-05-20',
      }),
    ),
  },
];

describe.each([
  ['schema layer', schemaCases],
  ['register rules', registerCases],
  ['policy compliance', complianceCases],
])('%s', (_layer, cases) => {
  it.each(cases)('$rule: $name — fires, and passes once corrected', async ({ rule, fires, passes, asOf }) => {
    const command = _layer === 'schema layer' ? /\w/ : /cim /;
    const bad = await check(fires, asOf ? { asOf } : {});
    const good = await check(passes, asOf ? { asOf } : {});
    expect(rules(bad)).toContain(rule);
    expect(rules(good)).not.toContain(rule);
    expect(rules(good, 'error')).toEqual([]);
    for (const d of bad.diagnostics.filter((x) => x.rule === rule)) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.hint).toMatch(command);
    }
  });
});

describe('severity', () => {
  it('reports the register rules as errors and the policy rules as warnings', async () => {
    const result = await check(f(r.objective({ measure: 'tbd' }), closedIncident({ lessons_learned: 'n/a' })));
    expect(result.diagnostics.find((d) => d.rule === 'policy/objective-placeholder')?.severity).toBe('warning');
    expect(result.diagnostics.find((d) => d.rule === 'incident/lessons-learned')?.severity).toBe('error');
  });
});

describe('a reason for raising nothing', () => {
  it.each(['n/a', 'None.', 'Not needed', 'no action required', 'TBD', 'Fixed it'])('refuses "%s"', (text) => {
    expect(isNoReason(text)).toBe(true);
  });
  it('accepts a sentence that says why', () => {
    expect(isNoReason(REASON)).toBe(false);
  });
});

describe('the messages say what an auditor would', () => {
  it('names the incident, its severity and what the decision lacks', async () => {
    const result = await check(f(closedIncident({ severity: 'high', improvement: { none: REASON } })));
    const messages = result.diagnostics.filter((d) => d.rule === 'incident/improvement-decision').map((d) => d.message);
    expect(messages).toEqual([
      'INC-0001 is a high incident closed with no NC or OFI raised, and nobody but its owner decided that none was needed',
      'INC-0001 is a high incident closed with no NC or OFI raised, and the decision was not presented at a management review',
    ]);
  });
  it('gives the edit that records a notification sent, with the record’s own list', async () => {
    const result = await check(
      f(
        r.incident({
          notifications: [
            { party: 'ICO', due: '2026-06-01' },
            { party: 'Client X', due: '2026-07-31' },
          ],
        }),
      ),
    );
    expect(result.diagnostics.find((d) => d.rule === 'policy/incident-notification-overdue')?.hint).toBe(
      `notify ICO and record when: \`cim edit INC-0001 --set 'notifications=[{"party":"ICO","due":"2026-06-01","sent_on":"YYYY-MM-DD"},{"party":"Client X","due":"2026-07-31"}]'\``,
    );
  });
  it('counts the days an incident went undetected', async () => {
    const result = await check(f(r.incident({ occurred_on: '2025-11-01', detected_on: '2026-01-06' })));
    expect(result.diagnostics.find((d) => d.rule === 'policy/incident-detection-gap')?.message).toMatch(
      /^INC-0001 went undetected for 66 days/,
    );
  });
});
