// The audit programme: an internal audit each year, audits started, reported and presented on
// time, and every clause and applicable control internally audited within the cycle (pro rata in
// the register's first).
import { CONFIG_FILE } from '../../config.js';
import type { FieldDiagnostic } from '../../diagnostics.js';
import { addDays, addMonths, daysBetween } from '../../dates.js';
import { requirementId } from '../../fields.js';
import { CLAUSES, CONTROLS, expandRequirement } from '../../iso27001.js';
import { audit, type AuditRecord, type MrtRecord } from '../../kinds/index.js';
import { transitionsFrom } from '../../lifecycle.js';
import { countedEntries, entriesWith, hasFact, heldReviews, runningDeadlines, stepsToMeet } from '../../queries.js';
import { entriesOf, type Entry, type Register } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_AUDIT_NOT_PRESENTED,
  POLICY_AUDIT_OVERDUE,
  POLICY_AUDIT_UNREPORTED,
  POLICY_COVERAGE,
  POLICY_NO_INTERNAL_AUDIT,
} from '../rule-ids.js';
import { stepCommand } from './steps.js';

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

/** What internal audits covered of clauses 4–10 and the applicable controls over a cycle. */
export interface CoverageGaps {
  /** The cycle's first day: a cycle before `asOf`, or the register's start in its first cycle. */
  readonly since: string;
  /** How much of the cycle has passed: 1 once the register is a cycle old, less in its first. */
  readonly elapsed: number;
  /** Clauses no internal audit reported since `since` covered. */
  readonly clauses: readonly string[];
  /** Applicable controls no internal audit reported since `since` covered. */
  readonly controls: readonly string[];
  /** How many controls the Statement of Applicability leaves to be audited. */
  readonly applicable: number;
  /** Those of the gaps a certification, client or third-party audit covered: assurance, not internal audit. */
  readonly external: ReadonlySet<string>;
}

/**
 * Clauses and controls not internally audited within the programme cycle ending at `asOf`. Only
 * internal audits count (9.2): what a certification body or a client audited is their assurance,
 * not the organisation's own audit, and is returned apart. In the register's first cycle the
 * window starts with the register, and `elapsed` says how much of the cycle it is.
 */
export function coverageGaps(register: Register, asOf: string): CoverageGaps {
  const { started_on, audit_programme } = register.config;
  const { cycle_years, excluded_controls } = audit_programme;
  const cycleStart = addMonths(asOf, -12 * cycle_years);
  const since = started_on > cycleStart ? started_on : cycleStart;
  const elapsed = since === cycleStart ? 1 : Math.min(1, daysBetween(started_on, asOf) / daysBetween(cycleStart, asOf));
  const internal = new Set<string>();
  const external = new Set<string>();
  for (const e of entriesWith(register, audit, 'conducted')) {
    const on = e.data.report?.date;
    if (!on || on < since || on > asOf) continue;
    const covered = e.data.type === 'internal' ? internal : external;
    for (const c of e.data.criteria) for (const id of expandRequirement(requirementId(c))) covered.add(id);
  }
  const excluded = new Set(excluded_controls.map((x) => requirementId(x.control)));
  const applicable = CONTROLS.map((c) => c.id).filter((id) => !excluded.has(id));
  const clauses = CLAUSES.map((c) => c.id).filter((id) => !internal.has(id));
  const controls = applicable.filter((id) => !internal.has(id));
  return {
    since,
    elapsed,
    clauses,
    controls,
    applicable: applicable.length,
    external: new Set([...clauses, ...controls].filter((id) => external.has(id))),
  };
}

/**
 * Every clause and applicable control internally audited within the cycle. In the register's
 * first cycle, after its first GRACE_DAYS, pro rata: after a share f of the cycle, at least f of
 * the clauses, and f of the controls, rounded down to whole requirements.
 */
export const coverage: Rule = (register, { asOf }) => {
  if (addDays(register.config.started_on, GRACE_DAYS) > asOf) return [];
  const gaps = coverageGaps(register, asOf);
  const years = register.config.audit_programme.cycle_years;
  const groups = [
    { what: 'clauses', total: CLAUSES.length, gaps: gaps.clauses, list: gaps.clauses.join(', ') },
    { what: 'applicable controls', total: gaps.applicable, gaps: gaps.controls, list: abbreviate(gaps.controls) },
  ];
  const hint = (what: string) =>
    `include them in the criteria of a planned internal audit (\`cim audit plan --type internal\`)${what === 'clauses' ? '' : ', or exclude them under audit_programme.excluded_controls with the Statement of Applicability reason'}`;
  const out: FieldDiagnostic[] = [];
  for (const g of groups) {
    if (!g.gaps.length) continue;
    const external = g.gaps.filter((id) => gaps.external.has(id)).length;
    const note = external
      ? ` (certification and client audits covered ${external} of them: their assurance, not internal audit)`
      : '';
    if (gaps.elapsed >= 1) {
      const count = g.what === 'clauses' ? 'clauses' : `${g.gaps.length} applicable controls`;
      out.push(
        warn(
          CONFIG_FILE,
          POLICY_COVERAGE,
          ['audit_programme'],
          `${count} not internally audited since ${gaps.since} (${years}-year cycle): ${g.list}${note}`,
          hint(g.what),
        ),
      );
      continue;
    }
    const audited = g.total - g.gaps.length;
    const due = Math.floor(gaps.elapsed * g.total);
    if (audited >= due) continue;
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_COVERAGE,
        ['audit_programme'],
        `${audited} of ${g.total} ${g.what} internally audited since the register started on ${gaps.since}: ${Math.floor(gaps.elapsed * 100)}% into its first ${years}-year cycle, at least ${due} should be. Not yet audited: ${g.list}${note}`,
        hint(g.what),
      ),
    );
  }
  return out;
};

function abbreviate(ids: readonly string[]): string {
  return ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
}
