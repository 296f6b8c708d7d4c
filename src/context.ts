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
