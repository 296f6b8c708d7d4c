// The audit programme: an internal audit each year, audits started, reported and presented on
// time, and every clause and applicable control audited within the cycle.
import { CONFIG_FILE } from '../../config.js';
import type { FieldDiagnostic } from '../../diagnostics.js';
import { addDays, addMonths } from '../../dates.js';
import { requirementId } from '../../fields.js';
import { CLAUSES, CONTROLS, expandRequirement } from '../../iso27001.js';
import { audit, type AuditRecord, type MrtRecord } from '../../kinds/index.js';
import { transitionsFrom } from '../../lifecycle.js';
import { countedEntries, entriesWith, hasFact, heldReviews, runningDeadlines } from '../../queries.js';
import { entriesOf, type Entry, type Register } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_AUDIT_NOT_PRESENTED,
  POLICY_AUDIT_OVERDUE,
  POLICY_AUDIT_UNREPORTED,
  POLICY_COVERAGE,
  POLICY_NO_INTERNAL_AUDIT,
} from '../rule-ids.js';
import { stepCommand, stepsToMeet } from './steps.js';

/** A new register has this long to plan its first internal audit. */
const GRACE_DAYS = 90;

export const internalAuditPlanned: Rule = (register, { asOf }) => {
  const year = asOf.slice(0, 4);
  if (addDays(register.config.started_on, GRACE_DAYS) > asOf) return [];
  const planned = countedEntries(register, audit).some(
    (e) => e.data.type === 'internal' && (e.data.planned.startsWith(year) || e.data.conducted?.from.startsWith(year)),
  );
  return planned
    ? []
    : [
        warn(
          CONFIG_FILE,
          POLICY_NO_INTERNAL_AUDIT,
          [],
          `no internal audit is planned for ${year}`,
          'plan one: `cim audit plan --type internal`',
        ),
      ];
};

const AUDIT_SLACK_DAYS = 30;

/** An audit whose start has been due for longer than the slack. */
function notStarted(register: Register, e: Entry<AuditRecord>, asOf: string): FieldDiagnostic | undefined {
  const start = runningDeadlines(register, e).find((d) => d.deadline === 'start');
  if (!start || addDays(start.on, AUDIT_SLACK_DAYS) >= asOf) return undefined;
  const [step] = stepsToMeet(e.kind, e.data.status, start.deadline);
  return warn(
    e.file,
    POLICY_AUDIT_OVERDUE,
    ['planned'],
    `${e.data.id} was planned for ${e.data.planned} and has not started`,
    `${step ? `${step} it (${stepCommand(e.kind, step, e.data.id)}), ` : ''}re-plan it, or cancel it with a reason`,
  );
}

/** An audit under way whose fieldwork ended longer than the slack ago, with no report. */
function unreported(e: Entry<AuditRecord>, asOf: string): FieldDiagnostic | undefined {
  const r = e.data;
  const underWay = hasFact(e.kind, r.status, 'in-hand') && !hasFact(e.kind, r.status, 'upcoming');
  const ended = r.conducted?.to ?? r.conducted?.from;
  if (!underWay || !ended || addDays(ended, AUDIT_SLACK_DAYS) >= asOf) return undefined;
  const step = transitionsFrom(e.kind, r.status).find((t) => hasFact(e.kind, t.to, 'reported'))?.verb;
  return warn(
    e.file,
    POLICY_AUDIT_UNREPORTED,
    ['conducted'],
    `${r.id} was conducted by ${ended} but its results are not recorded`,
    step ? `record the report: ${stepCommand(e.kind, step, r.id)}` : 'record the report',
  );
}

/** A reported audit not presented to a management review held since its report. */
function notPresented(e: Entry<AuditRecord>, held: readonly Entry<MrtRecord>[]): FieldDiagnostic | undefined {
  const r = e.data;
  if (!hasFact(e.kind, r.status, 'reported') || r.reported_to !== undefined || !r.report) return undefined;
  const missed = held.find((m) => m.data.held_on! >= r.report!.date);
  if (!missed) return undefined;
  return warn(
    e.file,
    POLICY_AUDIT_NOT_PRESENTED,
    ['report'],
    `${r.id} was reported on ${r.report.date} but not presented to ${missed.data.id}, held on ${missed.data.held_on}`,
    `present it at the next review and set reported_to`,
  );
}

/** Each audit started, reported and presented on time: the first of these it is behind on. */
export const auditProgress: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  return entriesOf(register, audit).flatMap((e) => {
    const late = notStarted(register, e, asOf) ?? unreported(e, asOf) ?? notPresented(e, held);
    return late ? [late] : [];
  });
};

/** Clauses and controls not audited within the programme cycle ending at `asOf`. */
export function coverageGaps(
  register: Register,
  asOf: string,
): { clauses: string[]; controls: string[]; since: string } | undefined {
  const { cycle_years, excluded_controls } = register.config.audit_programme;
  const since = addMonths(asOf, -12 * cycle_years);
  if (register.config.started_on > since) return undefined;
  const covered = new Set<string>();
  for (const e of entriesWith(register, audit, 'conducted')) {
    const r = e.data;
    const on = r.report?.date;
    if (on && on >= since && on <= asOf) {
      for (const c of r.criteria) for (const id of expandRequirement(requirementId(c))) covered.add(id);
    }
  }
  const excluded = new Set(excluded_controls.map((x) => requirementId(x.control)));
  return {
    since,
    clauses: CLAUSES.map((c) => c.id).filter((id) => !covered.has(id)),
    controls: CONTROLS.map((c) => c.id).filter((id) => !covered.has(id) && !excluded.has(id)),
  };
}

export const coverage: Rule = (register, { asOf }) => {
  const gaps = coverageGaps(register, asOf);
  if (!gaps) return [];
  const years = register.config.audit_programme.cycle_years;
  const out: FieldDiagnostic[] = [];
  if (gaps.clauses.length)
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_COVERAGE,
        ['audit_programme'],
        `clauses not audited since ${gaps.since} (${years}-year cycle): ${gaps.clauses.join(', ')}`,
        'include them in the criteria of a planned audit',
      ),
    );
  if (gaps.controls.length)
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_COVERAGE,
        ['audit_programme'],
        `${gaps.controls.length} applicable controls not audited since ${gaps.since}: ${abbreviate(gaps.controls)}`,
        'include them in the criteria of a planned audit, or exclude them under audit_programme.excluded_controls with the Statement of Applicability reason',
      ),
    );
  return out;
};

function abbreviate(ids: readonly string[]): string {
  return ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
}
