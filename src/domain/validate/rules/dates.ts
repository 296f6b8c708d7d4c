// Dates: event dates follow the lifecycle, and none is after the day the register is judged on.
import { formatPath, type FieldDiagnostic } from '../../diagnostics.js';
import { addDays, isIsoDate } from '../../dates.js';
import { eventDatePatterns } from '../../inputs.js';
import { error, type Rule } from '../rule.js';
import { DATE_FUTURE, DATE_ORDER } from '../rule-ids.js';
import { valuesAt } from '../zod-walk.js';

/** Event dates follow the lifecycle (raised ≤ corrected ≤ closed, …). */
export const dateOrder: Rule = (register) =>
  register.entries.flatMap((e) => {
    let latest: { path: string; value: string } | undefined;
    const out: FieldDiagnostic[] = [];
    for (const path of e.kind.dateOrder) {
      const [value] = valuesAt(e.data, path.split('.'));
      if (typeof value?.value !== 'string') continue;
      if (latest && value.value < latest.value) {
        out.push(
          error(
            e,
            DATE_ORDER,
            value.path,
            `${path} ${value.value} is before ${latest.path} ${latest.value}`,
            `dates follow the lifecycle: ${e.kind.dateOrder.join(' ≤ ')}`,
          ),
        );
      } else {
        latest = { path, value: value.value };
      }
    }
    return out;
  });

/**
 * Event dates are not after the date of the check: a record states what has happened. One day
 * ahead is allowed, since a date is written where the person is and the check may run where it
 * is still the day before (a CI runner in UTC checking a morning's work in Sydney).
 */
export const futureDates: Rule = (register, { asOf }) => {
  // The day after 9999-12-31 is no date cim reads (the year 10000 sorts before it), and nothing
  // is later than that last day anyway.
  const next = addDays(asOf, 1);
  const latest = isIsoDate(next) ? next : asOf;
  return register.entries.flatMap((e) =>
    eventDatePatterns(e.kind).flatMap((pattern) =>
      valuesAt(e.data, pattern).flatMap(({ path, value }) =>
        typeof value === 'string' && value > latest
          ? [
              error(
                e,
                DATE_FUTURE,
                path,
                `${formatPath(path)} ${value} is after ${asOf}: it records an event that has not happened yet`,
                'record events once they have happened; check the year, or judge the register as of a later date with --as-of',
              ),
            ]
          : [],
      ),
    ),
  );
};
