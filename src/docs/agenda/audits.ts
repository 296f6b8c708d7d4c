// 9.3.2 d3: audit results, as the audits reported in the period or not yet presented, and those
// planned or under way.
import { audit, type AuditRecord } from '../../domain/kinds/index.js';
import { hasFact } from '../../domain/queries.js';
import { entriesOf, type Entry, type Register } from '../../domain/register.js';
import { count, longDate, personName, prose } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

/** The audits whose report is dated in the period. */
export function reportedAudits(register: Register, { inPeriod }: Period) {
  return entriesOf(register, audit).filter((e) => inPeriod(e.data.report?.date));
}

/** An audit's findings counted by type: "2 minor and 1 observation", or "none". */
export function findingsOf(e: Entry<AuditRecord>): string {
  const counts = new Map<string, number>();
  for (const f of e.data.report?.findings ?? []) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  return counts.size ? prose([...counts].map(([t, n]) => `${n} ${t}`)) : 'none';
}

export function auditsSection(register: Register, period: Period): AgendaSection {
  const audits = entriesOf(register, audit);
  const reported = reportedAudits(register, period);
  const unpresented = audits.filter(
    (e) => hasFact(audit, e.data.status, 'reported') && e.data.reported_to === undefined,
  );
  const upcoming = audits
    .filter((e) => hasFact(audit, e.data.status, 'in-hand') && period.byEnd(e.data.created))
    .sort((a, b) => (a.data.planned < b.data.planned ? -1 : a.data.planned > b.data.planned ? 1 : 0));
  const shown = [...new Set([...reported, ...unpresented])];
  return section(
    'd3',
    `${count(reported.length, 'audit')} reported ${period.since}; ${unpresented.length} awaiting presentation to this review; ${upcoming.length} planned or in progress.`,
    shown.map((e) => e.data.id),
    [
      table('Audits reported', shown, [
        ...recordColumns('Audit'),
        ['Type', 'type', (e) => e.data.type],
        ['Reported', 'reported', (e) => longDate(e.data.report?.date)],
        ['Findings', 'findings', findingsOf],
        ['Conclusion', 'conclusion', (e) => e.data.report?.conclusion ?? ''],
      ]),
      table('Audits planned or in progress', upcoming, [
        ...recordColumns('Audit'),
        ['Type', 'type', (e) => e.data.type],
        ['Planned', 'planned', (e) => longDate(e.data.planned)],
        ['Lead auditor', 'lead', (e) => personName(register, e.data.lead_auditor)],
      ]),
    ],
  );
}
