// 9.3.2 a: the actions earlier reviews decided, open ones carried forward with their age in reviews
// and escalated once open across two or more, those done since listed.
import { ESCALATED_AFTER_REVIEWS, isDoneAction, isOpenAction } from '../../domain/kinds/mrt.js';
import type { MrtRecord } from '../../domain/kinds/index.js';
import type { Entry, Register } from '../../domain/register.js';
import { count, longDate, personName } from '../format.js';
import type { Period } from './period.js';
import { section, table, type AgendaSection, type Column } from './section.js';

type Action = NonNullable<MrtRecord['actions']>[number];

/** An action with the review that decided it, and how many reviews were held since, before this one. */
interface Decided {
  readonly m: Entry<MrtRecord>;
  readonly a: Action;
  readonly age: number;
}

export function actionsSection(register: Register, period: Period): AgendaSection {
  const { earlier, end, since, inPeriod } = period;
  const actions = earlier.flatMap((m, i) =>
    (m.data.actions ?? []).map((a): Decided => ({ m, a, age: earlier.length - 1 - i })),
  );
  const open = actions.filter(({ a }) => isOpenAction(a));
  const escalated = open.filter(({ age }) => age >= ESCALATED_AFTER_REVIEWS);
  const done = actions.filter(({ a }) => isDoneAction(a) && inPeriod(a.done_on));
  const overdue = open.filter(({ a }) => a.due < end);
  const action: Column<Decided>[] = [
    ['Action', 'ref', ({ m, a }) => `${m.data.id} ${a.ref}`],
    ['What', 'text', ({ a }) => a.text],
    ['Owner', 'owner', ({ a }) => personName(register, a.owner)],
  ];
  return section(
    'a',
    open.length || done.length
      ? `${count(open.length, 'action')} from earlier reviews ${open.length === 1 ? 'is' : 'are'} open${overdue.length ? `, ${overdue.length} of them overdue` : ''}; ${done.length} completed ${since}.${escalated.length ? ` ${escalated.length} open across two or more reviews: escalated to this review.` : ''}`
      : 'No actions from earlier reviews are open.',
    [...new Set(open.map(({ m }) => m.data.id))],
    [
      table('Open actions', open, [
        ...action,
        ['Due', 'due', ({ a }) => longDate(a.due)],
        // An open action is shown as its own status, or as overdue once its date has passed.
        ['State', 'state', ({ a }) => (a.due < end ? 'overdue' : a.status)],
        ['Age', 'age', ({ age }) => count(age, 'review')],
        ['Escalated', 'escalated', ({ age }) => (age >= ESCALATED_AFTER_REVIEWS ? 'yes' : 'no')],
      ]),
      table(`Completed ${since}`, done, [...action, ['Done', 'done', ({ a }) => longDate(a.done_on)]]),
    ],
  );
}
