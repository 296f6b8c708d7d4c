// The Continual Improvement Policy: the policy text is the template's; every name, number and date
// in it comes from cim.yaml, and the compliance measurement from the register as of a date.
import { addMonths } from '../domain/dates.js';
import type { Diagnostic } from '../domain/diagnostics.js';
import { CONTROLS, requirementTitle } from '../domain/iso27001.js';
import { audit, ca, exception, nc } from '../domain/kinds/index.js';
import { entriesWith, heldReviews, isVoid, liveEntries } from '../domain/queries.js';
import { entriesOf, type Register } from '../domain/register.js';
import {
  POLICY_AUDIT_NOT_PRESENTED,
  POLICY_AUDIT_UNREPORTED,
  POLICY_CA_OVERDUE,
  POLICY_EXCEPTION_EXPIRED,
  POLICY_MRT_ACTION_OVERDUE,
  POLICY_MRT_ACTION_STALE,
  POLICY_MRT_OVERDUE,
  POLICY_NC_OVERDUE,
  POLICY_NC_RESPONSE_OVERDUE,
} from '../domain/validate/rule-ids.js';
import { count, longDate, personName, prose } from './format.js';

/** Clauses and controls the policy puts into practice, and how. */
const ADDRESSED: readonly [string, string][] = [
  ['4.1', 'Changes in internal and external issues are reviewed by the Management Review Team'],
  ['4.2', 'Legal, regulatory and contractual changes are recorded and assessed'],
  ['5.2', 'This policy, owned, approved and reviewed on a fixed interval'],
  ['6.2', 'Objectives are reviewed against their measures and targets'],
  ['6.3', 'Changes to the ISMS are planned, approved and reviewed after implementation'],
  ['9.1', 'Compliance with this policy is measured from the register'],
  ['9.2', 'Internal audits are planned, independent and reported'],
  ['9.3', 'The Management Review Team considers every input clause 9.3.2 lists'],
  ['10.1', 'Opportunities for improvement are recorded, decided and followed through'],
  ['10.2', 'Nonconformities are corrected, analysed and closed only after effective corrective action'],
  ['A.5.24', 'Incidents are managed to closure with lessons learned'],
  ['A.5.27', 'Lessons from incidents feed improvement'],
  ['A.5.31', 'Legal, statutory, regulatory and contractual requirements are tracked'],
  ['A.5.35', 'External and client audits provide independent review'],
  ['A.5.36', 'Compliance with this policy is measured and exceptions are controlled'],
  ['A.8.32', 'Changes follow change management'],
];

export interface PolicyModel {
  readonly organisation: string;
  readonly title: string;
  readonly version: string;
  readonly classification: string;
  readonly owner: string;
  readonly approver: string;
  readonly reviewedOn: string;
  readonly nextReview: string;
  readonly reviewIntervalMonths: number;
  readonly asOf: string;
  readonly history: readonly { version: string; date: string; author: string; changes: string }[];
  readonly deadlines: readonly { grade: string; respond: string; close: string }[];
  readonly effectivenessMinDays: string;
  readonly mrt: { readonly cadence: string; readonly members: string };
  readonly ismsManagers: string;
  readonly auditCycle: string;
  readonly excluded: readonly { control: string; title: string; reason: string }[];
  readonly applicableControls: number;
  readonly areas: readonly { name: string; owner: string }[];
  readonly exceptionMaxDays: string;
  readonly measures: readonly { measure: string; target: string; result: string }[];
  readonly addressed: readonly { id: string; title: string; how: string }[];
}

export function policyModel(register: Register, asOf: string, diagnostics: readonly Diagnostic[]): PolicyModel {
  const { config } = register;
  const { policy } = config;
  const rolesOf = (role: string) => config.people.filter((p) => (p.roles as string[]).includes(role));
  const members = rolesOf('mrt-member').map((p) => p.name);
  const excluded = config.audit_programme.excluded_controls.map((x) => ({
    control: String(x.control),
    title: requirementTitle(String(x.control)) ?? '',
    reason: x.reason,
  }));
  return {
    organisation: config.organisation,
    title: policy.title,
    version: policy.version,
    classification: policy.classification,
    owner: personName(register, policy.owner),
    approver: personName(register, policy.approver),
    reviewedOn: longDate(policy.reviewed_on),
    nextReview: longDate(addMonths(policy.reviewed_on, policy.review_interval_months)),
    reviewIntervalMonths: policy.review_interval_months,
    asOf: longDate(asOf),
    history: [...policy.history]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((h) => ({
        version: h.version,
        date: longDate(h.date),
        author: personName(register, h.author),
        changes: h.changes,
      })),
    deadlines: (['major', 'minor'] as const).map((grade) => ({
      grade: grade === 'major' ? 'Major' : 'Minor',
      respond: count(config.deadlines[grade].respond_days, 'day'),
      close: count(config.deadlines[grade].close_days, 'day'),
    })),
    effectivenessMinDays: count(config.corrective_actions.effectiveness_review_min_days, 'day'),
    mrt: {
      cadence: count(config.management_review.cadence_months, 'month'),
      members: members.length ? prose(members) : 'the members named by top management',
    },
    ismsManagers: prose(rolesOf('isms-manager').map((p) => p.name)) || personName(register, policy.owner),
    auditCycle: count(config.audit_programme.cycle_years, 'year'),
    excluded,
    applicableControls: CONTROLS.length - excluded.length,
    areas: [...config.areas]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((a) => ({ name: a.name, owner: personName(register, a.owner) })),
    exceptionMaxDays: count(config.exceptions.max_days, 'day'),
    measures: measures(register, asOf, diagnostics),
    addressed: ADDRESSED.map(([id, how]) => ({ id, title: requirementTitle(id) ?? '', how })),
  };
}

/** What the compliance measurement section reports, each against the policy's own target. */
function measures(register: Register, asOf: string, diagnostics: readonly Diagnostic[]) {
  const year = asOf.slice(0, 4);
  const since = addMonths(asOf, -12);
  const warnings = (rule: string) => diagnostics.filter((d) => d.rule === rule).length;
  const internal = entriesOf(register, audit).filter((e) => e.data.type === 'internal');
  const reported = internal.filter((e) => (e.data.report?.date ?? '') > since && e.data.report!.date <= asOf);
  const plannedThisYear = internal.filter(
    (e) =>
      !isVoid(audit, e.data.status) && (e.data.planned.startsWith(year) || e.data.conducted?.from.startsWith(year)),
  );
  const openNcs = liveEntries(register, nc);
  const reviewed = entriesOf(register, ca).filter(
    (e) => e.data.effectiveness && e.data.effectiveness.reviewed_on > since && e.data.effectiveness.reviewed_on <= asOf,
  );
  const effective = reviewed.filter((e) => e.data.effectiveness!.result === 'effective').length;
  const lastReview = heldReviews(register)
    .filter((m) => m.data.held_on! <= asOf)
    .at(-1);
  const liveExceptions = entriesWith(register, exception, 'in-force');
  const policyDue = addMonths(register.config.policy.reviewed_on, register.config.policy.review_interval_months);
  return [
    {
      measure: `Internal audits planned for ${year}`,
      target: 'At least one',
      result: plannedThisYear.length ? `${plannedThisYear.length} planned` : 'None planned',
    },
    {
      measure: 'Internal audits reported in the last 12 months',
      target: 'Reported and presented to the MRT',
      result: `${reported.length} reported; ${warnings(POLICY_AUDIT_NOT_PRESENTED) + warnings(POLICY_AUDIT_UNREPORTED)} awaiting report or presentation`,
    },
    {
      measure: 'Nonconformities open',
      target: 'Corrected and closed within the deadlines of their grade',
      result: `${openNcs.length} open; ${warnings(POLICY_NC_RESPONSE_OVERDUE)} past the correction deadline; ${warnings(POLICY_NC_OVERDUE)} past the closure deadline`,
    },
    {
      measure: 'Corrective actions',
      target: 'Implemented by their due date',
      result: `${warnings(POLICY_CA_OVERDUE)} overdue`,
    },
    {
      measure: 'Effectiveness reviews in the last 12 months',
      target: 'Every action reviewed; ineffective ones answered',
      result: reviewed.length ? `${effective} of ${reviewed.length} effective` : 'None due',
    },
    {
      measure: 'Management reviews',
      target: `At least every ${count(register.config.management_review.cadence_months, 'month')}`,
      result: lastReview
        ? `Last held ${longDate(lastReview.data.held_on)}${warnings(POLICY_MRT_OVERDUE) ? '; the next is overdue' : ''}`
        : 'None held yet',
    },
    {
      measure: 'Management review actions',
      target: 'Done by their due date',
      result: `${warnings(POLICY_MRT_ACTION_OVERDUE) + warnings(POLICY_MRT_ACTION_STALE)} overdue`,
    },
    {
      measure: 'Policy exceptions',
      target: 'Approved for a limited time, recorded as expired when they lapse',
      result: `${liveExceptions.length} in force; ${warnings(POLICY_EXCEPTION_EXPIRED)} past expiry`,
    },
    {
      measure: 'This policy',
      target: 'Reviewed at least every ' + count(register.config.policy.review_interval_months, 'month'),
      result:
        policyDue < asOf ? `Review overdue since ${longDate(policyDue)}` : `Next review by ${longDate(policyDue)}`,
    },
  ];
}
