// The Continual Improvement Policy: the policy text is the template's; every name, number and date
// in it comes from cim.yaml. The text of a version is the same whatever date it is generated as of:
// the compliance measurement, which changes from day to day, is an annex dated as of its date.
import { addMonths } from '../domain/dates.js';
import type { ROLES } from '../domain/config.js';
import type { Diagnostic } from '../domain/diagnostics.js';
import { CONTROLS, requirementTitle } from '../domain/iso27001.js';
import { audit, ca, exception, nc } from '../domain/kinds/index.js';
import { entriesWith, heldReviews, isVoid, liveEntries } from '../domain/queries.js';
import { entriesOf, type Register } from '../domain/register.js';
import {
  POLICY_AUDIT_NOT_PRESENTED,
  POLICY_AUDIT_UNREPORTED,
  POLICY_CA_OVERDUE,
  POLICY_DEPARTURE,
  POLICY_EXCEPTION_EXPIRED,
  POLICY_MRT_ACTION_OVERDUE,
  POLICY_MRT_ACTION_STALE,
  POLICY_MRT_OVERDUE,
  POLICY_NC_OVERDUE,
  POLICY_NC_RESPONSE_OVERDUE,
  POLICY_SELF_APPROVED,
  POLICY_SETTING_LIMIT,
  POLICY_VERSION_HISTORY,
  POLICY_VERSION_UNAPPROVED,
} from '../domain/validate/rule-ids.js';
import { CHANGE_REVIEW_WITHIN_DAYS, DETECTION_GAP_DAYS } from '../domain/validate/compliance/improvement.js';
import { latestVersion } from '../domain/validate/compliance/documents.js';
import { bound, isBeyond, SETTING_LIMITS, settingValue } from '../domain/validate/compliance/settings.js';
import { count, longDate, personName, prose } from './format.js';

/** Clauses and controls the policy puts into practice, and how: each a rule or step of cim. */
const ADDRESSED: readonly [string, string][] = [
  ['4.1', 'Each management review records the changes in internal and external issues it considered'],
  ['4.2', 'Changes in legal, regulatory and contractual requirements are recorded and assessed'],
  ['5.2', 'This policy: owned, approved by someone other than its owner, and reviewed on a fixed interval'],
  ['6.2', 'Objectives are recorded with their measures and targets and reviewed against them'],
  ['6.3', 'Changes to the ISMS are proposed, approved before they are made, and reviewed after implementation'],
  ['7.5', 'Each version of this policy records who approved it and when; the register is kept in version control'],
  ['9.1', 'Compliance with this policy is measured from the register'],
  ['9.2', 'Internal audits are planned, conducted by people independent of the areas audited, and reported'],
  ['9.3', 'Each management review records every input clause 9.3.2 lists'],
  ['10.1', 'Opportunities for improvement are recorded and decided'],
  ['10.2', 'Nonconformities are corrected, analysed and closed only after effective corrective action'],
  ['A.5.24', 'Incidents are recorded and closed only with their lessons learned'],
  ['A.5.27', 'Each incident closes with the improvements it raised, or the reason none is needed'],
  ['A.5.31', 'Legal, statutory, regulatory and contractual requirements are tracked'],
  ['A.5.35', 'Certification, client and third-party audits are recorded with their findings'],
  ['A.5.36', 'Compliance with this policy is measured, and exceptions are approved for a limited time'],
  ['A.8.32', 'Changes to information processing facilities follow the change process'],
];

type Role = (typeof ROLES)[number];

/** What each role in cim.yaml does under this policy, in the order the roles section lists them. */
const ROLE_DUTIES: readonly [Role, string, string][] = [
  ['top-management', 'Top management', 'Leads the ISMS and is accountable for its effectiveness'],
  [
    'isms-manager',
    'ISMS manager',
    'Runs the ISMS day to day, keeps the register and measures compliance with this policy',
  ],
  [
    'mrt-member',
    'Management Review Team',
    'Reviews the ISMS at the intervals this policy sets and decides on improvement',
  ],
  ['internal-auditor', 'Internal auditors', 'Conduct internal audits of areas they neither work in nor own'],
  ['process-owner', 'Process owners', 'Own processes of the ISMS and the improvements made to them'],
  ['risk-owner', 'Risk owners', 'Accept and treat the information security risks assigned to them'],
  ['staff', 'Staff', 'Follow this policy, and report the nonconformities and incidents they find'],
];

export interface PolicyModel {
  readonly organisation: string;
  readonly title: string;
  readonly version: string;
  readonly classification: string;
  readonly owner: string;
  readonly approver: string;
  /** Who approved the version in force, and when, as its history records it. */
  readonly approvedBy: string;
  readonly approvedOn: string;
  readonly reviewedOn: string;
  readonly nextReview: string;
  readonly reviewIntervalMonths: number;
  readonly history: readonly {
    version: string;
    date: string;
    author: string;
    approvedBy: string;
    approvedOn: string;
    changes: string;
  }[];
  readonly deadlines: readonly { grade: string; respond: string; close: string }[];
  readonly effectivenessMinDays: string;
  readonly mrt: { readonly cadence: string; readonly members: string };
  readonly ismsManagers: string;
  readonly roles: readonly { role: string; duty: string; people: string }[];
  readonly auditCycle: string;
  readonly excluded: readonly { control: string; title: string; reason: string }[];
  readonly applicableControls: number;
  readonly areas: readonly { name: string; owner: string }[];
  readonly exceptionMaxDays: string;
  /** The stage 2 certification audit's date, or '' when cim.yaml sets none. */
  readonly stage2On: string;
  readonly objectiveReview: string;
  readonly ofiDecideDays: string;
  readonly detectionGap: string;
  readonly changeReviewWithin: string;
  readonly departures: readonly { setting: string; value: string; limit: string; reason: string; approvedBy: string }[];
  readonly addressed: readonly { id: string; title: string; how: string }[];
  /** The one part that depends on the date: the measures as the register stands then. */
  readonly annex: { readonly asOf: string; readonly measures: readonly Measure[] };
}

interface Measure {
  readonly measure: string;
  readonly target: string;
  readonly result: string;
}

const NOT_RECORDED = 'not recorded';

export function policyModel(register: Register, asOf: string, diagnostics: readonly Diagnostic[]): PolicyModel {
  const { config } = register;
  const { policy } = config;
  const rolesOf = (role: Role) => config.people.filter((p) => p.roles.includes(role));
  const members = rolesOf('mrt-member').map((p) => p.name);
  const excluded = config.audit_programme.excluded_controls.map((x) => ({
    control: String(x.control),
    title: requirementTitle(String(x.control)) ?? '',
    reason: x.reason,
  }));
  const inForce = latestVersion(policy.history)?.entry;
  const approval = inForce?.version === policy.version ? inForce : undefined;
  return {
    organisation: config.organisation,
    title: policy.title,
    version: policy.version,
    classification: policy.classification,
    owner: personName(register, policy.owner),
    approver: personName(register, policy.approver),
    approvedBy: approval?.approved_by ? personName(register, approval.approved_by) : NOT_RECORDED,
    approvedOn: approval?.approved_on ? longDate(approval.approved_on) : NOT_RECORDED,
    reviewedOn: longDate(policy.reviewed_on),
    nextReview: longDate(addMonths(policy.reviewed_on, policy.review_interval_months)),
    reviewIntervalMonths: policy.review_interval_months,
    history: [...policy.history]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((h) => ({
        version: h.version,
        date: longDate(h.date),
        author: personName(register, h.author),
        approvedBy: h.approved_by ? personName(register, h.approved_by) : NOT_RECORDED,
        approvedOn: h.approved_on ? longDate(h.approved_on) : NOT_RECORDED,
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
    roles: roles(register),
    auditCycle: count(config.audit_programme.cycle_years, 'year'),
    excluded,
    applicableControls: CONTROLS.length - excluded.length,
    areas: [...config.areas]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((a) => ({ name: a.name, owner: personName(register, a.owner) })),
    exceptionMaxDays: count(config.exceptions.max_days, 'day'),
    stage2On: config.certification?.stage2_on ? longDate(config.certification.stage2_on) : '',
    objectiveReview: count(config.objectives.review_interval_months, 'month'),
    ofiDecideDays: count(config.improvements.decide_within_days, 'day'),
    detectionGap: count(DETECTION_GAP_DAYS, 'day'),
    changeReviewWithin: count(CHANGE_REVIEW_WITHIN_DAYS, 'day'),
    departures: departuresOf(register),
    addressed: ADDRESSED.map(([id, how]) => ({ id, title: requirementTitle(id) ?? '', how })),
    annex: { asOf: longDate(asOf), measures: measures(register, asOf, diagnostics) },
  };
}

/** The policy's owner and approver, then each role someone holds in cim.yaml, with their names. */
function roles(register: Register): PolicyModel['roles'] {
  const { policy, people } = register.config;
  const named = (ids: readonly string[]) => prose(ids.map((id) => personName(register, id)));
  return [
    {
      role: 'Policy owner',
      duty: 'Accountable for this policy; writes each version of it',
      people: named([policy.owner]),
    },
    { role: 'Policy approver', duty: 'Approves each version of this policy', people: named([policy.approver]) },
    ...ROLE_DUTIES.flatMap(([role, title, duty]) => {
      const holders = people.filter((p) => p.roles.includes(role)).map((p) => p.name);
      return holders.length ? [{ role: title, duty, people: prose(holders) }] : [];
    }),
  ];
}

/** Each setting cim.yaml sets beyond its usual limit, with the departure recorded for it, if any. */
function departuresOf(register: Register): PolicyModel['departures'] {
  return SETTING_LIMITS.flatMap((limit) => {
    const value = settingValue(register.config, limit.setting);
    if (typeof value !== 'number' || !isBeyond(limit, value)) return [];
    const d = register.config.departures.find((x) => x.setting === limit.setting);
    return [
      {
        setting: limit.setting,
        value: count(value, limit.unit),
        limit: bound(limit),
        reason: d?.reason ?? 'no departure recorded',
        approvedBy: d?.approved_by ? personName(register, d.approved_by) : NOT_RECORDED,
      },
    ];
  });
}

const found = (n: number) => (n === 0 ? 'Met' : `${count(n, 'problem')} found: run \`cim validate\``);

/** What the compliance measurement annex reports, each against the policy's own target. */
function measures(register: Register, asOf: string, diagnostics: readonly Diagnostic[]): Measure[] {
  const year = asOf.slice(0, 4);
  const since = addMonths(asOf, -12);
  const warnings = (...rules: string[]) => diagnostics.filter((d) => rules.includes(d.rule)).length;
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
      result: `${reported.length} reported; ${warnings(POLICY_AUDIT_NOT_PRESENTED, POLICY_AUDIT_UNREPORTED)} awaiting report or presentation`,
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
      result: `${warnings(POLICY_MRT_ACTION_OVERDUE, POLICY_MRT_ACTION_STALE)} overdue`,
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
    {
      measure: 'Document control of this policy',
      target: 'Every version recorded and approved by someone other than its owner or author',
      result: found(warnings(POLICY_VERSION_HISTORY, POLICY_VERSION_UNAPPROVED, POLICY_SELF_APPROVED)),
    },
    {
      measure: 'Settings of the register',
      target: 'Within the usual limits, or each departure recorded with its reason and approver',
      result: found(warnings(POLICY_SETTING_LIMIT, POLICY_DEPARTURE)),
    },
  ];
}
