// What each state of each kind means, pinned: which queries count it, which deadlines run in it,
// and what a record in it must carry. A change to a kind's declaration shows here as a diff of the
// tables, to be read and agreed, rather than as a silent change in what status, the agenda, the
// policy and the rules count.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../../src/domain/config.js';
import { AT_START } from '../../src/domain/diagnostics.js';
import { defineKind, type Kind, type StateFact } from '../../src/domain/kind.js';
import { ca, KINDS } from '../../src/domain/kinds/index.js';
import { stateRequirements } from '../../src/domain/lifecycle.js';
import { dueItems, hasFact, isCompleted, isFinal, isLive, isVoid } from '../../src/domain/queries.js';
import type { RecordFile } from '../../src/domain/register.js';
import { validate } from '../../src/domain/validate/index.js';
import { BASE_CONFIG, check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const FACTS = [
  'actions-planned',
  'actions-reviewed',
  'ready-to-close',
  'reviewed',
  'upcoming',
  'in-hand',
  'conducted',
  'reported',
  'held',
  'accepted',
  'in-force',
  'awaiting-decision',
] as const satisfies readonly StateFact[];

/** What the queries say of a state, as one line: live, final, void, completed, its facts, and
 * the deadlines that run in it. */
function meaningOf(kind: Kind, state: string): string {
  const said: [boolean, string][] = [
    [isLive(kind, state), 'live'],
    [isFinal(kind, state), 'final'],
    [isVoid(kind, state), 'void'],
    [isCompleted(kind, state), 'completed'],
    ...FACTS.map((fact): [boolean, string] => [hasFact(kind, state, fact), fact]),
  ];
  const due = (kind.meaning[state]?.due ?? []).map((name) => `due:${name}`);
  return [...said.filter(([holds]) => holds).map(([, word]) => word), ...due].join(' ');
}

const table = <T>(of: (kind: Kind, state: string) => T) =>
  Object.fromEntries(KINDS.map((k) => [k.name, Object.fromEntries(k.states.map((s) => [s, of(k, s)]))]));

describe('what each state means', () => {
  it('is what the queries answer, state by state', () => {
    expect(table(meaningOf)).toEqual({
      audit: {
        planned: 'live upcoming in-hand due:start',
        'in-progress': 'live in-hand',
        reported: 'live conducted reported',
        closed: 'final completed conducted',
        cancelled: 'final void',
      },
      nc: {
        open: 'live due:correction due:closure',
        corrected: 'live due:closure',
        analysed: 'live due:closure',
        actioned: 'live actions-planned due:closure',
        verified: 'live actions-planned actions-reviewed ready-to-close due:closure',
        closed: 'final completed actions-planned actions-reviewed',
        withdrawn: 'final void',
      },
      ca: {
        planned: 'live due:implementation',
        'in-progress': 'live due:implementation',
        implemented: 'live',
        verified: 'final completed reviewed',
        cancelled: 'final void',
      },
      ofi: {
        proposed: 'live awaiting-decision',
        accepted: 'live accepted due:implementation',
        rejected: 'final void',
        implemented: 'live',
        closed: 'final completed',
      },
      incident: {
        reported: 'live',
        investigating: 'live',
        resolved: 'live',
        closed: 'final completed',
      },
      change: {
        proposed: 'live in-hand awaiting-decision',
        approved: 'live in-hand',
        implemented: 'live',
        reviewed: 'final completed',
        rejected: 'final void',
      },
      mrt: {
        scheduled: 'live upcoming due:meeting',
        held: 'live held',
        approved: 'final completed held',
        cancelled: 'final void',
      },
      objective: {
        active: 'live due:target',
        achieved: 'final completed',
        missed: 'final completed',
        retired: 'final completed',
      },
      lrc: {
        identified: 'live',
        assessed: 'live',
        closed: 'final completed',
      },
      exception: {
        requested: 'live awaiting-decision',
        approved: 'live in-force due:expiry',
        rejected: 'final void',
        revoked: 'final completed',
        expired: 'final completed',
      },
    });
  });

  it('names only facts this table knows', () => {
    const used = KINDS.flatMap((k) => k.states.flatMap((s) => k.meaning[s]?.facts ?? []));
    expect(used.filter((fact) => !(FACTS as readonly string[]).includes(fact))).toEqual([]);
  });
});

/** What is wrong with a kind's declaration of meanings, each naming where to declare the fix. */
function meaningProblems(kind: Kind): string[] {
  const where = `src/domain/kinds/${kind.name}.ts`;
  const out: string[] = [];
  const reached = new Set(kind.initial);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of kind.transitions)
      if (!reached.has(t.to) && t.from.some((s) => reached.has(s))) grew = Boolean(reached.add(t.to));
  }
  for (const state of kind.states) {
    const meaning = kind.meaning[state];
    if (!meaning) {
      out.push(`${kind.name} state ${state} has no meaning: declare meaning.${state} in ${where}`);
      continue;
    }
    for (const name of meaning.due ?? [])
      if (!Object.hasOwn(kind.deadlines, name))
        out.push(
          `${kind.name} state ${state} runs deadline ${name}, which is not declared: add deadlines.${name} in ${where}`,
        );
    if (meaning.live && isFinal(kind, state))
      out.push(
        `${kind.name} state ${state} is live but final, since no step leaves it: correct meaning.${state} in ${where}`,
      );
    if (!reached.has(state))
      out.push(`${kind.name} state ${state} is reached by no step: add a transition to it in ${where}`);
  }
  return out;
}

describe('the declaration of meanings', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('of %s is complete and consistent', (_name, kind) => {
    expect(meaningProblems(kind)).toEqual([]);
  });

  it('names the kind, the state and the declaration missing, when one is', () => {
    const scratch = defineKind({
      name: 'scratch',
      title: 'Scratch',
      plural: 'Scratches',
      prefix: 'SCR',
      folder: 'scratch',
      description: 'A kind with a mistake in every part of its meanings',
      states: ['open', 'shut', 'limbo', 'stray'],
      // Past the type, which would refuse the state left out.
      meaning: {
        open: { live: true, due: ['review'] },
        shut: { live: true },
        stray: { live: false },
      } as unknown as Record<'open' | 'shut' | 'limbo' | 'stray', { live: boolean }>,
      fields: { note: z.string().optional() },
      transitions: [
        { verb: 'open', from: [], to: 'open', requires: ['title'], summary: 'Open it' },
        { verb: 'shut', from: ['open'], to: 'shut', requires: [], summary: 'Shut it' },
        { verb: 'drift', from: ['limbo'], to: 'stray', requires: [], summary: 'Drift' },
      ],
      dateOrder: ['created'],
    });
    expect(meaningProblems(scratch as unknown as Kind)).toEqual([
      'scratch state open runs deadline review, which is not declared: add deadlines.review in src/domain/kinds/scratch.ts',
      'scratch state shut is live but final, since no step leaves it: correct meaning.shut in src/domain/kinds/scratch.ts',
      'scratch state limbo has no meaning: declare meaning.limbo in src/domain/kinds/scratch.ts',
      'scratch state stray is reached by no step: add a transition to it in src/domain/kinds/scratch.ts',
    ]);
  });
});

describe('what a record in each state must carry', () => {
  it('is what the lifecycle table implies, state by state', () => {
    expect(table((k, s) => [...(stateRequirements(k).get(s) ?? [])].sort().join(', '))).toEqual({
      audit: {
        planned: 'criteria, lead_auditor, owner, planned, scope, title, type',
        'in-progress': 'conducted.from, criteria, lead_auditor, owner, planned, scope, title, type',
        reported: 'conducted.from, conducted.to, criteria, lead_auditor, owner, planned, report, scope, title, type',
        closed:
          'conducted.from, conducted.to, criteria, lead_auditor, owner, planned, report, reported_to, scope, title, type',
        cancelled: 'cancelled, criteria, lead_auditor, owner, planned, scope, title, type',
      },
      nc: {
        open: 'area, description, grade, owner, raised_by, raised_on, requirement, source, title',
        corrected: 'area, correction, description, grade, owner, raised_by, raised_on, requirement, source, title',
        analysed:
          'action_required, analysis, area, correction, description, grade, owner, raised_by, raised_on, requirement, source, title',
        actioned:
          'action_required, analysis, area, correction, description, grade, owner, raised_by, raised_on, requirement, source, title',
        verified:
          'action_required, analysis, area, correction, description, grade, owner, raised_by, raised_on, requirement, source, title',
        closed:
          'action_required, analysis, area, closed_by, closed_on, correction, description, grade, owner, raised_by, raised_on, requirement, reviewed_in, source, title',
        withdrawn: 'area, description, grade, owner, raised_by, raised_on, requirement, source, title, withdrawn',
      },
      ca: {
        planned: 'action, addresses, due, nc, owner, title',
        'in-progress': 'action, addresses, due, nc, owner, started_on, title',
        implemented: 'action, addresses, due, evidence, implemented_on, nc, owner, started_on, title',
        verified: 'action, addresses, due, effectiveness, evidence, implemented_on, nc, owner, started_on, title',
        cancelled: 'action, addresses, cancelled, due, nc, owner, title',
      },
      ofi: {
        proposed: 'benefit, description, owner, source, title',
        accepted: 'benefit, decision, description, due, owner, source, title',
        rejected: 'benefit, decision, decision.reason, description, owner, source, title',
        implemented: 'benefit, decision, description, due, evidence, implemented_on, owner, source, title',
        closed: 'benefit, closed_on, decision, description, due, evidence, implemented_on, owner, source, title',
      },
      incident: {
        reported: 'description, detected_on, impact, occurred_on, owner, reported_by, severity, title',
        investigating:
          'classification, description, detected_on, impact, occurred_on, owner, reported_by, severity, title',
        resolved:
          'description, detected_on, impact, occurred_on, owner, reported_by, resolution, resolved_on, severity, title',
        closed:
          'closed_on, description, detected_on, impact, improvement, lessons_learned, occurred_on, owner, reported_by, resolution, resolved_on, severity, title',
      },
      change: {
        proposed: 'consequences, description, owner, reason, resources, responsible, scope, title',
        approved:
          'approved_by, approved_on, consequences, description, owner, reason, resources, responsible, scope, title',
        implemented:
          'approved_by, approved_on, consequences, description, implemented_on, owner, reason, resources, responsible, scope, title',
        reviewed:
          'approved_by, approved_on, consequences, description, implemented_on, improvement, owner, reason, resources, responsible, review, scope, title',
        rejected: 'consequences, description, owner, reason, rejected, resources, responsible, scope, title',
      },
      mrt: {
        scheduled: 'members, owner, scheduled_on, title',
        held: 'attendees, held_on, inputs.a, inputs.b, inputs.c, inputs.d1, inputs.d2, inputs.d3, inputs.d4, inputs.e, inputs.f, inputs.g, members, owner, scheduled_on, title',
        approved:
          'approved_by, approved_on, attendees, conclusion, held_on, inputs.a, inputs.b, inputs.c, inputs.d1, inputs.d2, inputs.d3, inputs.d4, inputs.e, inputs.f, inputs.g, members, owner, scheduled_on, title',
        cancelled: 'cancelled, members, owner, scheduled_on, title',
      },
      objective: {
        active: 'due, evaluation, measure, owner, statement, target, title',
        achieved: 'concluded, due, evaluation, measure, owner, statement, target, title',
        missed: 'concluded, due, evaluation, improvement, measure, owner, statement, target, title',
        retired: 'due, evaluation, measure, owner, retired, statement, target, title',
      },
      lrc: {
        identified: 'identified_on, owner, reference, source_type, title',
        assessed: 'assessed_on, assessment, identified_on, owner, reference, source_type, title',
        closed: 'assessed_on, assessment, closed_on, identified_on, outcome, owner, reference, source_type, title',
      },
      exception: {
        requested:
          'compensating_controls, justification, owner, policy, requested_by, requested_on, requirement, risk, title',
        approved:
          'approved_by, approved_on, compensating_controls, expires_on, justification, owner, policy, requested_by, requested_on, requirement, risk, title',
        rejected:
          'compensating_controls, justification, owner, policy, rejected, requested_by, requested_on, requirement, risk, title',
        revoked:
          'approved_by, approved_on, compensating_controls, expires_on, justification, owner, policy, requested_by, requested_on, requirement, revoked, risk, title',
        expired:
          'approved_by, approved_on, compensating_controls, expired_on, expires_on, justification, owner, policy, requested_by, requested_on, requirement, risk, title',
      },
    });
  });
});

describe('a state added to a kind', () => {
  // The corrective action kind as ca.ts declares it, with a state in which work is suspended and
  // its implementation still falls due.
  const suspendable = defineKind({
    name: ca.name,
    title: ca.title,
    plural: ca.plural,
    prefix: ca.prefix,
    folder: ca.folder,
    description: ca.description,
    states: [ca.states[0], ...ca.states.slice(1), 'suspended'],
    meaning: { ...ca.meaning, suspended: { live: true, due: ['implementation'] } },
    deadlines: ca.deadlines,
    fields: ca.fields,
    transitions: [
      ...ca.transitions,
      { verb: 'suspend', from: ['in-progress'], to: 'suspended', requires: [], summary: 'Suspend work on it' },
      { verb: 'resume', from: ['suspended'], to: 'in-progress', requires: [], summary: 'Resume work on it' },
    ],
    dateOrder: ca.dateOrder,
  }) as unknown as Kind;

  const records = [
    r.nc(),
    r.ca({ status: 'suspended', started_on: '2026-01-12', due: '2026-06-01' }),
    r.ca({ status: 'planned', due: '2026-06-01' }, 'CA-0002'),
    r.ca({ status: 'in-progress', started_on: '2026-01-12', due: '2026-06-01' }, 'CA-0003'),
  ];
  const input = {
    root: '/nowhere',
    config: { data: configSchema.parse(BASE_CONFIG), source: AT_START },
    files: records.map(([file, data]): RecordFile => ({
      file,
      kind: file.startsWith('actions/') ? suspendable : KINDS.find((k) => file.startsWith(`${k.folder}/`))!,
      id: String(data.id),
      data,
      source: AT_START,
      text: '',
    })),
    scanned: records.length,
    diagnostics: [],
  };
  const result = validate(input, { asOf: '2026-06-30' });

  it('is valid in the records that use it', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is reported overdue, with the steps its lifecycle leaves', () => {
    const overdue = result.diagnostics.filter((d) => d.rule === 'policy/ca-overdue');
    expect(overdue.map((d) => [d.file, d.message, d.hint])).toEqual([
      [
        'actions/CA-0001.yaml',
        'CA-0001 was due by 2026-06-01 and is still suspended',
        'resume it (`cim ca resume CA-0001`) and implement it, or agree a new due date (`cim edit CA-0001 --set due=YYYY-MM-DD`)',
      ],
      [
        'actions/CA-0002.yaml',
        'CA-0002 was due by 2026-06-01 and is still planned',
        'start it (`cim ca start CA-0002`) and implement it, or agree a new due date (`cim edit CA-0002 --set due=YYYY-MM-DD`)',
      ],
      [
        'actions/CA-0003.yaml',
        'CA-0003 was due by 2026-06-01 and is still in-progress',
        'implement it (`cim ca implement CA-0003`), or agree a new due date (`cim edit CA-0003 --set due=YYYY-MM-DD`)',
      ],
    ]);
  });

  it('is among the items due, with the step out of it as the next one', () => {
    expect(dueItems(result.register!).filter((i) => i.id === 'CA-0001')).toEqual([
      {
        id: 'CA-0001',
        kind: 'ca',
        title: 'Automate access review reminders',
        what: 'implementation',
        due: '2026-06-01',
        owner: 'alice',
        next: { summary: 'Resume work on it', command: 'cim ca resume CA-0001' },
      },
    ]);
  });
});

describe('hints that name the next step, read from the lifecycle', () => {
  const hint = async (files: readonly (readonly [string, Record<string, unknown>])[], rule: string) =>
    (await check(Object.fromEntries(files))).diagnostics.find((d) => d.rule === rule)?.hint;

  it.each([
    [
      'policy/nc-response-overdue',
      [r.nc({ raised_on: '2026-01-10' })],
      'record the correction: `cim nc correct NC-0001`',
    ],
    [
      'policy/audit-overdue',
      [r.audit({ planned: '2026-04' })],
      'start it (`cim audit start AUD-0001`), re-plan it, or cancel it with a reason',
    ],
    [
      'policy/audit-unreported',
      [r.audit({ status: 'in-progress', conducted: { from: '2026-05-01', to: '2026-05-02' } })],
      'record the report: `cim audit report AUD-0001`',
    ],
    [
      'mrt/not-held',
      [r.ofi({ status: 'accepted', decision: { in: 'MRT-0001', on: '2026-03-01' }, due: '2026-12-31' }), r.mrt()],
      'record the meeting first (`cim mrt hold MRT-0001`)',
    ],
  ] as const)('%s', async (rule, files, expected) => {
    expect(await hint(files, rule)).toBe(expected);
  });
});
