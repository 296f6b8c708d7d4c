// The trends of input d1 a board reads: nonconformities raised and closed over the last four review
// periods, where the ones of those periods came from, what they bore on, where they arose and what
// caused them, how often corrective actions worked and how long closing took. Numbers only; the
// agenda and the minutes draw them (chart.ts) and tabulate them.
//
// Periods are cut by the held reviews: each ends on a review's date and starts after the review
// before it. The first review's period has no start (it takes what the register began with), and
// there is no period before it: a register that has held two reviews shows three periods, not four.
import { addDays, daysBetween } from '../domain/dates.js';
import { ca, nc, type MrtRecord, type NcRecord } from '../domain/kinds/index.js';
import { CAUSE_CATEGORIES } from '../domain/kinds/nc.js';
import type { SourceType } from '../domain/kinds/source.js';
import { isVoid } from '../domain/queries.js';
import { entriesOf, type Entry, type Register } from '../domain/register.js';
import { longDate } from './format.js';

/** How many review periods the trends show: this one and the three before it. */
export const TREND_PERIODS = 4;

/** One review period: what was raised and closed in it. */
export interface PeriodCount {
  /** The review that ends it: this one for the period the agenda covers. */
  readonly review: string;
  /** The day after the review before it; undefined for the first period, which has no start. */
  readonly from: string | undefined;
  readonly to: string;
  /** As a chart or table names it: "MRT-0002, 1 March 2026". */
  readonly label: string;
  readonly current: boolean;
  readonly raised: number;
  readonly closed: number;
}

/** The nonconformities of one category: raised in this period, and over the periods shown. */
export interface CategoryCount {
  readonly key: string;
  readonly label: string;
  readonly period: number;
  readonly shown: number;
}

/** Effective reviews of corrective actions out of those reviewed; percent null when none was. */
export interface Rate {
  readonly effective: number;
  readonly reviewed: number;
  readonly percent: number | null;
}

/** The mean days from raised to closed of the NCs closed; null when none was. */
export interface MeanDays {
  readonly closed: number;
  readonly days: number | null;
}

export interface Trends {
  /** Oldest first, at most TREND_PERIODS, the last one the period covered. */
  readonly periods: readonly PeriodCount[];
  readonly bySource: readonly CategoryCount[];
  readonly byRequirement: readonly CategoryCount[];
  readonly byArea: readonly CategoryCount[];
  readonly byCause: readonly CategoryCount[];
  /** Corrective actions whose effectiveness was reviewed in the period, and up to its end. */
  readonly effectiveness: { readonly period: Rate; readonly overall: Rate };
  /** NCs closed in the period, and up to its end. */
  readonly daysToClose: { readonly period: MeanDays; readonly overall: MeanDays };
}

/** What the trends need of the agenda's period: the review, those held before it, where it ends. */
export interface TrendPeriod {
  readonly review: Entry<MrtRecord>;
  readonly earlier: readonly Entry<MrtRecord>[];
  readonly end: string;
}

const SOURCE_LABELS = {
  'internal-audit': 'Internal audit',
  'external-audit': 'External audit',
  'client-audit': 'Client audit',
  incident: 'Incident',
  change: 'Change',
  'management-review': 'Management review',
  'objective-review': 'Objective review',
  'legal-change': 'Legal change',
  'self-identified': 'Self-identified',
} as const satisfies Record<SourceType, string>;

/**
 * The requirement groups: the management system's clauses as one, and the four Annex A themes.
 * A board asks whether the trouble is in running the ISMS or in its controls, and in which kind of
 * control; seven clause bars and four theme bars, most of them empty, would answer it less clearly,
 * and clause numbers mean little outside the ISMS team.
 */
export const REQUIREMENT_GROUPS = [
  ['clauses', 'Clauses 4–10 (the ISMS)'],
  ['A.5', 'A.5 Organisational controls'],
  ['A.6', 'A.6 People controls'],
  ['A.7', 'A.7 Physical controls'],
  ['A.8', 'A.8 Technological controls'],
] as const;

/** The group a requirement id falls in: `9.2` and `9` in the clauses, `A.5.15` and `A.5` in A.5. */
export function requirementGroup(id: string): string | undefined {
  if (/^\d/.test(id)) return 'clauses';
  const theme = /^A\.[5-8](?=\.|$)/.exec(id)?.[0];
  return theme;
}

const CAUSE_LABELS = {
  process: 'Process',
  people: 'People',
  technology: 'Technology',
  supplier: 'Supplier',
  documentation: 'Documentation',
  other: 'Other',
} as const satisfies Record<(typeof CAUSE_CATEGORIES)[number], string>;

/** The cause of an NC whose analysis names no category, or that has none yet. */
export const NOT_CATEGORISED = 'not categorised';

/** A date in a period: after its start (when it has one), up to its end. */
const within = (from: string | undefined, to: string) => (d: string | undefined) =>
  d !== undefined && d <= to && (from === undefined || d >= from);

export function trends(register: Register, { review, earlier, end }: TrendPeriod): Trends {
  const ncs = entriesOf(register, nc).filter((e) => !isVoid(nc, e.data.status));
  const ends = [...earlier.map((m) => ({ id: m.data.id, on: m.data.held_on! })), { id: review.data.id, on: end }];
  const all = ends.map((e, i) => ({ ...e, from: i === 0 ? undefined : addDays(ends[i - 1]!.on, 1) }));
  const shown = all.slice(-TREND_PERIODS);
  const periods = shown.map(({ id, on, from }, i): PeriodCount => {
    const inIt = within(from, on);
    return {
      review: id,
      from,
      to: on,
      label: `${id}, ${longDate(on)}`,
      current: i === shown.length - 1,
      raised: ncs.filter((e) => inIt(e.data.raised_on)).length,
      closed: ncs.filter((e) => inIt(e.data.closed_on)).length,
    };
  });
  const current = periods.at(-1)!;
  const inPeriod = within(current.from, end);
  const inShown = within(periods[0]!.from, end);
  const upToEnd = within(undefined, end);
  const raisedShown = ncs.filter((e) => inShown(e.data.raised_on));
  const raisedNow = new Set(ncs.filter((e) => inPeriod(e.data.raised_on)));

  /** Each category's count; `keys` gives those always shown, in order, then any others found. */
  const categories = (
    of: (e: Entry<NcRecord>) => readonly string[],
    label: (key: string) => string,
    keys: readonly string[] = [],
  ): CategoryCount[] => {
    const counts = new Map<string, { period: number; shown: number }>(keys.map((k) => [k, { period: 0, shown: 0 }]));
    for (const e of raisedShown)
      for (const key of new Set(of(e))) {
        const c = counts.get(key) ?? { period: 0, shown: 0 };
        counts.set(key, { period: c.period + (raisedNow.has(e) ? 1 : 0), shown: c.shown + 1 });
      }
    const fixed = new Set(keys);
    const found = [...counts].filter(([k]) => !fixed.has(k));
    // Categories not always shown are ordered by how many there were, then by name.
    found.sort(([a, x], [b, y]) => y.shown - x.shown || y.period - x.period || (label(a) < label(b) ? -1 : 1));
    return [...[...counts].filter(([k]) => fixed.has(k)), ...found].map(([key, c]) => ({
      key,
      label: label(key),
      ...c,
    }));
  };

  const areaName = (id: string) => register.config.areas.find((a) => a.id === id)?.name ?? id;
  const groupName = (key: string) => REQUIREMENT_GROUPS.find(([k]) => k === key)?.[1] ?? key;
  const cas = entriesOf(register, ca);
  const closedIn = (inIt: (d: string | undefined) => boolean) =>
    meanDays(ncs.filter((e) => inIt(e.data.closed_on)).map((e) => daysBetween(e.data.raised_on, e.data.closed_on!)));
  const rateIn = (inIt: (d: string | undefined) => boolean) => {
    const reviewed = cas.filter((e) => inIt(e.data.effectiveness?.reviewed_on));
    return rate(reviewed.filter((e) => e.data.effectiveness!.result === 'effective').length, reviewed.length);
  };
  return {
    periods,
    bySource: categories(
      (e) => [e.data.source.type],
      (k) => SOURCE_LABELS[k as SourceType] ?? k,
    ),
    byRequirement: categories(
      (e) => e.data.requirement.flatMap((id) => requirementGroup(String(id)) ?? []),
      groupName,
      REQUIREMENT_GROUPS.map(([k]) => k),
    ),
    byArea: categories((e) => [e.data.area], areaName),
    byCause: categories(
      (e) => [e.data.analysis?.category ?? NOT_CATEGORISED],
      (k) => (k === NOT_CATEGORISED ? 'Not categorised' : CAUSE_LABELS[k as keyof typeof CAUSE_LABELS]),
      [...CAUSE_CATEGORIES, NOT_CATEGORISED],
    ),
    effectiveness: { period: rateIn(inPeriod), overall: rateIn(upToEnd) },
    daysToClose: { period: closedIn(inPeriod), overall: closedIn(upToEnd) },
  };
}

export function rate(effective: number, reviewed: number): Rate {
  return { effective, reviewed, percent: reviewed ? Math.round((effective / reviewed) * 100) : null };
}

/** The mean of whole days, rounded to a whole day. */
export function meanDays(days: readonly number[]): MeanDays {
  return {
    closed: days.length,
    days: days.length ? Math.round(days.reduce((a, b) => a + b, 0) / days.length) : null,
  };
}

/** "75% (3 of 4 reviewed)", or that none was reviewed. */
export function rateText(r: Rate): string {
  return r.percent === null
    ? 'no effectiveness review'
    : `${r.percent}% (${r.effective} effective of ${r.reviewed} reviewed)`;
}

/** "34 days (3 closed)", or that none was closed. */
export function meanDaysText(m: MeanDays): string {
  return m.days === null ? 'none closed' : `${m.days} ${m.days === 1 ? 'day' : 'days'} (${m.closed} closed)`;
}
