// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so results never depend on the time zone.

const DAY = 86_400_000;

function parse(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && format(parse(value)) === value;
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

export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY);
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
