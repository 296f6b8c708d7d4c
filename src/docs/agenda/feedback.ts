// 9.3.2 e: feedback from interested parties, as the certification, client and third-party audits
// reported in the period.
import { AGREEMENT_TYPES, EXTERNAL_TYPES } from '../../domain/kinds/audit.js';
import type { Register } from '../../domain/register.js';
import { count } from '../format.js';
import { findingsOf, reportedAudits } from './audits.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function feedbackSection(register: Register, period: Period): AgendaSection {
  const { since } = period;
  const external = reportedAudits(register, period).filter(
    (e) => EXTERNAL_TYPES.includes(e.data.type) || AGREEMENT_TYPES.includes(e.data.type),
  );
  return section(
    'e',
    external.length
      ? `${count(external.length, 'external or client audit')} reported ${since}.`
      : `No certification, client or third-party audit was reported ${since}.`,
    external.map((e) => e.data.id),
    [
      table('External and client audits', external, [
        ...recordColumns('Audit'),
        ['Type', 'type', (e) => e.data.type],
        ['Findings', 'findings', findingsOf],
        ['Conclusion', 'conclusion', (e) => e.data.report?.conclusion ?? ''],
      ]),
    ],
  );
}
