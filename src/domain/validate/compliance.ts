// Policy compliance: what the Continual Improvement Policy promises, checked as of a date.
// These are warnings (errors with --strict): the register is well-formed, but the organisation
// is behind on what its policy says it does.
import type { Finding, Path } from '../diagnostics.js';
import { addDays, addMonths, endOf } from '../dates.js';
import { CLAUSES, CONTROLS, expandRequirement } from '../iso27001.js';
import { audit, ca, exception, mrt, nc, type MrtRecord, type NcRecord } from '../kinds/index.js';
import { requirementId } from '../fields.js';
import { entriesOf, type Entry, type Register } from '../register.js';
import type { Rule } from './rules.js';

const CONFIG = 'cim.yaml';

const warn = (file: string, rule: string, path: Path, message: string, hint: string): Finding => ({
  severity: 'warning',
  rule,
  file,
  path,
  message,
  hint,
});

/** When an NC's correction and closure are due: its own dates, or the cim.yaml defaults by grade. */
export function ncDeadlines(register: Register, record: NcRecord): { respondBy: string; closeBy: string } {
  const d = register.config.deadlines[record.grade];
  return {
    respondBy: record.respond_by ?? addDays(record.raised_on, d.respond_days),
    closeBy: record.close_by ?? addDays(record.raised_on, d.close_days),
  };
}

const NC_DONE = ['closed', 'withdrawn'];

const ncDeadlinesRule: Rule = (register, { asOf }) =>
  entriesOf(register, nc).flatMap((e) => {
    const r = e.data;
    if (NC_DONE.includes(r.status)) return [];
    const { respondBy, closeBy } = ncDeadlines(register, r);
    if (r.status === 'open' && respondBy < asOf) {
      return [
        warn(
          e.file,
          'policy/nc-response-overdue',
          ['status'],
          `${r.id} was due a correction by ${respondBy} and has none`,
          `record the correction: \`cim nc correct ${r.id}\``,
        ),
      ];
    }
    if (closeBy < asOf) {
      return [
        warn(
          e.file,
          'policy/nc-overdue',
          ['status'],
          `${r.id} was due to close by ${closeBy} and is still ${r.status}`,
          `complete it, or agree a new close_by and record it (\`cim edit ${r.id} --set close_by=YYYY-MM-DD\`)`,
        ),
      ];
    }
    return [];
  });

const caOverdue: Rule = (register, { asOf }) =>
  entriesOf(register, ca)
    .filter((e) => (e.data.status === 'planned' || e.data.status === 'in-progress') && e.data.due < asOf)
    .map((e) =>
      warn(
        e.file,
        'policy/ca-overdue',
        ['due'],
        `${e.data.id} was due by ${e.data.due} and is still ${e.data.status}`,
        e.data.status === 'planned'
          ? `start it (\`cim ca start ${e.data.id}\`) and implement it, or agree a new due date (\`cim edit ${e.data.id} --set due=YYYY-MM-DD\`)`
          : `implement it (\`cim ca implement ${e.data.id}\`), or agree a new due date (\`cim edit ${e.data.id} --set due=YYYY-MM-DD\`)`,
      ),
    );

/** A new register has this long to plan its first internal audit. */
const GRACE_DAYS = 90;

const internalAuditPlanned: Rule = (register, { asOf }) => {
  const year = asOf.slice(0, 4);
  if (addDays(register.config.started_on, GRACE_DAYS) > asOf) return [];
  const planned = entriesOf(register, audit).some(
    (e) =>
      e.data.type === 'internal' &&
      e.data.status !== 'cancelled' &&
      (e.data.planned.startsWith(year) || e.data.conducted?.from.startsWith(year)),
  );
  return planned
    ? []
    : [
        warn(
          CONFIG,
          'policy/no-internal-audit',
          [],
          `no internal audit is planned for ${year}`,
          'plan one: `cim audit plan --type internal`',
        ),
      ];
};

const AUDIT_SLACK_DAYS = 30;

const auditProgress: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  return entriesOf(register, audit).flatMap((e) => {
    const r = e.data;
    if (r.status === 'planned' && addDays(endOf(r.planned), AUDIT_SLACK_DAYS) < asOf) {
      return [
        warn(
          e.file,
          'policy/audit-overdue',
          ['planned'],
          `${r.id} was planned for ${r.planned} and has not started`,
          `start it (\`cim audit start ${r.id}\`), re-plan it, or cancel it with a reason`,
        ),
      ];
    }
    const ended = r.conducted?.to ?? r.conducted?.from;
    if (r.status === 'in-progress' && ended && addDays(ended, AUDIT_SLACK_DAYS) < asOf) {
      return [
        warn(
          e.file,
          'policy/audit-unreported',
          ['conducted'],
          `${r.id} was conducted by ${ended} but its results are not recorded`,
          `record the report: \`cim audit report ${r.id}\``,
        ),
      ];
    }
    if (r.status === 'reported' && r.reported_to === undefined && r.report) {
      const missed = held.find((m) => m.data.held_on! >= r.report!.date);
      if (missed) {
        return [
          warn(
            e.file,
            'policy/audit-not-presented',
            ['report'],
            `${r.id} was reported on ${r.report.date} but not presented to ${missed.data.id}, held on ${missed.data.held_on}`,
            `present it at the next review and set reported_to`,
          ),
        ];
      }
    }
    return [];
  });
};

/** Held (or approved) reviews, oldest first. */
export function heldReviews(register: Register): Entry<MrtRecord>[] {
  return entriesOf(register, mrt)
    .filter((e) => e.data.held_on !== undefined && (e.data.status === 'held' || e.data.status === 'approved'))
    .sort((a, b) => (a.data.held_on! < b.data.held_on! ? -1 : 1));
}

const policyReview: Rule = (register, { asOf }) => {
  const { reviewed_on, review_interval_months } = register.config.policy;
  const due = addMonths(reviewed_on, review_interval_months);
  return due < asOf
    ? [
        warn(
          CONFIG,
          'policy/review-overdue',
          ['policy', 'reviewed_on'],
          `the policy was last reviewed on ${reviewed_on}; its review was due by ${due}`,
          'review the policy, then update policy.reviewed_on and its version history in cim.yaml',
        ),
      ]
    : [];
};

const mrtCadence: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  const last = held.at(-1)?.data.held_on;
  const months = register.config.management_review.cadence_months;
  const due = addMonths(last ?? register.config.started_on, months);
  if (due >= asOf) return [];
  const since = last
    ? `the last was held on ${last}`
    : `none has been held since the register started on ${register.config.started_on}`;
  return [
    warn(
      CONFIG,
      'policy/mrt-overdue',
      ['management_review'],
      `a management review was due by ${due}: ${since}`,
      'hold one: `cim mrt schedule`, then `cim mrt hold`',
    ),
  ];
};

const mrtActions: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  return held.flatMap((e, index) => {
    const later = held.length - index - 1;
    return (e.data.actions ?? []).flatMap((a, i) => {
      if (a.status !== 'open') return [];
      if (later >= 2) {
        return [
          warn(
            e.file,
            'policy/mrt-action-stale',
            ['actions', i],
            `action ${a.ref} of ${e.data.id} is still open after ${later} later reviews`,
            'complete it, or close it and record a new decision',
          ),
        ];
      }
      if (a.due < asOf)
        return [
          warn(
            e.file,
            'policy/mrt-action-overdue',
            ['actions', i, 'due'],
            `action ${a.ref} of ${e.data.id} was due by ${a.due}`,
            'complete it and mark it done, or agree a new due date',
          ),
        ];
      return [];
    });
  });
};

const exceptionExpiry: Rule = (register, { asOf }) =>
  entriesOf(register, exception)
    .filter((e) => e.data.status === 'approved' && e.data.expires_on !== undefined && e.data.expires_on < asOf)
    .map((e) =>
      warn(
        e.file,
        'policy/exception-expired',
        ['expires_on'],
        `${e.data.id} expired on ${e.data.expires_on} but is still approved`,
        `record its expiry (\`cim exception expire ${e.data.id}\`) or renew it`,
      ),
    );

/** Clauses and controls not audited within the programme cycle ending at `asOf`. */
export function coverageGaps(
  register: Register,
  asOf: string,
): { clauses: string[]; controls: string[]; since: string } | undefined {
  const { cycle_years, excluded_controls } = register.config.audit_programme;
  const since = addMonths(asOf, -12 * cycle_years);
  if (register.config.started_on > since) return undefined;
  const covered = new Set<string>();
  for (const e of entriesOf(register, audit)) {
    const r = e.data;
    const on = r.report?.date;
    if ((r.status === 'reported' || r.status === 'closed') && on && on >= since && on <= asOf) {
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

const coverage: Rule = (register, { asOf }) => {
  const gaps = coverageGaps(register, asOf);
  if (!gaps) return [];
  const years = register.config.audit_programme.cycle_years;
  const out: Finding[] = [];
  if (gaps.clauses.length)
    out.push(
      warn(
        CONFIG,
        'policy/coverage',
        ['audit_programme'],
        `clauses not audited since ${gaps.since} (${years}-year cycle): ${gaps.clauses.join(', ')}`,
        'include them in the criteria of a planned audit',
      ),
    );
  if (gaps.controls.length)
    out.push(
      warn(
        CONFIG,
        'policy/coverage',
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

/** An NC raised on a requirement after an earlier NC on it was closed, unless its analysis names it. */
const recurrence: Rule = (register) => {
  const ncs = entriesOf(register, nc).filter((e) => e.data.status !== 'withdrawn');
  const closedOn = new Map<string, Entry<NcRecord>[]>();
  for (const e of ncs) {
    if (e.data.status !== 'closed') continue;
    for (const q of e.data.requirement.map(requirementId)) {
      if (!closedOn.has(q)) closedOn.set(q, []);
      closedOn.get(q)!.push(e);
    }
  }
  return ncs.flatMap((e) => {
    const acknowledged = new Set(e.data.analysis?.similar.refs ?? []);
    const earlier = e.data.requirement
      .map(requirementId)
      .flatMap((q) => (closedOn.get(q) ?? []).map((p) => ({ q, p })))
      .find(({ p }) => p !== e && p.data.closed_on! <= e.data.raised_on && !acknowledged.has(p.data.id));
    if (!earlier) return [];
    return [
      warn(
        e.file,
        'policy/nc-recurrence',
        ['requirement'],
        `${e.data.id} recurs on ${earlier.q} after ${earlier.p.data.id} was closed on ${earlier.p.data.closed_on}`,
        `consider why the earlier action did not prevent it, and list ${earlier.p.data.id} under analysis.similar.refs`,
      ),
    ];
  });
};

export const COMPLIANCE: readonly Rule[] = [
  ncDeadlinesRule,
  caOverdue,
  internalAuditPlanned,
  auditProgress,
  policyReview,
  mrtCadence,
  mrtActions,
  exceptionExpiry,
  coverage,
  recurrence,
];
