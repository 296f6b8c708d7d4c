// Rules of substance on incidents, objectives, OFIs, changes, legal changes and exceptions: what an
// auditor checks of them besides their fields being filled. An incident was assessed before it was
// dealt with, learned something, and had its improvement decision taken by someone who could say
// no; a decision that nothing needed raising says why; whoever approves a change or an exception is
// not the one asking for it or carrying it out.
import type { FieldDiagnostic, Path } from '../../diagnostics.js';
import type { Kind } from '../../kind.js';
import { change, exception, incident, lrc, mrt, objective, type IncidentRecord } from '../../kinds/index.js';
import { countedEntries, hasFact, isLive } from '../../queries.js';
import { entriesOf, type Entry, type Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import {
  IMPROVEMENT_NONE_REASON,
  INCIDENT_CLASSIFICATION,
  INCIDENT_IMPROVEMENT_DECISION,
  INCIDENT_LESSONS_LEARNED,
  INCIDENT_NOTIFICATION_UNSENT,
  INDEPENDENCE_CHANGE_APPROVER,
  INDEPENDENCE_EXCEPTION_APPROVER,
} from '../rule-ids.js';
import { isPlaceholder, normalise, restates, saysTooLittle } from '../substance.js';

type Notification = NonNullable<IncidentRecord['notifications']>[number];

/** Incidents whose improvement decision is not the owner's alone to take. */
export const SIGNIFICANT_SEVERITIES: ReadonlySet<string> = new Set(['high', 'critical']);

/** Reasons for raising nothing that give no reason, beyond the placeholders substance.ts knows. */
const NON_REASONS: ReadonlySet<string> = new Set([
  'not needed',
  'not required',
  'none needed',
  'none required',
  'nothing needed',
  'nothing required',
  'no need',
  'no action',
  'no action needed',
  'no action required',
  'no improvement',
  'no improvement needed',
  'no improvement required',
  'no further action',
]);

/** Whether a `none` reason says why nothing needed raising. */
export function isNoReason(text: string): boolean {
  return saysTooLittle(text) || NON_REASONS.has(normalise(text));
}

/** The kinds that record an improvement decision, and the field that holds it. */
const DECISIONS: readonly { kind: Kind; field: string; step: string }[] = [
  { kind: incident, field: 'improvement', step: 'close' },
  { kind: change, field: 'improvement', step: 'review' },
  { kind: lrc, field: 'outcome', step: 'close' },
  { kind: objective, field: 'improvement', step: 'miss' },
];

/** A decision that nothing needed raising gives a reason, not "n/a". */
export const noneReasons: Rule = (register) =>
  DECISIONS.flatMap(({ kind, field, step }) =>
    entriesOf(register, kind).flatMap((e) => {
      const none = (e.data as Record<string, { none?: string } | undefined>)[field]?.none;
      if (none === undefined || !isNoReason(none)) return [];
      return [
        error(
          e,
          IMPROVEMENT_NONE_REASON,
          [field, 'none'],
          `${e.data.id} records that no NC or OFI was needed, but "${none}" gives no reason why`,
          `say why nothing needed raising, in a sentence an auditor can check (\`cim ${kind.name} ${step} ${e.data.id} --none "…"\`), or raise the NC or OFI`,
        ),
      ];
    }),
  );

/** What a resolved or closed incident must show of its assessment (A.5.25). */
export const incidentClassification: Rule = (register) =>
  entriesOf(register, incident).flatMap((e): FieldDiagnostic[] => {
    const { id, status, classification, detected_on } = e.data;
    if (!classification) {
      if (!['resolved', 'closed'].includes(status)) return [];
      return [
        error(
          e,
          INCIDENT_CLASSIFICATION,
          ['status'],
          `${id} is ${status} with no record of who assessed it as an event or an incident, or when`,
          `record the assessment as it is resolved: \`cim incident resolve ${id} --classification-as incident --classification-by <person> --classification-on YYYY-MM-DD …\`, or investigate it first (\`cim incident investigate ${id} --as incident\`)`,
        ),
      ];
    }
    if (classification.on >= detected_on) return [];
    return [
      error(
        e,
        INCIDENT_CLASSIFICATION,
        ['classification', 'on'],
        `${id} was classified on ${classification.on}, before it was detected on ${detected_on}`,
        `an event is assessed once it is detected: give the date it was classified, on or after ${detected_on} (\`cim incident investigate ${id} --as ${classification.as} --on ${detected_on}\`)`,
      ),
    ];
  });

/** Lessons learned say something that was learned (A.5.27), not "n/a" or the description again. */
export const incidentLessons: Rule = (register) =>
  entriesOf(register, incident).flatMap((e) => {
    const { id, lessons_learned, description } = e.data;
    if (lessons_learned === undefined) return [];
    const why = isPlaceholder(lessons_learned)
      ? `"${lessons_learned}" is a placeholder, not a lesson`
      : restates(lessons_learned, description)
        ? 'they restate the description: what happened, not what was learned'
        : undefined;
    if (!why) return [];
    return [
      error(
        e,
        INCIDENT_LESSONS_LEARNED,
        ['lessons_learned'],
        `${id}'s lessons learned: ${why}`,
        `write what the organisation learned, so that it can act on it: \`cim incident close ${id} --lessons-learned "…"\``,
      ),
    ];
  });

/** The edit that records notification `i` as sent: the whole list again, that one with a date. */
export function sentCommand(id: string, list: readonly Notification[], i: number): string {
  const sent = list.map((n, j) => (j === i ? { ...n, sent_on: 'YYYY-MM-DD' } : n));
  return `\`cim edit ${id} --set 'notifications=${JSON.stringify(sent)}'\``;
}

/** An incident is not closed owing a notification it has not sent (A.5.26, A.5.5). */
export const incidentNotifications: Rule = (register) =>
  entriesOf(register, incident)
    .filter((e) => !isLive(e.kind, e.data.status))
    .flatMap((e) =>
      (e.data.notifications ?? []).flatMap((n, i) =>
        n.sent_on !== undefined
          ? []
          : [
              error(
                e,
                INCIDENT_NOTIFICATION_UNSENT,
                ['notifications', i],
                `${e.data.id} is ${e.data.status} but its notification to ${n.party} (due ${n.due}) was never sent`,
                `record when ${n.party} was told before closing: ${sentCommand(e.data.id, e.data.notifications ?? [], i)}`,
              ),
            ],
      ),
    );

/** What is wrong with a high or critical incident's decision that nothing needed raising. */
function noneDecisionProblems(register: Register, e: Entry<IncidentRecord>): { path: Path; message: string }[] {
  const { id, owner, severity, closed_on } = e.data;
  const improvement = e.data.improvement as { approved_by?: string; presented_in?: string } | undefined;
  const none = `${id} is a ${severity} incident closed with no NC or OFI raised`;
  const out: { path: Path; message: string }[] = [];
  if (improvement?.approved_by === undefined)
    out.push({ path: ['improvement'], message: `${none}, and nobody but its owner decided that none was needed` });
  else if (improvement.approved_by === owner)
    out.push({
      path: ['improvement', 'approved_by'],
      message: `${none} on the decision of its owner, ${owner}: it needs someone other than the owner to approve it`,
    });
  const review = improvement?.presented_in;
  if (review === undefined) {
    out.push({ path: ['improvement'], message: `${none}, and the decision was not presented at a management review` });
    return out;
  }
  const meeting = register.byId.get(review);
  if (!meeting || meeting.kind !== mrt) return out; // the references rule reports it
  const held = (meeting.data as { held_on?: string }).held_on;
  if (!hasFact(mrt, meeting.data.status, 'held') || held === undefined)
    out.push({
      path: ['improvement', 'presented_in'],
      message: `${none}; the decision is said to be presented at ${review}, which is ${meeting.data.status}, not held`,
    });
  else if (closed_on !== undefined && held > closed_on)
    out.push({
      path: ['improvement', 'presented_in'],
      message: `${none} on ${closed_on}, before ${review} (held ${held}) that the decision is said to be presented at`,
    });
  return out;
}

/**
 * A high or critical incident closed with nothing raised needs that decision approved by someone
 * other than its owner and presented at a management review held by the time it closed.
 */
export const incidentImprovement: Rule = (register) =>
  countedEntries(register, incident)
    .filter((e) => SIGNIFICANT_SEVERITIES.has(e.data.severity) && e.data.improvement?.none !== undefined)
    .flatMap((e) =>
      noneDecisionProblems(register, e).map((p) =>
        error(
          e,
          INCIDENT_IMPROVEMENT_DECISION,
          p.path,
          p.message,
          `raise an NC or OFI from it, or record who approved the decision and the held review it went to: \`cim incident close ${e.data.id} --none "…" --approved-by <person> --presented-in MRT-NNNN\``,
        ),
      ),
    );

/** Who approves a change is neither the person carrying it out nor the one who proposed it. */
export const changeApprover: Rule = (register) =>
  countedEntries(register, change).flatMap((e) => {
    const { id, approved_by, responsible, owner } = e.data;
    if (approved_by === undefined) return [];
    const role =
      approved_by === responsible ? 'responsible for carrying it out' : approved_by === owner ? 'its owner' : '';
    if (!role) return [];
    return [
      error(
        e,
        INDEPENDENCE_CHANGE_APPROVER,
        ['approved_by'],
        `${id} was approved by ${approved_by}, who is ${role}: nobody approves their own change`,
        `have someone other than ${responsible} (responsible) and ${owner} (owner) approve it: \`cim change approve ${id} --approved-by <person>\``,
      ),
    ];
  });

/** Who approves an exception is neither the person who asked for it nor its owner. */
export const exceptionApprover: Rule = (register) =>
  countedEntries(register, exception).flatMap((e) => {
    const { id, approved_by, requested_by, owner } = e.data;
    if (approved_by === undefined) return [];
    const role = approved_by === requested_by ? 'requested it' : approved_by === owner ? 'owns it' : '';
    if (!role) return [];
    return [
      error(
        e,
        INDEPENDENCE_EXCEPTION_APPROVER,
        ['approved_by'],
        `${id} was approved by ${approved_by}, who ${role}: nobody approves their own exception to a policy`,
        `have someone other than ${requested_by} (requester) and ${owner} (owner) approve it: \`cim exception approve ${id} --approved-by <person>\``,
      ),
    ];
  });

export const IMPROVEMENT_RULES: readonly Rule[] = [
  noneReasons,
  incidentClassification,
  incidentLessons,
  incidentNotifications,
  incidentImprovement,
  changeApprover,
  exceptionApprover,
];
