// 9.3.2 b: changes in external and internal issues, as the changes to the ISMS and the incidents of
// the period, and the changes made that still await their post-implementation review.
import { addDays } from '../../domain/dates.js';
import { change, incident, type ChangeRecord } from '../../domain/kinds/index.js';
import { hasFact, isLive } from '../../domain/queries.js';
import { entriesOf, type Entry, type Register } from '../../domain/register.js';
import { CHANGE_REVIEW_WITHIN_DAYS } from '../../domain/validate/compliance/improvement.js';
import { count, longDate, personName } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

/** The incidents that occurred or were detected in the period. */
export function incidentsIn(register: Register, { inPeriod }: Period) {
  return entriesOf(register, incident).filter((e) => inPeriod(e.data.occurred_on) || inPeriod(e.data.detected_on));
}

/** The changes implemented and not yet reviewed, as policy/change-unreviewed finds them. */
function awaitingReview(register: Register, { byEnd }: Period): Entry<ChangeRecord>[] {
  return entriesOf(register, change).filter(
    (e) => isLive(change, e.data.status) && byEnd(e.data.implemented_on) && e.data.review === undefined,
  );
}

/** When a change's post-implementation review is due: within the days after it was implemented. */
const reviewDue = (e: Entry<ChangeRecord>) => addDays(e.data.implemented_on!, CHANGE_REVIEW_WITHIN_DAYS);

export function issuesSection(register: Register, period: Period): AgendaSection {
  const { end, since, inPeriod, byEnd } = period;
  const changes = entriesOf(register, change).filter(
    (e) =>
      inPeriod(e.data.created) ||
      inPeriod(e.data.approved_on) ||
      inPeriod(e.data.implemented_on) ||
      inPeriod(e.data.review?.on) ||
      (hasFact(change, e.data.status, 'in-hand') && byEnd(e.data.created)),
  );
  const incidents = incidentsIn(register, period);
  const awaiting = awaitingReview(register, period);
  const late = awaiting.filter((e) => reviewDue(e) < end).length;
  return section(
    'b',
    `${count(changes.length, 'change')} to the ISMS ${changes.length === 1 ? 'was' : 'were'} proposed, made or still in hand, and ${count(incidents.length, 'incident')} occurred ${since}${awaiting.length ? `; ${count(awaiting.length, 'implemented change')} ${awaiting.length === 1 ? 'awaits its' : 'await their'} post-implementation review${late ? `, ${late} of them overdue` : ''}` : ''}.`,
    [...new Set([...changes, ...awaiting, ...incidents].map((e) => e.data.id))],
    [
      table('Changes', changes, [
        ...recordColumns('Change'),
        ['Scope', 'scope', (e) => e.data.scope],
        ['State', 'status', (e) => e.data.status],
        ['Owner', 'owner', (e) => personName(register, e.data.owner)],
      ]),
      table('Awaiting post-implementation review', awaiting, [
        ...recordColumns('Change'),
        ['Implemented', 'implemented', (e) => longDate(e.data.implemented_on)],
        ['Review due by', 'due', (e) => `${longDate(reviewDue(e))}${reviewDue(e) < end ? ' (overdue)' : ''}`],
      ]),
      table('Incidents', incidents, [
        ...recordColumns('Incident'),
        ['Severity', 'severity', (e) => e.data.severity],
        ['Occurred', 'occurred', (e) => longDate(e.data.occurred_on)],
        ['State', 'status', (e) => e.data.status],
      ]),
    ],
  );
}
