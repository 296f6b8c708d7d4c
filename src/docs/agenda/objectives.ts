// 9.3.2 d4: fulfilment of the information security objectives, active or concluded in the period.
// An active objective stands as its latest review found it only while that review is within the
// objective's review interval, as policy/objective-review-overdue judges it; after that, or before
// any review, it is not reviewed: nobody knows whether it is on track.
import { addMonths } from '../../domain/dates.js';
import { objective, type ObjectiveRecord } from '../../domain/kinds/index.js';
import { isLive } from '../../domain/queries.js';
import { entriesOf, type Entry, type Register } from '../../domain/register.js';
import { count, longDate } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

type Standing = 'on track' | 'behind' | 'not reviewed';

/** Months between an objective's reviews: its own interval, or cim.yaml's. */
function intervalOf(register: Register, e: Entry<ObjectiveRecord>): number {
  return e.data.review_interval_months ?? register.config.objectives.review_interval_months;
}

/** The latest review of an objective, by its date; the one recorded last of those on that date. */
function latestReview(e: Entry<ObjectiveRecord>) {
  return (e.data.reviews ?? []).reduce<NonNullable<ObjectiveRecord['reviews']>[number] | undefined>(
    (latest, r) => (latest === undefined || r.date >= latest.date ? r : latest),
    undefined,
  );
}

/** How an active objective stands at the meeting: as its latest review found it, if that is recent enough. */
function standingOf(register: Register, e: Entry<ObjectiveRecord>, end: string): Standing {
  const last = latestReview(e);
  if (last === undefined || addMonths(last.date, intervalOf(register, e)) < end) return 'not reviewed';
  return last.on_track ? 'on track' : 'behind';
}

export function objectivesSection(register: Register, { end, since, inPeriod, byEnd }: Period): AgendaSection {
  const active = (e: { data: { status: string; created: string } }) =>
    isLive(objective, e.data.status) && byEnd(e.data.created);
  const objectives = entriesOf(register, objective).filter(
    (e) => active(e) || inPeriod(e.data.concluded?.on) || inPeriod(e.data.retired?.on),
  );
  const standing = new Map(objectives.filter(active).map((e) => [e, standingOf(register, e, end)]));
  const counted = (s: Standing) => [...standing.values()].filter((v) => v === s).length;
  const unreviewed = [...standing].filter(([, s]) => s === 'not reviewed').map(([e]) => intervalOf(register, e));
  const intervals = new Set(unreviewed.length ? unreviewed : [register.config.objectives.review_interval_months]);
  const window =
    intervals.size === 1 ? `in the last ${count([...intervals][0]!, 'month')}` : 'within their review intervals';
  const concluded = objectives.length - standing.size;
  const behind = counted('behind');
  return section(
    'd4',
    standing.size
      ? `${count(standing.size, 'objective')} active: ${counted('on track')} on track, ${behind} behind at ${behind === 1 ? 'its' : 'their'} latest review, ${counted('not reviewed')} not reviewed ${window}; ${concluded} concluded ${since}.`
      : `No objective is active; ${concluded} concluded ${since}.`,
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
            const last = latestReview(e);
            return e.data.concluded?.result ?? (last ? `${last.result} (${longDate(last.date)})` : 'not yet reviewed');
          },
        ],
        // An objective still in hand shows how it stands at the meeting; a concluded one, its state.
        ['State', 'status', (e) => standing.get(e) ?? e.data.status],
      ]),
    ],
  );
}
