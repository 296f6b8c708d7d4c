// 9.3.2 d1: nonconformities and corrective actions, with the trend against the previous period and
// the trends over the last four review periods, drawn and tabulated.
import { ca, nc } from '../../domain/kinds/index.js';
import { hasFact, isLive, isVoid, passedDeadlines } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { barChart, columnChart } from '../chart.js';
import { count, longDate, personName } from '../format.js';
import { meanDaysText, rateText, trends, type CategoryCount, type Trends } from '../trends.js';
import type { Period } from './period.js';
import {
  recordColumns,
  section,
  table,
  type AgendaFigure,
  type AgendaSection,
  type AgendaTable,
  type Column,
} from './section.js';

/** The d1 section: its tables and figures, and the numbers of its trends for --format json. */
export type NonconformitiesSection = AgendaSection & { readonly trends: Trends };

export function nonconformitiesSection(register: Register, period: Period): NonconformitiesSection {
  const { end, since, previous, inPeriod, inPrior } = period;
  const ncs = entriesOf(register, nc);
  // One withdrawn was raised in error: it is neither raised nor part of a trend.
  const counted = ncs.filter((e) => !isVoid(nc, e.data.status));
  const raised = counted.filter((e) => inPeriod(e.data.raised_on));
  const closed = ncs.filter((e) => inPeriod(e.data.closed_on));
  const raisedBefore = counted.filter((e) => inPrior(e.data.raised_on)).length;
  const closedBefore = ncs.filter((e) => inPrior(e.data.closed_on)).length;
  const open = ncs.filter((e) => isLive(nc, e.data.status) && e.data.raised_on <= end);
  const overdue = open.filter((e) => passedDeadlines(register, e, end).length > 0);
  const toReport = ncs.filter(
    (e) =>
      e.data.reviewed_in === undefined &&
      !isVoid(nc, e.data.status) &&
      e.data.raised_on <= end &&
      (inPeriod(e.data.raised_on) || hasFact(nc, e.data.status, 'ready-to-close')),
  );
  const cas = entriesOf(register, ca);
  const overdueCas = cas.filter((e) => passedDeadlines(register, e, end).length > 0);
  const reviewedCas = cas.filter((e) => inPeriod(e.data.effectiveness?.reviewed_on));
  const trendText = previous ? ` (previous period: ${raisedBefore} raised, ${closedBefore} closed)` : '';
  const owner = ['Owner', 'owner', (e: { data: { owner: string } }) => personName(register, e.data.owner)] as const;
  const t = trends(register, period);
  const d1 = section(
    'd1',
    `${count(raised.length, 'nonconformity', 'nonconformities')} raised and ${closed.length} closed ${since}${trendText}; ${open.length} open, ${overdue.length} overdue; ${count(overdueCas.length, 'corrective action')} overdue; ${count(reviewedCas.length, 'effectiveness review')} completed.`,
    toReport.map((e) => e.data.id),
    [
      table('Nonconformities to be reported', toReport, [
        ...recordColumns('NC'),
        ['Grade', 'grade', (e) => e.data.grade],
        ['Raised', 'raised', (e) => longDate(e.data.raised_on)],
        ['State', 'status', (e) => e.data.status],
        owner,
      ]),
      table('Overdue nonconformities', overdue, [
        ...recordColumns('NC'),
        ['State', 'status', (e) => e.data.status],
        // The first deadline of its state that has passed: the correction before the closure.
        ['Due', 'due', (e) => passedDeadlines(register, e, end).map((d) => `${d.what} by ${longDate(d.on)}`)[0]!],
        owner,
      ]),
      table('Overdue corrective actions', overdueCas, [
        ...recordColumns('CA'),
        ['NC', 'nc', (e) => e.data.nc],
        ['Due', 'due', (e) => longDate(e.data.due)],
        owner,
      ]),
      table('Effectiveness reviews', reviewedCas, [
        ...recordColumns('CA'),
        ['NC', 'nc', (e) => e.data.nc],
        ['Result', 'result', (e) => e.data.effectiveness!.result],
        ['Reviewed by', 'by', (e) => personName(register, e.data.effectiveness!.reviewed_by)],
      ]),
    ],
    figures(t),
  );
  return { ...d1, trends: t };
}

/** How often corrective actions worked and how long closing took: in the period, and up to its end. */
function closingTable(t: Trends): AgendaTable {
  return table(
    'Corrective action effectiveness and time to close',
    [
      ['Corrective actions reviewed as effective', rateText(t.effectiveness.period), rateText(t.effectiveness.overall)],
      ['Mean time from raised to closed', meanDaysText(t.daysToClose.period), meanDaysText(t.daysToClose.overall)],
    ] as const,
    [
      ['Measure', 'measure', ([m]) => m],
      ['This period', 'period', ([, p]) => p],
      ['All to date', 'overall', ([, , o]) => o],
    ],
  );
}

/** The trends as figures: the periods, then the NCs of the periods shown by source, requirement, area and cause. */
function figures(t: Trends): AgendaFigure[] {
  const periods = t.periods;
  const over = periods.length === 1 ? 'this period' : `the last ${periods.length} review periods`;
  const out: AgendaFigure[] = [];
  if (periods.some((p) => p.raised || p.closed)) {
    const caption = `Nonconformities raised and closed by review period`;
    out.push({
      table: table(caption, periods, [
        ['Period ending', 'period', (p) => `${p.label}${p.current ? ' (this period)' : ''}`],
        ['Raised', 'raised', (p) => String(p.raised)],
        ['Closed', 'closed', (p) => String(p.closed)],
      ]),
      chart: columnChart(
        'd1-periods',
        `${caption}, over ${over}`,
        periods.map((p) => [p.review, longDate(p.to)]),
        [
          { name: 'Raised', values: periods.map((p) => p.raised) },
          { name: 'Closed', values: periods.map((p) => p.closed) },
        ],
      ),
    });
  }
  const thisPeriod: Column<CategoryCount> = ['This period', 'period', (c) => String(c.period)];
  const breakdown = (id: string, what: string, header: string, counts: readonly CategoryCount[], note = '') => {
    if (!counts.some((c) => c.shown)) return;
    const caption = `Nonconformities raised over ${over}, by ${what}${note}`;
    out.push({
      table: table(caption, counts, [
        [header, 'category', (c) => c.label],
        ...(periods.length > 1 ? [thisPeriod] : []),
        [periods.length > 1 ? `Last ${periods.length} periods` : 'This period', 'shown', (c) => String(c.shown)],
      ]),
      chart: barChart(
        `d1-${id}`,
        caption,
        counts.map((c) => ({ label: c.label, value: c.shown })),
      ),
    });
  };
  breakdown('source', 'source', 'Source', t.bySource);
  breakdown(
    'requirement',
    'requirement',
    'Requirement',
    t.byRequirement,
    ' (one bearing on several is counted under each)',
  );
  breakdown('area', 'area', 'Area', t.byArea);
  breakdown('cause', 'root-cause category', 'Root cause', t.byCause);
  // One rate and one mean each: numbers to read, not to draw.
  out.push({ table: closingTable(t), chart: undefined });
  return out;
}
