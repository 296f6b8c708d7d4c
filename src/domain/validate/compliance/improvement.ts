// Policy compliance of incidents, objectives, OFIs, changes and legal changes, as of a date: the
// notifications an incident owes, a detection that came late, objectives measured and reviewed,
// OFIs decided and implemented in time, changes reviewed after they were made, legal changes
// assessed before they take effect.
import { addDays, addMonths, daysBetween } from '../../dates.js';
import { change, incident, lrc, nc, objective, ofi } from '../../kinds/index.js';
import { entriesWith, isLive, liveEntries, passedDeadlines } from '../../queries.js';
import { entriesOf, type Register } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_CHANGE_UNREVIEWED,
  POLICY_INCIDENT_DETECTION_GAP,
  POLICY_INCIDENT_NOTIFICATION_OVERDUE,
  POLICY_LRC_UNASSESSED,
  POLICY_OBJECTIVE_OVERDUE,
  POLICY_OBJECTIVE_PLACEHOLDER,
  POLICY_OBJECTIVE_REVIEW_OVERDUE,
  POLICY_OFI_OVERDUE,
  POLICY_OFI_UNDECIDED,
} from '../rule-ids.js';
import { sentCommand } from '../rules/improvement.js';
import { isPlaceholder } from '../substance.js';

/** Days between occurrence and detection beyond which detection itself failed (A.8.16). */
export const DETECTION_GAP_DAYS = 30;

/** Days after implementation within which a change has its post-implementation review. */
export const CHANGE_REVIEW_WITHIN_DAYS = 90;

/** A notification owed and not sent by its due date. */
export const incidentNotifications: Rule = (register, { asOf }) =>
  liveEntries(register, incident).flatMap((e) =>
    (e.data.notifications ?? []).flatMap((n, i) =>
      n.sent_on === undefined && n.due < asOf
        ? [
            warn(
              e.file,
              POLICY_INCIDENT_NOTIFICATION_OVERDUE,
              ['notifications', i],
              `${e.data.id} owed ${n.party} a notification by ${n.due}, and none is recorded as sent`,
              `notify ${n.party} and record when: ${sentCommand(e.data.id, e.data.notifications ?? [], i)}`,
            ),
          ]
        : [],
    ),
  );

/** Whether an NC or OFI names the incident as its source, or the incident names one it raised. */
function improvementRaised(register: Register, id: string, raised: readonly string[] | undefined): boolean {
  if ((raised?.length ?? 0) > 0) return true;
  return [...entriesOf(register, nc), ...entriesOf(register, ofi)].some((r) => r.data.source.ref === id);
}

/**
 * An incident found long after it happened says detection failed: reported until an NC or OFI is
 * raised from it, or a decision that none is needed is approved by someone other than its owner.
 */
export const detectionGap: Rule = (register) =>
  entriesOf(register, incident).flatMap((e) => {
    const { id, occurred_on, detected_on, owner } = e.data;
    const improvement = e.data.improvement as { raised?: string[]; none?: string; approved_by?: string } | undefined;
    if (detected_on <= addDays(occurred_on, DETECTION_GAP_DAYS)) return [];
    if (improvementRaised(register, id, improvement?.raised)) return [];
    if (improvement?.none !== undefined && improvement.approved_by !== undefined && improvement.approved_by !== owner)
      return [];
    const days = daysBetween(occurred_on, detected_on);
    return [
      warn(
        e.file,
        POLICY_INCIDENT_DETECTION_GAP,
        ['detected_on'],
        `${id} went undetected for ${days} days (occurred ${occurred_on}, detected ${detected_on}): an auditor asks why monitoring missed it, and nothing was raised about it`,
        `raise an OFI or NC on detection from it (\`cim ofi propose --source-type incident --source-ref ${id} …\`), or close it with a decision that none is needed, approved by someone other than ${owner}`,
      ),
    ];
  });

/** An active objective's measure and target say what would count as achieving it (6.2). */
export const objectivePlaceholders: Rule = (register) =>
  liveEntries(register, objective).flatMap((e) =>
    (['measure', 'target'] as const)
      .filter((field) => isPlaceholder(e.data[field]))
      .map((field) =>
        warn(
          e.file,
          POLICY_OBJECTIVE_PLACEHOLDER,
          [field],
          `${e.data.id}'s ${field} is "${e.data[field]}": an objective with no ${field} cannot be evaluated`,
          `state how it is measured and what counts as achieved: \`cim edit ${e.data.id} --set ${field}="…"\``,
        ),
      ),
  );

/** An active objective is reviewed at least every review interval (its own, or cim.yaml's). */
export const objectiveReviews: Rule = (register, { asOf }) =>
  liveEntries(register, objective).flatMap((e) => {
    const { id, created, reviews, review_interval_months } = e.data;
    const months = review_interval_months ?? register.config.objectives.review_interval_months;
    const last = (reviews ?? []).map((r) => r.date).reduce((a, b) => (b > a ? b : a), created);
    const due = addMonths(last, months);
    if (due >= asOf) return [];
    const since = reviews?.length ? `last reviewed on ${last}` : `not reviewed since it was set on ${created}`;
    return [
      warn(
        e.file,
        POLICY_OBJECTIVE_REVIEW_OVERDUE,
        reviews?.length ? ['reviews'] : ['status'],
        `${id} is ${since}; its review every ${months} months was due by ${due}`,
        `review its progress: \`cim objective review ${id} --date YYYY-MM-DD --result "…" --on-track true|false\``,
      ),
    ];
  });

/** An objective past its due date is concluded: achieved or missed, not left active. */
export const objectiveOverdue: Rule = (register, { asOf }) =>
  entriesOf(register, objective).flatMap((e) =>
    passedDeadlines(register, e, asOf).map((d) =>
      warn(
        e.file,
        POLICY_OBJECTIVE_OVERDUE,
        ['due'],
        `${e.data.id} was due to be achieved by ${d.on} and is still ${e.data.status}`,
        `record the outcome: \`cim objective achieve ${e.data.id}\` or \`cim objective miss ${e.data.id}\` with the improvement it leads to`,
      ),
    ),
  );

/** A proposed OFI is decided within the days cim.yaml gives (improvements.decide_within_days). */
export const ofiUndecided: Rule = (register, { asOf }) => {
  const days = register.config.improvements.decide_within_days;
  return entriesWith(register, ofi, 'awaiting-decision').flatMap((e) => {
    const due = addDays(e.data.created, days);
    if (due >= asOf) return [];
    return [
      warn(
        e.file,
        POLICY_OFI_UNDECIDED,
        ['status'],
        `${e.data.id} was proposed on ${e.data.created} and is still undecided; it was to be decided by ${due} (within ${days} days)`,
        `decide it: \`cim ofi accept ${e.data.id} --due YYYY-MM-DD …\` or \`cim ofi reject ${e.data.id} --reason "…"\``,
      ),
    ];
  });
};

/** An accepted OFI is implemented by the date it was accepted with. */
export const ofiOverdue: Rule = (register, { asOf }) =>
  entriesOf(register, ofi).flatMap((e) =>
    passedDeadlines(register, e, asOf).map((d) =>
      warn(
        e.file,
        POLICY_OFI_OVERDUE,
        ['due'],
        `${e.data.id} was accepted for implementation by ${d.on} and is still ${e.data.status}`,
        `implement it and record the evidence: \`cim ofi implement ${e.data.id} --implemented-on YYYY-MM-DD --evidence "…"\``,
      ),
    ),
  );

/** An implemented change has its post-implementation review (6.3) within the grace period. */
export const changeUnreviewed: Rule = (register, { asOf }) =>
  entriesOf(register, change)
    .filter((e) => isLive(e.kind, e.data.status) && e.data.implemented_on !== undefined && e.data.review === undefined)
    .flatMap((e) => {
      const due = addDays(e.data.implemented_on!, CHANGE_REVIEW_WITHIN_DAYS);
      if (due >= asOf) return [];
      return [
        warn(
          e.file,
          POLICY_CHANGE_UNREVIEWED,
          ['implemented_on'],
          `${e.data.id} was implemented on ${e.data.implemented_on} and has had no post-implementation review; one was due by ${due}`,
          `review it and record what it found: \`cim change review ${e.data.id} --by <person> --notes "…" --raised OFI-NNNN\` (or --none "…")`,
        ),
      ];
    });

/** A legal, regulatory or standards change is assessed before it takes effect. */
export const lrcUnassessed: Rule = (register, { asOf }) =>
  entriesOf(register, lrc)
    .filter(
      (e) =>
        isLive(e.kind, e.data.status) &&
        e.data.assessed_on === undefined &&
        e.data.effective_on !== undefined &&
        e.data.effective_on < asOf,
    )
    .map((e) =>
      warn(
        e.file,
        POLICY_LRC_UNASSESSED,
        ['effective_on'],
        `${e.data.id} took effect on ${e.data.effective_on} and its effect on the ISMS has not been assessed`,
        `assess it: \`cim lrc assess ${e.data.id} --assessment "…"\``,
      ),
    );

export const IMPROVEMENT_COMPLIANCE: readonly Rule[] = [
  incidentNotifications,
  detectionGap,
  objectivePlaceholders,
  objectiveReviews,
  objectiveOverdue,
  ofiUndecided,
  ofiOverdue,
  changeUnreviewed,
  lrcUnassessed,
];
