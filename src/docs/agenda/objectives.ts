// 9.3.2 d4: fulfilment of the information security objectives, active or concluded in the period.
import { objective } from '../../domain/kinds/index.js';
import { isLive } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function objectivesSection(register: Register, { since, inPeriod }: Period): AgendaSection {
  const active = (e: { data: { status: string } }) => isLive(objective, e.data.status);
  const objectives = entriesOf(register, objective).filter(
    (e) => active(e) || inPeriod(e.data.concluded?.on) || inPeriod(e.data.retired?.on),
  );
  const behind = objectives.filter((e) => active(e) && e.data.reviews?.at(-1)?.on_track === false);
  return section(
    'd4',
    `${count(objectives.filter(active).length, 'objective')} active, ${behind.length} of them behind at the latest review; ${objectives.filter((e) => !active(e)).length} concluded ${since}.`,
    objectives.map((e) => e.data.id),
    [
      table('Objectives', objectives, [
        ...recordColumns('Objective'),
        ['Target', 'target', (e) => e.data.target],
        ['Due', 'due', (e) => longDate(e.data.due)],
        [
          'Latest result',
          'result',
          (e) => {
            const last = e.data.reviews?.at(-1);
            return e.data.concluded?.result ?? (last ? `${last.result} (${longDate(last.date)})` : 'not yet reviewed');
          },
        ],
        // An objective still in hand shows how it stands at its latest review; a concluded one, its state.
        [
          'State',
          'status',
          (e) => (active(e) ? (e.data.reviews?.at(-1)?.on_track === false ? 'behind' : 'on track') : e.data.status),
        ],
      ]),
    ],
  );
}
