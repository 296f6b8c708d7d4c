// cim remind: for each person in cim.yaml, what is overdue and what falls due soon, each with the
// step that moves it on. A report, not a check: overdue items are its content, not a failure.
import type { Context } from '../context.js';
import type { Person } from '../domain/config.js';
import { addDays, daysBetween } from '../domain/dates.js';
import { findKind } from '../domain/kinds/index.js';
import { dueItems, type DueItem } from '../domain/queries.js';
import { compareIds } from '../domain/register.js';
import { UserError } from '../errors.js';
import { invalidConfig, openRegister } from './open.js';
import { daysAhead } from './status.js';

export interface RemindOptions {
  readonly dir?: string;
  readonly asOf?: string;
  /** How many days ahead counts as due soon. */
  readonly days?: string;
  /** Only this person: their id or their name. */
  readonly person?: string;
  /** Every deadline running, however far ahead, as a calendar feed wants (`--days` is then ignored). */
  readonly all?: boolean;
}

/** One reminder: what is due on which record, when, and the command that moves it on. */
export interface Reminder {
  readonly id: string;
  readonly title: string;
  /** What is due, in words an owner reads: "Corrective action implementation", "Policy review". */
  readonly what: string;
  readonly due: string;
  readonly overdue: boolean;
  /** Days since it fell due when overdue, else days left (0: due today). */
  readonly days: number;
  readonly step: string;
  readonly command?: string;
}

export interface Reminders {
  readonly overdue: readonly Reminder[];
  readonly soon: readonly Reminder[];
}

export interface PersonReminders extends Reminders {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

export interface RemindResult {
  readonly asOf: string;
  /** How far ahead "due soon" looked; absent when every deadline was taken. */
  readonly days?: number;
  readonly organisation: string;
  /** Validation errors in the register: a record that does not parse is missing from the lists. */
  readonly errors: number;
  /** Every person (or the one asked for), in the order cim.yaml lists them, each with their lists. */
  readonly people: readonly PersonReminders[];
  /** Items whose owner is no person in cim.yaml; left out when one person was asked for. */
  readonly unassigned: Reminders;
  /** The policy owner, when cim.yaml gives their email: who the calendar feed names as organiser. */
  readonly organiser?: { readonly name: string; readonly email: string };
}

export async function remind(opts: RemindOptions, ctx: Context): Promise<RemindResult> {
  const soonDays = opts.all ? undefined : daysAhead(opts.days);
  const { asOf, result } = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) },
    ctx,
  );
  const register = result.register;
  if (!register) throw invalidConfig(result);
  const { people, organisation } = register.config;
  const chosen = opts.person === undefined ? people : [personNamed(people, opts.person)];
  const horizon = soonDays === undefined ? undefined : addDays(asOf, soonDays);
  const reminders = remindersOf(dueItems(register), asOf, horizon);
  const known = new Set(people.map((p) => p.id));
  const owner = people.find((p) => p.id === register.config.policy.owner);
  return {
    asOf,
    ...(soonDays === undefined ? {} : { days: soonDays }),
    organisation,
    errors: result.errors,
    people: chosen.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.email ? { email: p.email } : {}),
      ...split(reminders.filter((r) => r.owner === p.id)),
    })),
    unassigned: split(opts.person === undefined ? reminders.filter((r) => !known.has(r.owner)) : []),
    ...(owner?.email ? { organiser: { name: owner.name, email: owner.email } } : {}),
  };
}

/** A person by id, or by name whatever its case. */
function personNamed(people: readonly Person[], wanted: string): Person {
  const found =
    people.find((p) => p.id === wanted) ?? people.find((p) => p.name.toLowerCase() === wanted.trim().toLowerCase());
  if (found) return found;
  throw new UserError(
    `--person ${wanted} is no person in cim.yaml`,
    `give the id or name of one of them: ${people.map((p) => p.id).join(', ')}`,
  );
}

type Owned = Reminder & { readonly owner: string };

/** The items due by the horizon (all, without one), as reminders, oldest first, then by id. */
export function remindersOf(items: readonly DueItem[], asOf: string, horizon?: string): Owned[] {
  return items
    .filter((i) => horizon === undefined || i.due <= horizon)
    .map((i) => {
      const days = daysBetween(asOf, i.due);
      return {
        id: i.id,
        title: i.title,
        what: describe(i),
        due: i.due,
        overdue: days < 0,
        days: Math.abs(days),
        step: i.next.summary,
        ...(i.next.command ? { command: i.next.command } : {}),
        owner: i.owner,
      };
    })
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : compareIds(a.id, b.id) || a.what.localeCompare(b.what)));
}

/** "implementation" on a corrective action reads "Corrective action implementation". */
function describe(item: DueItem): string {
  const kind = item.kind === undefined ? undefined : findKind(item.kind);
  if (!kind) return item.what.charAt(0).toUpperCase() + item.what.slice(1);
  return `${kind.title} ${item.what}`;
}

function split(items: readonly Owned[]): Reminders {
  const plain = items.map(({ owner: _owner, ...r }) => r);
  return { overdue: plain.filter((r) => r.overdue), soon: plain.filter((r) => !r.overdue) };
}
