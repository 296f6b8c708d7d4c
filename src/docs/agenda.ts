// The agenda of a management review: one section per clause 9.3.2 input, each filled from what the
// register recorded since the previous held review. `cim mrt hold` starts its minutes from the
// same sections (their summaries and the records they list).
import { addMonths } from '../domain/dates.js';
import type { Diagnostic } from '../domain/diagnostics.js';
import { AGREEMENT_TYPES, EXTERNAL_TYPES } from '../domain/kinds/audit.js';
import {
  audit,
  ca,
  change,
  exception,
  incident,
  lrc,
  mrt,
  nc,
  objective,
  ofi,
  type MrtRecord,
} from '../domain/kinds/index.js';
import { MRT_INPUTS, type MrtInput } from '../domain/kinds/mrt.js';
import { entriesOf, type Entry, type Register } from '../domain/register.js';
import { heldReviews, ncDeadlines } from '../domain/validate/compliance.js';
import { isPolicyRule } from '../domain/validate/rule-ids.js';
import { ExitCode, UserError } from '../errors.js';
import { count, longDate, personName, prose, trend } from './format.js';

type Row = Readonly<Record<string, string>>;

export interface AgendaSection {
  readonly key: MrtInput;
  readonly heading: string;
  /** One paragraph that sums the section up; the start of the minutes' notes for this input. */
  readonly summary: string;
  /** Records the section presents, for the minutes' items. */
  readonly items: readonly string[];
  readonly tables: readonly {
    readonly caption: string;
    readonly columns: readonly string[];
    readonly rows: readonly Row[];
  }[];
}

export interface AgendaModel {
  readonly organisation: string;
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly scheduledOn: string;
  readonly owner: string;
  readonly members: string;
  readonly previous: string;
  readonly period: string;
  readonly asOf: string;
  readonly sections: readonly AgendaSection[];
  readonly other: readonly string[];
}

const NC_DONE = ['closed', 'withdrawn'];

/** The review and the period its agenda covers: after the previous held review, up to the meeting. */
export function agendaPeriod(register: Register, id: string, asOf: string) {
  const review = register.byId.get(id) as Entry<MrtRecord> | undefined;
  if (!review || review.kind !== mrt) {
    throw new UserError(
      review ? `${id} is not a management review` : `no management review ${id} in this register`,
      '`cim list mrt` lists them',
      ExitCode.Usage,
    );
  }
  if (review.data.status === 'cancelled')
    throw new UserError(`${id} was cancelled`, 'schedule a new review: `cim mrt schedule`', ExitCode.Usage);
  const end = review.data.held_on ?? asOf;
  const held = heldReviews(register).filter((m) => m.data.id !== id && m.data.held_on! < end);
  const previous = held.at(-1);
  const before = held.at(-2);
  const from = previous?.data.held_on ?? register.config.started_on;
  const priorFrom = before?.data.held_on ?? register.config.started_on;
  return { review, previous, from, end, priorFrom, earlier: held };
}

export function agendaModel(
  register: Register,
  id: string,
  asOf: string,
  diagnostics: readonly Diagnostic[],
): AgendaModel {
  const { review, previous, from, end, priorFrom, earlier } = agendaPeriod(register, id, asOf);
  const inPeriod = (d: string | undefined) => d !== undefined && d > from && d <= end;
  const inPrior = (d: string | undefined) => d !== undefined && d > priorFrom && d <= from && previous !== undefined;
  const since = previous ? `since ${previous.data.id} (${longDate(previous.data.held_on)})` : `since ${longDate(from)}`;
  const name = (p: string | undefined) => personName(register, p);
  const ref = (e: { data: { id: string; title: string } }) => ({ id: e.data.id, title: e.data.title });
  // The review after this one, by the cadence: what must not lapse before it is flagged now.
  const nextReview = addMonths(
    review.data.held_on ?? review.data.scheduled_on,
    register.config.management_review.cadence_months,
  );

  const sections: AgendaSection[] = [];
  const section = (key: MrtInput, summary: string, items: string[], tables: AgendaSection['tables']) =>
    sections.push({
      key,
      heading: `${key} — ${MRT_INPUTS[key]}`,
      summary,
      items,
      tables: tables.filter((t) => t.rows.length),
    });

  // a: actions from earlier reviews.
  const actions = earlier.flatMap((m) => (m.data.actions ?? []).map((a) => ({ m, a })));
  const open = actions.filter(({ a }) => a.status === 'open');
  const done = actions.filter(({ a }) => a.status === 'done' && inPeriod(a.done_on));
  const overdue = open.filter(({ a }) => a.due < end);
  section(
    'a',
    open.length || done.length
      ? `${count(open.length, 'action')} from earlier reviews ${open.length === 1 ? 'is' : 'are'} open${overdue.length ? `, ${overdue.length} of them overdue` : ''}; ${done.length} completed ${since}.`
      : 'No actions from earlier reviews are open.',
    [...new Set(open.map(({ m }) => m.data.id))],
    [
      {
        caption: 'Open actions',
        columns: ['Action', 'What', 'Owner', 'Due', 'State'],
        rows: open.map(({ m, a }) => ({
          ref: `${m.data.id} ${a.ref}`,
          text: a.text,
          owner: name(a.owner),
          due: longDate(a.due),
          state: a.due < end ? 'overdue' : 'open',
        })),
      },
      {
        caption: `Completed ${since}`,
        columns: ['Action', 'What', 'Owner', 'Done'],
        rows: done.map(({ m, a }) => ({
          ref: `${m.data.id} ${a.ref}`,
          text: a.text,
          owner: name(a.owner),
          done: longDate(a.done_on),
        })),
      },
    ],
  );

  // b: external and internal issues — changes and incidents.
  const changes = entriesOf(register, change).filter(
    (e) =>
      inPeriod(e.data.created) ||
      inPeriod(e.data.approved_on) ||
      inPeriod(e.data.implemented_on) ||
      inPeriod(e.data.review?.on) ||
      ['proposed', 'approved'].includes(e.data.status),
  );
  const incidents = entriesOf(register, incident).filter(
    (e) => inPeriod(e.data.occurred_on) || inPeriod(e.data.detected_on),
  );
  section(
    'b',
    `${count(changes.length, 'change')} to the ISMS ${changes.length === 1 ? 'was' : 'were'} proposed, made or still in hand, and ${count(incidents.length, 'incident')} occurred ${since}.`,
    [...changes, ...incidents].map((e) => e.data.id),
    [
      {
        caption: 'Changes',
        columns: ['Change', 'Title', 'Scope', 'State', 'Owner'],
        rows: changes.map((e) => ({
          ...ref(e),
          scope: e.data.scope,
          status: e.data.status,
          owner: name(e.data.owner),
        })),
      },
      {
        caption: 'Incidents',
        columns: ['Incident', 'Title', 'Severity', 'Occurred', 'State'],
        rows: incidents.map((e) => ({
          ...ref(e),
          severity: e.data.severity,
          occurred: longDate(e.data.occurred_on),
          status: e.data.status,
        })),
      },
    ],
  );

  // c: interested parties — legal, regulatory, standards and contract changes.
  const lrcs = entriesOf(register, lrc).filter((e) => inPeriod(e.data.identified_on) || e.data.status !== 'closed');
  section(
    'c',
    lrcs.length
      ? `${count(lrcs.length, 'legal, regulatory, standards or contract change')} ${lrcs.length === 1 ? 'was' : 'were'} identified ${since} or ${lrcs.length === 1 ? 'is' : 'are'} still being assessed.`
      : `No legal, regulatory, standards or contract change was identified ${since}.`,
    lrcs.map((e) => e.data.id),
    [
      {
        caption: 'Legal, regulatory and standards changes',
        columns: ['Record', 'Title', 'Source', 'Reference', 'Takes effect', 'State'],
        rows: lrcs.map((e) => ({
          ...ref(e),
          source: e.data.source_type,
          reference: e.data.reference,
          effective: longDate(e.data.effective_on),
          status: e.data.status,
        })),
      },
    ],
  );

  // d1: nonconformities and corrective actions, with the trend against the previous period.
  const ncs = entriesOf(register, nc);
  const raised = ncs.filter((e) => inPeriod(e.data.raised_on));
  const closed = ncs.filter((e) => inPeriod(e.data.closed_on));
  const raisedBefore = ncs.filter((e) => inPrior(e.data.raised_on)).length;
  const closedBefore = ncs.filter((e) => inPrior(e.data.closed_on)).length;
  const openNcs = ncs.filter((e) => !NC_DONE.includes(e.data.status) && e.data.raised_on <= end);
  const overdueNcs = openNcs.filter((e) => {
    const { respondBy, closeBy } = ncDeadlines(register, e.data);
    return closeBy < end || (e.data.status === 'open' && respondBy < end);
  });
  const toReport = ncs.filter(
    (e) =>
      e.data.reviewed_in === undefined &&
      e.data.status !== 'withdrawn' &&
      e.data.raised_on <= end &&
      (inPeriod(e.data.raised_on) || e.data.status === 'verified'),
  );
  const cas = entriesOf(register, ca);
  const overdueCas = cas.filter((e) => ['planned', 'in-progress'].includes(e.data.status) && e.data.due < end);
  const reviewedCas = cas.filter((e) => inPeriod(e.data.effectiveness?.reviewed_on));
  const trendText = previous ? ` (previous period: ${raisedBefore} raised, ${closedBefore} closed)` : '';
  section(
    'd1',
    `${count(raised.length, 'nonconformity', 'nonconformities')} raised and ${closed.length} closed ${since}${trendText}; ${openNcs.length} open, ${overdueNcs.length} overdue; ${count(overdueCas.length, 'corrective action')} overdue; ${count(reviewedCas.length, 'effectiveness review')} completed.`,
    toReport.map((e) => e.data.id),
    [
      {
        caption: 'Nonconformities to be reported',
        columns: ['NC', 'Title', 'Grade', 'Raised', 'State', 'Owner'],
        rows: toReport.map((e) => ({
          ...ref(e),
          grade: e.data.grade,
          raised: longDate(e.data.raised_on),
          status: e.data.status,
          owner: name(e.data.owner),
        })),
      },
      {
        caption: 'Overdue nonconformities',
        columns: ['NC', 'Title', 'State', 'Due', 'Owner'],
        rows: overdueNcs.map((e) => {
          const { respondBy, closeBy } = ncDeadlines(register, e.data);
          return {
            ...ref(e),
            status: e.data.status,
            due:
              e.data.status === 'open' && respondBy < end
                ? `correction by ${longDate(respondBy)}`
                : `closure by ${longDate(closeBy)}`,
            owner: name(e.data.owner),
          };
        }),
      },
      {
        caption: 'Overdue corrective actions',
        columns: ['CA', 'Title', 'NC', 'Due', 'Owner'],
        rows: overdueCas.map((e) => ({
          ...ref(e),
          nc: e.data.nc,
          due: longDate(e.data.due),
          owner: name(e.data.owner),
        })),
      },
      {
        caption: 'Effectiveness reviews',
        columns: ['CA', 'Title', 'NC', 'Result', 'Reviewed by'],
        rows: reviewedCas.map((e) => ({
          ...ref(e),
          nc: e.data.nc,
          result: e.data.effectiveness!.result,
          by: name(e.data.effectiveness!.reviewed_by),
        })),
      },
    ],
  );

  // d2: monitoring and measurement — policy compliance as of the meeting.
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics)
    if (d.severity === 'warning' && isPolicyRule(d.rule)) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  const incidentsBefore = entriesOf(register, incident).filter((e) => inPrior(e.data.occurred_on)).length;
  section(
    'd2',
    `${count([...byRule.values()].flat().length, 'policy compliance finding')} as of ${longDate(asOf)}; ${count(incidents.length, 'incident')} ${since}${previous ? ` (${trend(incidents.length, incidentsBefore)} on the previous period)` : ''}.`,
    [],
    [
      {
        caption: 'Policy compliance findings',
        columns: ['Check', 'Findings', 'For example'],
        rows: [...byRule.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([rule, ds]) => ({ rule, n: String(ds.length), example: ds[0]!.message })),
      },
      {
        caption: 'Incidents by severity',
        columns: ['Severity', 'This period', 'Previous period'],
        rows: (['critical', 'high', 'medium', 'low'] as const).map((s) => ({
          severity: s,
          now: String(incidents.filter((e) => e.data.severity === s).length),
          before: previous
            ? String(
                entriesOf(register, incident).filter((e) => e.data.severity === s && inPrior(e.data.occurred_on))
                  .length,
              )
            : '—',
        })),
      },
    ],
  );

  // d3: audit results.
  const audits = entriesOf(register, audit);
  const reported = audits.filter((e) => inPeriod(e.data.report?.date));
  const unpresented = audits.filter((e) => e.data.status === 'reported' && e.data.reported_to === undefined);
  const upcoming = audits
    .filter((e) => e.data.status === 'planned' || e.data.status === 'in-progress')
    .sort((a, b) => (a.data.planned < b.data.planned ? -1 : a.data.planned > b.data.planned ? 1 : 0));
  const findingsOf = (e: (typeof audits)[number]) => {
    const counts = new Map<string, number>();
    for (const f of e.data.report?.findings ?? []) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    return counts.size ? prose([...counts].map(([t, n]) => `${n} ${t}`)) : 'none';
  };
  section(
    'd3',
    `${count(reported.length, 'audit')} reported ${since}; ${unpresented.length} awaiting presentation to this review; ${upcoming.length} planned or in progress.`,
    [...new Set([...reported, ...unpresented].map((e) => e.data.id))],
    [
      {
        caption: 'Audits reported',
        columns: ['Audit', 'Title', 'Type', 'Reported', 'Findings', 'Conclusion'],
        rows: [...new Set([...reported, ...unpresented])].map((e) => ({
          ...ref(e),
          type: e.data.type,
          reported: longDate(e.data.report?.date),
          findings: findingsOf(e),
          conclusion: e.data.report?.conclusion ?? '',
        })),
      },
      {
        caption: 'Audits planned or in progress',
        columns: ['Audit', 'Title', 'Type', 'Planned', 'Lead auditor'],
        rows: upcoming.map((e) => ({
          ...ref(e),
          type: e.data.type,
          planned: longDate(e.data.planned),
          lead: name(e.data.lead_auditor),
        })),
      },
    ],
  );

  // d4: objectives.
  const objectives = entriesOf(register, objective).filter(
    (e) => e.data.status === 'active' || inPeriod(e.data.concluded?.on) || inPeriod(e.data.retired?.on),
  );
  const behind = objectives.filter((e) => e.data.status === 'active' && e.data.reviews?.at(-1)?.on_track === false);
  section(
    'd4',
    `${count(objectives.filter((e) => e.data.status === 'active').length, 'objective')} active, ${behind.length} of them behind at the latest review; ${objectives.filter((e) => e.data.status !== 'active').length} concluded ${since}.`,
    objectives.map((e) => e.data.id),
    [
      {
        caption: 'Objectives',
        columns: ['Objective', 'Title', 'Target', 'Due', 'Latest result', 'State'],
        rows: objectives.map((e) => {
          const last = e.data.reviews?.at(-1);
          return {
            ...ref(e),
            target: e.data.target,
            due: longDate(e.data.due),
            result: e.data.concluded?.result ?? (last ? `${last.result} (${longDate(last.date)})` : 'not yet reviewed'),
            status: e.data.status === 'active' ? (last?.on_track === false ? 'behind' : 'on track') : e.data.status,
          };
        }),
      },
    ],
  );

  // e: feedback from interested parties — certification, client and third-party audits.
  const external = reported.filter(
    (e) => EXTERNAL_TYPES.includes(e.data.type) || AGREEMENT_TYPES.includes(e.data.type),
  );
  section(
    'e',
    external.length
      ? `${count(external.length, 'external or client audit')} reported ${since}.`
      : `No certification, client or third-party audit was reported ${since}.`,
    external.map((e) => e.data.id),
    [
      {
        caption: 'External and client audits',
        columns: ['Audit', 'Title', 'Type', 'Findings', 'Conclusion'],
        rows: external.map((e) => ({
          ...ref(e),
          type: e.data.type,
          findings: findingsOf(e),
          conclusion: e.data.report?.conclusion ?? '',
        })),
      },
    ],
  );

  // f: risk — policy exceptions are accepted risks.
  const exceptions = entriesOf(register, exception).filter(
    (e) =>
      ['requested', 'approved'].includes(e.data.status) || inPeriod(e.data.expired_on) || inPeriod(e.data.revoked?.on),
  );
  const expiring = exceptions.filter(
    (e) => e.data.status === 'approved' && e.data.expires_on !== undefined && e.data.expires_on <= nextReview,
  );
  section(
    'f',
    `${count(exceptions.filter((e) => e.data.status === 'approved').length, 'policy exception')} in force, ${expiring.length} expiring before the review after this one is due (${longDate(nextReview)}); ${exceptions.filter((e) => e.data.status === 'requested').length} awaiting decision.`,
    exceptions.map((e) => e.data.id),
    [
      {
        caption: 'Policy exceptions (accepted risks)',
        columns: ['Exception', 'Title', 'Risk', 'State', 'Expires'],
        rows: exceptions.map((e) => ({
          ...ref(e),
          risk: e.data.risk,
          status: e.data.status,
          expires: e.data.expires_on
            ? `${longDate(e.data.expires_on)}${expiring.includes(e) ? ' (before the review after this one)' : ''}`
            : '—',
        })),
      },
    ],
  );

  // g: opportunities for improvement.
  const ofis = entriesOf(register, ofi);
  const proposed = ofis.filter((e) => e.data.status === 'proposed');
  const accepted = ofis.filter((e) => e.data.status === 'accepted');
  const implemented = ofis.filter((e) => inPeriod(e.data.implemented_on));
  section(
    'g',
    `${count(proposed.length, 'opportunity', 'opportunities')} for improvement awaiting decision; ${accepted.length} accepted and in hand; ${implemented.length} implemented ${since}.`,
    proposed.map((e) => e.data.id),
    [
      {
        caption: 'Awaiting decision',
        columns: ['OFI', 'Title', 'Source', 'Benefit', 'Owner'],
        rows: proposed.map((e) => ({
          ...ref(e),
          source: e.data.source.ref ?? e.data.source.type,
          benefit: e.data.benefit,
          owner: name(e.data.owner),
        })),
      },
      {
        caption: 'Accepted, in hand',
        columns: ['OFI', 'Title', 'Due', 'Owner'],
        rows: accepted.map((e) => ({ ...ref(e), due: longDate(e.data.due), owner: name(e.data.owner) })),
      },
    ],
  );

  const policy = register.config.policy;
  const policyDue = addMonths(policy.reviewed_on, policy.review_interval_months);
  const other = [
    policyDue <= nextReview
      ? `The ${policy.title} (version ${policy.version}) is due for review by ${longDate(policyDue)}${policyDue < end ? ' and is overdue' : ''}.`
      : `The ${policy.title} (version ${policy.version}) is next due for review by ${longDate(policyDue)}.`,
    `The review after this one is due by ${longDate(nextReview)}.`,
  ];

  return {
    organisation: register.config.organisation,
    id: review.data.id,
    title: review.data.title,
    status: review.data.status,
    scheduledOn: longDate(review.data.scheduled_on),
    owner: name(review.data.owner),
    members: prose(review.data.members.map(name)),
    previous: previous ? `${previous.data.id}, held on ${longDate(previous.data.held_on)}` : 'none held yet',
    period: `${longDate(from)} to ${longDate(end)}`,
    asOf: longDate(asOf),
    sections,
    other,
  };
}
