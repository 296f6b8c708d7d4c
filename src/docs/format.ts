// Formatting shared by the documents: dates as people read them, names for person ids, lists in
// prose. Templates receive the results as plain strings.
import type { Register } from '../domain/register.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2026-06-30 → 30 June 2026; 2026-06 → June 2026. */
export function longDate(date: string | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** A person's name from their id; the id itself when cim.yaml does not know it. */
export function personName(register: Register, id: string | undefined): string {
  if (!id) return '—';
  return register.config.people.find((p) => p.id === id)?.name ?? id;
}

/** a, b and c. */
export function prose(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** 1 day, 2 days. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Change against the previous period, as a person would say it. */
export function trend(now: number, before: number): string {
  if (now === before) return 'no change';
  return now > before ? `up ${now - before}` : `down ${before - now}`;
}
