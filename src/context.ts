// What a command may know of the world. Commands receive it instead of reading process globals,
// so tests hand them a folder, an environment and a clock of their own.
import { isIsoDate } from './domain/dates.js';
import { UserError } from './errors.js';

export interface Context {
  /** Folder the command works from (the register is found from here). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

/** The environment variable that sets the date cim takes as today, for scripted replays and tests. */
export const CLOCK_VARIABLE = 'CIM_TODAY';

export function processContext(): Context {
  return { cwd: process.cwd(), env: process.env, now: clock(process.env[CLOCK_VARIABLE]) };
}

/** Now, or noon of the day `CIM_TODAY` names (noon, so the date is that day in every time zone). */
export function clock(value: string | undefined): Date {
  if (value === undefined || value === '') return new Date();
  if (!isIsoDate(value))
    throw new UserError(
      `${CLOCK_VARIABLE}=${value} is not a date`,
      `write it as YYYY-MM-DD, or unset ${CLOCK_VARIABLE}`,
    );
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

/**
 * The variable reproducible builds set to the time of the source they build from (whole seconds
 * since 1970-01-01 UTC): documents take its day as their default as-of date, so a pipeline that
 * sets it to the last commit's time makes the same bytes whenever it runs.
 */
export const SOURCE_DATE_VARIABLE = 'SOURCE_DATE_EPOCH';

/** The day (UTC) `SOURCE_DATE_EPOCH` names, or undefined when it is not set. */
export function sourceDate(env: Context['env']): string | undefined {
  const value = env[SOURCE_DATE_VARIABLE];
  if (value === undefined || value === '') return undefined;
  const seconds = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  const date = new Date(seconds * 1000);
  const day = Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
  if (!isIsoDate(day))
    throw new UserError(
      `${SOURCE_DATE_VARIABLE}=${value} is not a time cim can date a document by`,
      `set it to whole seconds since 1970-01-01 UTC, e.g. ${SOURCE_DATE_VARIABLE}=$(git log -1 --format=%ct), or give --as-of YYYY-MM-DD, or unset ${SOURCE_DATE_VARIABLE}`,
    );
  return day;
}

/** The date a document is prepared as of: --as-of when given, else the day of `SOURCE_DATE_EPOCH`, else today. */
export function documentAsOf(asOf: string | undefined, env: Context['env']): string | undefined {
  return asOf !== undefined && asOf !== '' ? asOf : sourceDate(env);
}
