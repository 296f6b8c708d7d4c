// The audit programme and its auditors (9.2, 9.2.2, 7.2): each rule once where it fires and once
// where the same register, corrected, passes; then what the messages say.
import { describe, expect, it } from 'vitest';
import { programmeModel } from '../../src/docs/programme.js';
import { groupsCovered } from '../../src/domain/validate/compliance/programme.js';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

type Files = Record<string, unknown>;
interface Case {
  readonly name: string;
  readonly rule: string;
  readonly fires: Files;
  readonly passes: Files;
  readonly asOf?: string;
}

const f = r.files;

/** The base people, with alice (the ISMS manager) in no area, and two more: an internal auditor
 * with training records, and a member of staff. */
const PEOPLE = [
  { id: 'alice', name: 'Alice Example', roles: ['isms-manager', 'mrt-member', 'internal-auditor'], areas: [] },
  ...BASE_CONFIG.people.slice(1),
  {
    id: 'dave',
    name: 'Dave Example',
    roles: ['internal-auditor'],
    areas: [],
    competence: [
      {
        course: 'ISO 27001 internal auditor',
        date: '2023-01-10',
        evidence: 'Certificate TR-1',
        expires_on: '2026-01-09',
      },
    ],
  },
  { id: 'erin', name: 'Erin Example', roles: ['staff'], areas: [] },
];
const RENEWED = {
  course: 'Internal audit refresher',
  date: '2026-01-05',
  evidence: 'Attendance record TR-2',
  expires_on: '2029-01-04',
};
const LAPSED = {
  course: 'ISO 27001 internal auditor',
  date: '2023-01-10',
  evidence: 'Certificate TR-1',
  expires_on: '2026-01-09',
};
const withRenewal = PEOPLE.map((p) => (p.id === 'dave' ? { ...p, competence: [LAPSED, RENEWED] } : p));

const config = (overrides: Record<string, unknown> = {}) => ({
  'cim.yaml': { ...BASE_CONFIG, people: PEOPLE, ...overrides },
});
const owning = (it: string[], hr: string[]) => [
  { id: 'it', name: 'IT', owner: 'alice', owns: it },
  { id: 'hr', name: 'HR', owner: 'bob', owns: hr },
];

const ALL = ['4', '5', '6', '7', '8', '9', '10', 'A.5', 'A.6', 'A.7', 'A.8'];
const CLAUSES = ['4', '5', '6', '7', '8', '9', '10'];

const reported = (over: Record<string, unknown> = {}, id = 'AUD-0001') =>
  r.audit(
    {
      status: 'reported',
      conducted: { from: '2026-02-01', to: '2026-02-03' },
      report: { date: '2026-02-10', conclusion: 'Mostly effective.', findings: [] },
      ...over,
    },
    id,
  );

const registerCases: Case[] = [
  {
    name: 'an internal audit with no areas and none derived',
    rule: 'audit/areas',
    fires: f(r.audit({ areas: undefined })),
    passes: { ...config({ areas: owning(['9'], []) }), ...f(r.audit({ areas: undefined })) },
  },
  {
    name: 'an auditor from the area that owns a criterion, areas not named',
    rule: 'independence/auditor',
    fires: { ...config({ areas: owning([], ['7']) }), ...f(r.audit({ areas: undefined, criteria: ['7.2'] })) },
    passes: { ...config({ areas: owning(['7'], []) }), ...f(r.audit({ areas: undefined, criteria: ['7.2'] })) },
  },
  {
    name: 'an auditor from the area that owns a criterion, other areas named',
    rule: 'independence/auditor',
    fires: { ...config({ areas: owning([], ['A.5']) }), ...f(r.audit({ areas: ['it'], criteria: ['A.5.15'] })) },
    passes: { ...config({ areas: owning([], ['A.6']) }), ...f(r.audit({ areas: ['it'], criteria: ['A.5.15'] })) },
  },
  {
    name: 'the ISMS manager auditing clauses 4–10',
    rule: 'independence/isms-manager',
    fires: { ...config(), ...f(r.audit({ areas: ['hr'], lead_auditor: 'alice', criteria: ['9.2'] })) },
    passes: { ...config(), ...f(r.audit({ areas: ['hr'], lead_auditor: 'alice', criteria: ['A.5.15'] })) },
  },
  {
    name: 'the ISMS manager as a supporting auditor',
    rule: 'independence/isms-manager',
    fires: { ...config(), ...f(r.audit({ areas: ['hr'], lead_auditor: 'dave', auditors: ['alice'] })) },
    passes: { ...config(), ...f(r.audit({ areas: ['hr'], lead_auditor: 'dave', auditors: ['erin'] })) },
  },
  {
    name: 'a lead auditor who is not an internal auditor',
    rule: 'competence/lead-auditor-role',
    fires: { ...config(), ...f(r.audit({ lead_auditor: 'erin' })) },
    passes: { ...config(), ...f(r.audit({ lead_auditor: 'erin', type: 'client', agreement: 'MSA 12' })) },
  },
  {
    name: 'a lead auditor whose training lapsed before fieldwork',
    rule: 'competence/lead-auditor-lapsed',
    fires: { ...config(), ...f(reported({ lead_auditor: 'dave' })) },
    passes: { ...config({ people: withRenewal }), ...f(reported({ lead_auditor: 'dave' })) },
  },
  {
    name: 'a lead auditor trained only after fieldwork began',
    rule: 'competence/lead-auditor-lapsed',
    fires: {
      ...config({ people: withRenewal }),
      ...f(reported({ lead_auditor: 'dave', conducted: { from: '2023-01-02', to: '2023-01-04' } })),
    },
    passes: {
      ...config({ people: withRenewal }),
      ...f(reported({ lead_auditor: 'dave', conducted: { from: '2023-01-12', to: '2023-01-14' } })),
    },
  },
  {
    name: 'a competence record that lapses before it was completed',
    rule: 'date/order',
    fires: config({
      people: PEOPLE.map((p) =>
        p.id === 'dave' ? { ...p, competence: [{ ...RENEWED, expires_on: '2025-01-04' }] } : p,
      ),
    }),
    passes: config({ people: withRenewal }),
  },
];

const heldBefore = (on: string) => r.heldMrt({ held_on: on, created: on });

const complianceCases: Case[] = [
  {
    name: 'coverage counted from a certification audit',
    rule: 'policy/coverage',
    fires: {
      ...config({ started_on: '2022-01-01' }),
      ...f(reported({ type: 'certification', body: 'Example Certification Ltd', criteria: ALL })),
    },
    passes: { ...config({ started_on: '2022-01-01' }), ...f(reported({ criteria: ALL })) },
  },
  {
    name: 'nothing internally audited halfway through the first cycle',
    rule: 'policy/coverage',
    fires: config(),
    passes: { ...config(), ...f(reported({ criteria: ['4', '5', '6', '7', '8', 'A.5', 'A.6', 'A.7.1'] })) },
  },
  {
    name: 'a new register, in its first 90 days',
    rule: 'policy/coverage',
    fires: config({ started_on: '2026-03-01' }),
    passes: config({ started_on: '2026-05-01' }),
  },
  {
    name: 'stage 2 passed without a full internal audit and a management review before it',
    rule: 'policy/stage2-readiness',
    fires: {
      ...config({ certification: { stage2_on: '2026-06-01' } }),
      ...f(reported({ criteria: ['4', '5', '6', '7', '8', '9'] })),
    },
    passes: {
      ...config({ certification: { stage2_on: '2026-06-01' } }),
      ...f(reported({ criteria: CLAUSES }), heldBefore('2026-03-01')),
    },
  },
  {
    name: 'stage 2 within 90 days, with clauses neither audited nor planned before it',
    rule: 'policy/stage2-readiness',
    fires: {
      ...config({ certification: { stage2_on: '2026-08-20' } }),
      ...f(r.audit({ criteria: ['4', '5', '6'], planned: '2026-07' }), r.mrt({ scheduled_on: '2026-08-01' })),
    },
    passes: {
      ...config({ certification: { stage2_on: '2026-08-20' } }),
      ...f(r.audit({ criteria: CLAUSES, planned: '2026-07' }), r.mrt({ scheduled_on: '2026-08-01' })),
    },
  },
  {
    name: 'stage 2 more than 90 days away, or before the register started',
    rule: 'policy/stage2-readiness',
    fires: config({ certification: { stage2_on: '2026-09-20' } }),
    passes: {
      ...config({ certification: { stage2_on: '2026-10-20' } }),
      ...f(r.audit({ criteria: CLAUSES })),
    },
  },
  {
    name: 'a one-day internal audit of everything',
    rule: 'policy/audit-scope',
    fires: f(reported({ criteria: ALL, conducted: { from: '2026-02-01', to: '2026-02-01' } })),
    passes: f(reported({ criteria: ALL, conducted: { from: '2026-02-01', to: '2026-02-03' } })),
  },
  {
    name: 'a lead auditor whose training lapses before a planned audit',
    rule: 'policy/auditor-competence',
    fires: { ...config(), ...f(r.audit({ lead_auditor: 'dave', planned: '2026-09' })) },
    passes: { ...config({ people: withRenewal }), ...f(r.audit({ lead_auditor: 'dave', planned: '2026-09' })) },
  },
];

describe.each([
  ['register rules', registerCases],
  ['policy compliance', complianceCases],
])('%s', (_layer, cases) => {
  it.each(cases)('$rule: $name', async ({ rule, fires, passes, asOf }) => {
    const bad = await check(fires, asOf ? { asOf } : {});
    const good = await check(passes, asOf ? { asOf } : {});
    expect(rules(bad)).toContain(rule);
    expect(rules(good)).not.toContain(rule);
    expect(rules(good, 'error')).toEqual([]);
    for (const d of bad.diagnostics.filter((x) => x.rule === rule)) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.hint).toMatch(/cim |cim\.yaml/);
    }
  });
});

const messages = async (files: Files, rule: string, asOf = '2026-06-30') =>
  (await check(files, { asOf })).diagnostics.filter((d) => d.rule === rule).map((d) => d.message);

describe('what the audit programme rules say', () => {
  it('names the audit with no area and the flag that gives one', async () => {
    const result = await check(f(r.audit({ areas: undefined })));
    const d = result.diagnostics.find((x) => x.rule === 'audit/areas')!;
    expect(d.message).toBe(
      'AUD-0001 is an internal audit that names no area it audits, and no area in cim.yaml owns its criteria: the independence of its auditors cannot be judged',
    );
    expect(d.hint).toContain('--areas');
    expect(d.hint).toContain('areas[].owns');
  });

  it('says when an area is audited because it owns a criterion: 7 covers 7.2, A.5 covers A.5.15', async () => {
    expect(
      await messages(
        { ...config({ areas: owning([], ['7']) }), ...f(r.audit({ areas: undefined, criteria: ['7.2'] })) },
        'independence/auditor',
      ),
    ).toEqual([
      'lead auditor bob works in hr, which cim.yaml says runs clauses or controls this internal audit covers',
    ]);
    expect(
      await messages(
        {
          ...config({ areas: owning(['A.5.15'], []) }),
          ...f(r.audit({ areas: ['hr'], criteria: ['A.5'], lead_auditor: 'dave', auditors: ['erin', 'bob'] })),
        },
        'independence/auditor',
      ),
    ).toEqual(['auditor bob works in hr, an area this internal audit covers']);
  });

  it('says what the ISMS manager runs', async () => {
    expect(
      await messages(
        { ...config(), ...f(r.audit({ areas: ['hr'], lead_auditor: 'alice', criteria: ['9'] })) },
        'independence/isms-manager',
      ),
    ).toEqual([
      'lead auditor alice is the ISMS manager, who runs the management system clauses 4–10 that AUD-0001 audits: no one audits their own work',
    ]);
  });

  it('names the lapsed course and its date, or that the training came after the audit', async () => {
    expect(
      await messages({ ...config(), ...f(reported({ lead_auditor: 'dave' })) }, 'competence/lead-auditor-lapsed'),
    ).toEqual([
      "lead auditor dave's competence (ISO 27001 internal auditor) lapsed on 2026-01-09, before AUD-0001's fieldwork began on 2026-02-01",
    ]);
    expect(
      await messages(
        {
          ...config(),
          ...f(
            reported({
              lead_auditor: 'dave',
              conducted: { from: '2022-12-01', to: '2022-12-02' },
              report: undefined,
              status: 'in-progress',
            }),
          ),
        },
        'competence/lead-auditor-lapsed',
      ),
    ).toEqual([
      "lead auditor dave had no competence recorded in cim.yaml as completed by 2022-12-01, when AUD-0001's fieldwork began",
    ]);
  });

  it('does not judge the competence of a person with no records of it', async () => {
    expect(rules(await check(f(reported())))).not.toContain('competence/lead-auditor-lapsed');
  });

  it('counts certification audits apart from internal coverage, and says so', async () => {
    const [clauses] = await messages(
      {
        ...config({ started_on: '2022-01-01' }),
        ...f(
          reported({ criteria: ['4', '5', '6', '7', '8', '9', 'A.5', 'A.6', 'A.7', 'A.8'] }),
          reported({ type: 'surveillance', body: 'Example Certification Ltd', criteria: ['10'] }, 'AUD-0002'),
        ),
      },
      'policy/coverage',
    );
    expect(clauses).toBe(
      'clauses not internally audited since 2023-06-30 (3-year cycle): 10.1, 10.2 (certification and client audits covered 2 of them: their assurance, not internal audit)',
    );
  });

  it('judges the first cycle pro rata, rounding down to whole requirements', async () => {
    // 545 of the cycle's 1096 days: 49%, so 11 of 23 clauses and 46 of 93 controls.
    const [clauses, controls] = await messages(
      { ...config(), ...f(reported({ criteria: ['4', '5', '6'] })) },
      'policy/coverage',
    );
    expect(clauses).toMatch(
      /^10 of 23 clauses internally audited since the register started on 2025-01-01: 49% into its first 3-year cycle, at least 11 should be/,
    );
    expect(controls).toMatch(
      /^0 of 93 applicable controls internally audited .* at least 46 should be\. Not yet audited: A\.5\.1, /,
    );
  });

  it('passes the first cycle once pro rata coverage is met', async () => {
    const result = await check({
      ...config(),
      ...f(reported({ criteria: ['4', '5', '6', '7', '8', 'A.5', 'A.6', 'A.7.1'] })),
    });
    expect(rules(result)).not.toContain('policy/coverage');
  });

  it('lists what stage 2 lacks, before and after its date', async () => {
    const before = {
      ...config({ certification: { stage2_on: '2026-08-20' } }),
      ...f(r.audit({ criteria: ['4', '5', '6', '7', '8', '9'], planned: '2026-07' })),
    };
    expect(await messages(before, 'policy/stage2-readiness')).toEqual([
      'the stage 2 audit is on 2026-08-20, and clauses 10.1, 10.2 are neither internally audited nor in an internal audit planned before it',
      'the stage 2 audit is on 2026-08-20, and no management review is held or scheduled before it',
    ]);
    // A planned audit or a scheduled review no longer answers once stage 2 has passed.
    expect(await messages(before, 'policy/stage2-readiness', '2026-08-25')).toEqual([
      'clauses not internally audited before the stage 2 audit on 2026-08-20: 4.1, 4.2, 4.3, 4.4, 5.1, 5.2, 5.3, 6.1, 6.2, 6.3, 7.1, 7.2, 7.3, 7.4, 7.5, 8.1, 8.2, 8.3, 9.1, 9.2, 9.3, 10.1, 10.2',
      'no management review was held before the stage 2 audit on 2026-08-20',
    ]);
    // A stage 2 before the register started has no evidence here to judge.
    expect(await messages(config({ certification: { stage2_on: '2024-06-01' } }), 'policy/stage2-readiness')).toEqual(
      [],
    );
  });

  it('counts groups by the share of each covered, and judges scope by days_per_group', async () => {
    expect(groupsCovered(ALL)).toBe(11);
    expect(groupsCovered(['9', 'A.8'])).toBe(2);
    expect(groupsCovered(['9.2'])).toBeCloseTo(1 / 3);
    const oneDay = reported({ criteria: ALL, conducted: { from: '2026-02-01', to: '2026-02-01' } });
    expect(await messages(f(oneDay), 'policy/audit-scope')).toEqual([
      'AUD-0001 claims criteria worth 11 of the 11 groups (clauses 4–10, themes A.5–A.8) from 1 day of fieldwork; at 0.25 days a group that takes at least 3: its scope is not plausible',
    ]);
    expect(
      await messages({ ...config({ audit_programme: { days_per_group: 0.05 } }), ...f(oneDay) }, 'policy/audit-scope'),
    ).toEqual([]);
    // A certification audit's days are its body's to judge; an old audit no longer counts.
    expect(
      await messages(
        f(
          reported({
            type: 'certification',
            body: 'Cert Ltd',
            criteria: ALL,
            conducted: { from: '2026-02-01', to: '2026-02-01' },
          }),
        ),
        'policy/audit-scope',
      ),
    ).toEqual([]);
  });

  it('warns of a lapse before a planned audit, not once the audit is done', async () => {
    expect(
      await messages(
        { ...config(), ...f(r.audit({ lead_auditor: 'dave', planned: '2026-09' })) },
        'policy/auditor-competence',
      ),
    ).toEqual([
      "AUD-0001 is planned for 2026-09, and lead auditor dave's competence (ISO 27001 internal auditor) lapsed on 2026-01-09, before it",
    ]);
  });
});

describe('the audit programme document', () => {
  it('counts only internal audits as coverage', async () => {
    const result = await check(
      f(
        reported({ type: 'certification', body: 'Example Certification Ltd', criteria: ['9'] }),
        reported({ criteria: ['10'] }, 'AUD-0002'),
      ),
    );
    const model = programmeModel(result.register!, 2026, '2026-06-30');
    expect(model.clauses.find((c) => c.id === '9.2')?.state).toBe('gap');
    const audited = model.clauses.find((c) => c.id === '10.1');
    expect(audited?.state).toBe('audited');
    expect(audited?.by).toContain('AUD-0002');
    expect(model.groups[1]!.audits.map((a) => a.id)).toEqual(['AUD-0001']);
  });
});
