// 9.3.2 g: opportunities for continual improvement, awaiting decision, in hand, or implemented in
// the period.
import { ofi } from '../../domain/kinds/index.js';
import { entriesWith } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate, personName } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function improvementsSection(register: Register, { since, inPeriod, byEnd }: Period): AgendaSection {
  const proposed = entriesWith(register, ofi, 'awaiting-decision').filter((e) => byEnd(e.data.created));
  const accepted = entriesWith(register, ofi, 'accepted').filter((e) => byEnd(e.data.created));
  const implemented = entriesOf(register, ofi).filter((e) => inPeriod(e.data.implemented_on));
  const owner = ['Owner', 'owner', (e: { data: { owner: string } }) => personName(register, e.data.owner)] as const;
  return section(
    'g',
    `${count(proposed.length, 'opportunity', 'opportunities')} for improvement awaiting decision; ${accepted.length} accepted and in hand; ${implemented.length} implemented ${since}.`,
    proposed.map((e) => e.data.id),
    [
      table('Awaiting decision', proposed, [
        ...recordColumns('OFI'),
        ['Source', 'source', (e) => e.data.source.ref ?? e.data.source.type],
        ['Benefit', 'benefit', (e) => e.data.benefit],
        owner,
      ]),
      table('Accepted, in hand', accepted, [
        ...recordColumns('OFI'),
        ['Due', 'due', (e) => longDate(e.data.due)],
        owner,
      ]),
    ],
  );
}
