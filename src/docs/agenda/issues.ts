// 9.3.2 b: changes in external and internal issues, as the changes to the ISMS and the incidents of
// the period.
import { change, incident } from '../../domain/kinds/index.js';
import { hasFact } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate, personName } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

/** The incidents that occurred or were detected in the period. */
export function incidentsIn(register: Register, { inPeriod }: Period) {
  return entriesOf(register, incident).filter((e) => inPeriod(e.data.occurred_on) || inPeriod(e.data.detected_on));
}

export function issuesSection(register: Register, period: Period): AgendaSection {
  const { since, inPeriod } = period;
  const changes = entriesOf(register, change).filter(
    (e) =>
      inPeriod(e.data.created) ||
      inPeriod(e.data.approved_on) ||
      inPeriod(e.data.implemented_on) ||
      inPeriod(e.data.review?.on) ||
      hasFact(change, e.data.status, 'in-hand'),
  );
  const incidents = incidentsIn(register, period);
  return section(
    'b',
    `${count(changes.length, 'change')} to the ISMS ${changes.length === 1 ? 'was' : 'were'} proposed, made or still in hand, and ${count(incidents.length, 'incident')} occurred ${since}.`,
    [...changes, ...incidents].map((e) => e.data.id),
    [
      table('Changes', changes, [
        ...recordColumns('Change'),
        ['Scope', 'scope', (e) => e.data.scope],
        ['State', 'status', (e) => e.data.status],
        ['Owner', 'owner', (e) => personName(register, e.data.owner)],
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
