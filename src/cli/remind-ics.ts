// `cim remind --format ics`: the due dates as an iCalendar feed (RFC 5545) people can subscribe to.
// One all-day event per item, overdue ones on the day they fell due. Nothing in it depends on the
// clock: the stamp is the as-of date at midnight UTC, and a UID is the record, what is due and the
// register, so a calendar updates an event rather than adding another when the date moves.
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { PersonReminders, Reminder, RemindResult } from '../commands/remind.js';
import { shown } from './terminal.js';

/** Lower-case words joined by hyphens: "Acme Ltd." → "acme-ltd". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'register'
  );
}

const utcDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/** A parameter value (CN) may hold no double quote, and no control character. */
const paramText = (text: string) => shown(text).replace(/["\\]/g, "'");

/** The UID of an item's event: stable across runs, unique across registers. */
export function eventUid(item: Pick<Reminder, 'id' | 'what'>, organisation: string): string {
  return `${item.id}.${slug(item.what)}@${slug(organisation)}.cim`;
}

interface Owned {
  readonly item: Reminder;
  readonly owner?: PersonReminders;
}

export function formatRemindIcs(r: RemindResult): string {
  const { organiser } = r;
  const only = r.people.length === 1 && r.unassigned.overdue.length + r.unassigned.soon.length === 0;
  const title = `${r.organisation} reminders${only && r.people[0] ? `: ${r.people[0].name}` : ''}`;
  const cal = ical({
    prodId: { company: 'cim', product: 'cim reminders', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: shown(title),
  });
  const owned: Owned[] = [
    ...r.people.flatMap((p) => [...p.overdue, ...p.soon].map((item) => ({ item, owner: p }))),
    ...[...r.unassigned.overdue, ...r.unassigned.soon].map((item) => ({ item })),
  ];
  for (const { item, owner } of owned) {
    const attendee = owner?.email ? { name: paramText(owner.name), email: owner.email } : undefined;
    cal.createEvent({
      id: eventUid(item, r.organisation),
      start: utcDay(item.due),
      allDay: true,
      stamp: utcDay(r.asOf),
      summary: shown(`${item.id} ${item.what}: ${item.title}`),
      description: shown(
        [
          item.title,
          `Next: ${item.command ? `${item.command} (${item.step})` : item.step}`,
          owner ? `Owner: ${owner.name}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
      ...(attendee ? { attendees: [attendee] } : {}),
      ...(attendee && organiser ? { organizer: { name: paramText(organiser.name), email: organiser.email } } : {}),
    });
  }
  return `${cal.toString()}\r\n`;
}
