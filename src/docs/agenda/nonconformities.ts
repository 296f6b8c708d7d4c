// 9.3.2 d1: nonconformities and corrective actions, with the trend against the previous period.
import { ca, nc } from '../../domain/kinds/index.js';
import { hasFact, isLive, isVoid, passedDeadlines } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate, personName } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function nonconformitiesSection(register: Register, period: Period): AgendaSection {
  const { end, since, previous, inPeriod, inPrior } = period;
  const ncs = entriesOf(register, nc);
  const raised = ncs.filter((e) => inPeriod(e.data.raised_on));
  const closed = ncs.filter((e) => inPeriod(e.data.closed_on));
  const raisedBefore = ncs.filter((e) => inPrior(e.data.raised_on)).length;
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
  return section(
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
  );
}
