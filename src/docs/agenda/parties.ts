// 9.3.2 c: changes in the needs and expectations of interested parties, as the legal, regulatory,
// standards and contract changes identified in the period or still being assessed.
import { lrc } from '../../domain/kinds/index.js';
import { isLive } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function partiesSection(register: Register, { since, inPeriod, byEnd }: Period): AgendaSection {
  const lrcs = entriesOf(register, lrc).filter(
    (e) => inPeriod(e.data.identified_on) || (isLive(lrc, e.data.status) && byEnd(e.data.identified_on)),
  );
  return section(
    'c',
    lrcs.length
      ? `${count(lrcs.length, 'legal, regulatory, standards or contract change')} ${lrcs.length === 1 ? 'was' : 'were'} identified ${since} or ${lrcs.length === 1 ? 'is' : 'are'} still being assessed.`
      : `No legal, regulatory, standards or contract change was identified ${since}.`,
    lrcs.map((e) => e.data.id),
    [
      table('Legal, regulatory and standards changes', lrcs, [
        ...recordColumns('Record'),
        ['Source', 'source', (e) => e.data.source_type],
        ['Reference', 'reference', (e) => e.data.reference],
        ['Takes effect', 'effective', (e) => longDate(e.data.effective_on)],
        ['State', 'status', (e) => e.data.status],
      ]),
    ],
  );
}
