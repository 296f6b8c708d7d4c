// The period an agenda covers: after the previous held review, up to the meeting (or the date it is
// prepared on), with the period before it for trends and the review after it for what must not lapse.
import { addMonths } from '../../domain/dates.js';
import { mrt, type MrtRecord } from '../../domain/kinds/index.js';
import { heldReviews, isVoid } from '../../domain/queries.js';
import type { Entry, Register } from '../../domain/register.js';
import { ExitCode, UserError } from '../../errors.js';
import { longDate } from '../format.js';

export interface Period {
  readonly review: Entry<MrtRecord>;
  /** The review held last before this one, whose period ends where this one starts. */
  readonly previous: Entry<MrtRecord> | undefined;
  /** Every review held before this one, oldest first. */
  readonly earlier: readonly Entry<MrtRecord>[];
  readonly from: string;
  readonly end: string;
  /** Where the period before this one starts, for trends. */
  readonly priorFrom: string;
  readonly asOf: string;
  /** "since MRT-0001 (1 March 2026)", or since the register started. */
  readonly since: string;
  /** The review after this one, by the cadence: what must not lapse before it is flagged now. */
  readonly nextReview: string;
  /** Whether a date falls after the previous review and up to the meeting. */
  readonly inPeriod: (date: string | undefined) => boolean;
  /** Whether a date falls in the period before, when there was one. */
  readonly inPrior: (date: string | undefined) => boolean;
}

/** The review and the period its agenda covers: after the previous held review, up to the meeting. */
export function agendaPeriod(register: Register, id: string, asOf: string): Period {
  const review = reviewOf(register, id);
  const end = review.data.held_on ?? asOf;
  const earlier = heldReviews(register).filter((m) => m.data.id !== id && m.data.held_on! < end);
  const previous = earlier.at(-1);
  const before = earlier.at(-2);
  const from = previous?.data.held_on ?? register.config.started_on;
  const priorFrom = before?.data.held_on ?? register.config.started_on;
  return {
    review,
    previous,
    earlier,
    from,
    end,
    priorFrom,
    asOf,
    since: previous ? `since ${previous.data.id} (${longDate(previous.data.held_on)})` : `since ${longDate(from)}`,
    nextReview: addMonths(
      review.data.held_on ?? review.data.scheduled_on,
      register.config.management_review.cadence_months,
    ),
    inPeriod: (d) => d !== undefined && d > from && d <= end,
    inPrior: (d) => d !== undefined && d > priorFrom && d <= from && previous !== undefined,
  };
}

/** The management review an agenda is for; one that ended without taking place has none. */
function reviewOf(register: Register, id: string): Entry<MrtRecord> {
  const review = register.byId.get(id) as Entry<MrtRecord> | undefined;
  if (!review || review.kind !== mrt) {
    throw new UserError(
      review ? `${id} is not a management review` : `no management review ${id} in this register`,
      '`cim list mrt` lists them',
      ExitCode.Usage,
    );
  }
  if (isVoid(mrt, review.data.status))
    throw new UserError(`${id} was ${review.data.status}`, 'schedule a new review: `cim mrt schedule`', ExitCode.Usage);
  return review;
}
