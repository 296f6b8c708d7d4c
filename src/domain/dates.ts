// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so results never depend on the time zone.

const DAY = 86_400_000;

function parse(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/**
 * The date as YYYY-MM-DD, kept within the calendar cim reads: arithmetic that runs past the last
 * day (a deadline 90 days after 9999-11-01) ends on it, and one before the first starts on it, so
 * every result compares as a date with every other.
 */
function format(d: Date): string {
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year > LAST_YEAR) return `${LAST_YEAR}-12-31`;
  if (year < FIRST_YEAR) return `${FIRST_YEAR}-01-01`;
  return d.toISOString().slice(0, 10);
}

/** Years a date may have: before 1900 or past 9999 is a typing mistake, not a record's date. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

/** A real calendar date written YYYY-MM-DD, in years FIRST_YEAR to LAST_YEAR (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month written YYYY-MM, in the same years. */
export function isMonth(value: string): boolean {
  return /^\d{4}-\d{2}$/.test(value) && isIsoDate(`${value}-01`);
}

/** Days from one date to another: negative when `to` is the earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY);
}

export function addDays(date: string, days: number): string {
  return format(new Date(parse(date).getTime() + days * DAY));
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return format(target);
}

/** Today's date where the clock is, as YYYY-MM-DD. */
export function today(now: Date): string {
  return format(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** The first day a `YYYY-MM` or `YYYY-MM-DD` value stands for. */
export function startOf(monthOrDate: string): string {
  return monthOrDate.length === 7 ? `${monthOrDate}-01` : monthOrDate;
}

/** The last day a `YYYY-MM` or `YYYY-MM-DD` value stands for. */
export function endOf(monthOrDate: string): string {
  return monthOrDate.length === 7 ? addDays(addMonths(`${monthOrDate}-01`, 1), -1) : monthOrDate;
}
