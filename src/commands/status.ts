// cim status: what needs attention now. Deadlines that have passed or fall due soon, grouped by
// the person who owns them; the policy-compliance findings; counts by kind and state; the next
// management review and the next audit.
import type { Context } from '../context.js';
import { addDays, addMonths } from '../domain/dates.js';
import { audit, KINDS, mrt } from '../domain/kinds/index.js';
import { dueItems, entriesWith, heldReviews, type DueItem as Due } from '../domain/queries.js';
import { compareIds } from '../domain/register.js';
import { POLICY_RULES } from '../domain/validate/rule-ids.js';
import { UserError } from '../errors.js';
import { invalidConfig, openRegister, type OpenRegister } from './open.js';

export interface StatusOptions {
  readonly dir?: string;
  readonly asOf?: string;
  /** How many days ahead counts as due soon. */
  readonly days?: string;
}

/** A deadline as status shows it: whether it has passed, under the person who owns it. */
export interface DueItem extends Omit<Due, 'owner'> {
  readonly overdue: boolean;
}

export interface StatusResult {
  readonly asOf: string;
  readonly soonDays: number;
  readonly records: number;
  readonly errors: number;
  readonly owners: readonly { readonly owner: string; readonly name: string; readonly items: readonly DueItem[] }[];
  readonly compliance: readonly {
    readonly rule: string;
    readonly file: string;
    readonly line: number;
    readonly message: string;
  }[];
  readonly counts: readonly { readonly kind: string; readonly states: Readonly<Record<string, number>> }[];
  /** When the next management review is due by the cadence, and the one scheduled, if any. */
  readonly nextReview: {
    readonly dueBy: string;
    readonly scheduled?: { readonly id: string; readonly title: string; readonly on: string };
  };
  readonly nextAudit?: { readonly id: string; readonly title: string; readonly planned: string };
}

/** How far ahead "due soon" may look: ten years is already more than any deadline cim keeps. */
const MAX_DAYS_AHEAD = 3660;

export async function status(opts: StatusOptions, ctx: Context): Promise<StatusResult> {
  const soonDays = daysAhead(opts.days);
  const opened = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) },
    ctx,
  );
  return summarise(opened, soonDays);
}

/** `--days`: how far ahead "due soon" looks, checked. */
export function daysAhead(days = '14'): number {
  const n = Number(days);
  if (!/^\d+$/.test(days) || n > MAX_DAYS_AHEAD)
    throw new UserError(
      `--days ${days} is not a number of days`,
      `give a whole number from 0 to ${MAX_DAYS_AHEAD}, e.g. --days 30`,
    );
  return n;
}

/** What needs attention in a register already read and checked. */
export function summarise({ asOf, result }: OpenRegister, soonDays: number): StatusResult {
  const register = result.register;
  if (!register) throw invalidConfig(result);
  const horizon = addDays(asOf, soonDays);
  const items = dueItems(register).filter((i) => i.due <= horizon);

  const byOwner = new Map<string, DueItem[]>();
  for (const { owner, ...item } of items) {
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { ...item, overdue: item.due < asOf }]);
  }
  const owners = [...byOwner]
    .map(([owner, list]) => ({
      owner,
      name: register.config.people.find((p) => p.id === owner)?.name ?? owner,
      items: list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : compareIds(a.id, b.id))),
    }))
    .sort(
      (a, b) =>
        b.items.filter((i) => i.overdue).length - a.items.filter((i) => i.overdue).length ||
        a.owner.localeCompare(b.owner),
    );

  const compliance = result.diagnostics
    .filter((d) => d.severity === 'warning' && d.rule.startsWith(POLICY_RULES))
    .map((d) => ({ rule: d.rule, file: d.file, line: d.line, message: d.message }));
  const counts = KINDS.map((k) => {
    const states: Record<string, number> = {};
    for (const s of k.states) states[s] = 0;
    for (const e of register.byKind.get(k.name) ?? []) states[e.data.status] = (states[e.data.status] ?? 0) + 1;
    return { kind: k.name, states };
  }).filter((c) => Object.values(c.states).some((n) => n > 0));

  const scheduled = entriesWith(register, mrt, 'upcoming').sort((a, b) =>
    a.data.scheduled_on < b.data.scheduled_on ? -1 : 1,
  )[0];
  const lastHeld = heldReviews(register).at(-1)?.data.held_on;
  const dueBy = addMonths(lastHeld ?? register.config.started_on, register.config.management_review.cadence_months);
  const nextAudit = entriesWith(register, audit, 'upcoming').sort((a, b) =>
    a.data.planned < b.data.planned ? -1 : a.data.planned > b.data.planned ? 1 : compareIds(a.data.id, b.data.id),
  )[0];

  return {
    asOf,
    soonDays,
    records: result.records,
    errors: result.errors,
    owners,
    compliance,
    counts,
    nextReview: {
      dueBy,
      ...(scheduled
        ? { scheduled: { id: scheduled.data.id, title: scheduled.data.title, on: scheduled.data.scheduled_on } }
        : {}),
    },
    ...(nextAudit
      ? { nextAudit: { id: nextAudit.data.id, title: nextAudit.data.title, planned: nextAudit.data.planned } }
      : {}),
  };
}
