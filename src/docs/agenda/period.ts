// The period an agenda covers: after the previous held review, up to the meeting (or the date it is
// prepared on), with the period before it for trends and the review after it for what must not lapse.
// The first review's period has no previous review to start after: it covers everything up to the
// meeting, so what a register enters as already open when it starts (NCs, OFIs, changes, legal
// changes) comes before management the first time, and what ended before the register started
// does not.
import { addDays, addMonths } from '../../domain/dates.js';
import { mrt, type MrtRecord } from '../../domain/kinds/index.js';
import { heldReviews, isLive, isVoid } from '../../domain/queries.js';
import { buildRegister, type Entry, type Register } from '../../domain/register.js';
import { ExitCode, UserError } from '../../errors.js';
import { longDate } from '../format.js';

export interface Period {
  /** The register as the agenda reads it: without the records that ended before it started. */
  readonly register: Register;
  readonly review: Entry<MrtRecord>;
  /** The review held last before this one, whose period ends where this one starts. */
  readonly previous: Entry<MrtRecord> | undefined;
  /** Every review held before this one, oldest first. */
  readonly earlier: readonly Entry<MrtRecord>[];
  /** The previous review's date, or the day the register started. */
  readonly from: string;
  readonly end: string;
  /** The period as the agenda's header says it, each end included. */
  readonly covers: string;
  /** Where the period before this one starts, for trends. */
  readonly priorFrom: string;
  readonly asOf: string;
  /** "since MRT-0001 (1 March 2026)", or "up to this first review". */
  readonly since: string;
  /** The review after this one, by the cadence: what must not lapse before it is flagged now. */
  readonly nextReview: string;
  /** Whether a date falls after the previous review, or before it when there is none, and up to the meeting. */
  readonly inPeriod: (date: string | undefined) => boolean;
  /**
   * Whether a date falls on or before the meeting: a record still open now that was raised after
   * it was not before the review, whose agenda is read again once it was held.
   */
  readonly byEnd: (date: string | undefined) => boolean;
  /** Whether a date falls in the period before, when there was one; the first has no start. */
  readonly inPrior: (date: string | undefined) => boolean;
}

/** The review and the period its agenda covers: after the previous held review, up to the meeting. */
export function agendaPeriod(register: Register, id: string, asOf: string): Period {
  const review = reviewOf(register, id);
  const end = review.data.held_on ?? asOf;
  const earlier = heldReviews(register).filter((m) => m.data.id !== id && m.data.held_on! < end);
  const previous = earlier.at(-1);
  const before = earlier.at(-2);
  const { started_on } = register.config;
  const from = previous?.data.held_on ?? started_on;
  const priorFrom = before?.data.held_on ?? started_on;
  return {
    register: sinceStarted(register),
    review,
    previous,
    earlier,
    from,
    end,
    covers: previous
      ? `${longDate(addDays(from, 1))} (the day after ${previous.data.id}) to ${longDate(end)}`
      : `${longDate(from)} (when the register started) to ${longDate(end)}, with what was still open before it`,
    priorFrom,
    asOf,
    since: previous ? `since ${previous.data.id} (${longDate(previous.data.held_on)})` : 'up to this first review',
    nextReview: addMonths(
      review.data.held_on ?? review.data.scheduled_on,
      register.config.management_review.cadence_months,
    ),
    inPeriod: (d) => d !== undefined && d <= end && (previous === undefined || d > from),
    byEnd: (d) => d !== undefined && d <= end,
    inPrior: (d) => d !== undefined && previous !== undefined && d <= from && (before === undefined || d > priorFrom),
  };
}

/**
 * The register without the records that ended before it started: no longer live, and every date
 * of their lifecycle before `started_on`. They came before any review the register knows of, so
 * no period counts them, the first one included. Reviews stay, as they are what periods are cut by.
 */
function sinceStarted(register: Register): Register {
  const { started_on } = register.config;
  const kept = register.entries.filter(
    (e) =>
      e.kind === mrt ||
      isLive(e.kind, e.data.status) ||
      e.kind.dateOrder.some((path) => {
        const date = valueAt(e.data, path);
        return typeof date === 'string' && date >= started_on;
      }),
  );
  if (kept.length === register.entries.length) return register;
  return buildRegister(register.root, register.config, register.prefixes, kept, register.unchecked);
}

/** The value at a dotted path of a record: `correction.date`. */
function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], data);
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
