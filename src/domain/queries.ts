// What the register holds, asked in the words of the kinds: which records are live, what falls
// due and when, which reviews were held. Every rule, status, agenda, policy, programme and log
// asks here, so a state a kind adds is counted wherever its declaration says it belongs.
import type { Kind, NextStep, RecordOf, StateFact } from './kind.js';
import { addMonths } from './dates.js';
import { transitionsFrom } from './lifecycle.js';
import { KINDS, mrt, type MrtRecord } from './kinds/index.js';
import { CONFIG_FILE } from './config.js';
import { entriesOf, type Entry, type Register } from './register.js';

/** Whether records in this state still need work. */
export function isLive(kind: Kind, status: string): boolean {
  return kind.meaning[status]?.live === true;
}

/** Whether no step leads out of this state: its record is evidence and is not edited. */
export function isFinal(kind: Kind, status: string): boolean {
  return kind.terminal.includes(status);
}

/** Whether records in this state ended without effect (withdrawn, cancelled, rejected). */
export function isVoid(kind: Kind, status: string): boolean {
  return kind.meaning[status]?.void === true;
}

/** Whether records in this state are done with and had effect (a closed NC, a verified CA). */
export function isCompleted(kind: Kind, status: string): boolean {
  return !isLive(kind, status) && !isVoid(kind, status);
}

export function hasFact(kind: Kind, status: string, fact: StateFact): boolean {
  return kind.meaning[status]?.facts?.includes(fact) === true;
}

type Records<K extends Kind> = Entry<RecordOf<K>>[];

export function liveEntries<K extends Kind>(register: Register, kind: K): Records<K> {
  return entriesOf(register, kind).filter((e) => isLive(kind, e.data.status));
}

/** The records of a kind that count: all but the withdrawn, cancelled and rejected. */
export function countedEntries<K extends Kind>(register: Register, kind: K): Records<K> {
  return entriesOf(register, kind).filter((e) => !isVoid(kind, e.data.status));
}

export function entriesWith<K extends Kind>(register: Register, kind: K, fact: StateFact): Records<K> {
  return entriesOf(register, kind).filter((e) => hasFact(kind, e.data.status, fact));
}

/** A deadline running on a record: its name in the kind, what status calls it, and its date. */
export interface Due {
  readonly deadline: string;
  readonly what: string;
  readonly on: string;
}

/** The date of one of a kind's deadlines for a record, whatever its state. */
export function deadline(register: Register, entry: Entry, name: string): string | undefined {
  return entry.kind.deadlines[name]?.on(entry.data, register.config);
}

/** The deadlines that run on a record in its present state, in the order the state names them. */
export function runningDeadlines(register: Register, entry: Entry): Due[] {
  const names = entry.kind.meaning[entry.data.status]?.due ?? [];
  return names.flatMap((name) => {
    const on = deadline(register, entry, name);
    return on === undefined ? [] : [{ deadline: name, what: entry.kind.deadlines[name]!.what, on }];
  });
}

/** The deadlines running on a record that fall before a date. */
export function passedDeadlines(register: Register, entry: Entry, before: string): Due[] {
  return runningDeadlines(register, entry).filter((d) => d.on < before);
}

/**
 * The verbs that take a record from a state to one where a deadline no longer runs: the fewest
 * steps, the first on the table where there is a choice, and none that voids the record (cancel,
 * withdraw), since that ends the record rather than meeting the deadline. Given the record, only
 * the steps that suit it (see Transition.suits).
 */
export function stepsToMeet(
  kind: Kind,
  from: string,
  deadline: string,
  record?: Readonly<Record<string, unknown>>,
): readonly string[] {
  const runs = (state: string) => kind.meaning[state]?.due?.includes(deadline) === true;
  const paths = new Map<string, readonly string[]>([[from, []]]);
  const queue = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const t of transitionsFrom(kind, state)) {
      if (isVoid(kind, t.to) || paths.has(t.to) || (record && t.suits?.(record, state) === false)) continue;
      const path = [...paths.get(state)!, t.verb];
      if (!runs(t.to)) return path;
      paths.set(t.to, path);
      queue.push(t.to);
    }
  }
  return [];
}

/** The next step towards meeting a record's deadline, read from its kind's lifecycle. */
export function nextStep(entry: Entry, deadlineName: string): NextStep | undefined {
  const [verb] = stepsToMeet(entry.kind, entry.data.status, deadlineName, entry.data);
  const step = entry.kind.transitions.find((t) => t.verb === verb && t.from.includes(entry.data.status));
  return step && { summary: step.summary, command: `cim ${entry.kind.name} ${step.verb} ${entry.data.id}` };
}

/** The policy's own review is recorded in cim.yaml, not by a command. */
const POLICY_REVIEW_STEP: NextStep = {
  summary: `Review the policy, then update policy.reviewed_on and its version history in ${CONFIG_FILE}`,
};

/** One thing due in the register, with the person who owns it. */
export interface DueItem {
  readonly id: string;
  /** The kind of the record it is due on; none for the policy's review, which cim.yaml holds. */
  readonly kind?: string;
  readonly title: string;
  /** What is due: "correction", "closure", "implementation", "action A2"… */
  readonly what: string;
  readonly due: string;
  readonly owner: string;
  /** What to do next about it. */
  readonly next: NextStep;
}

/** Every deadline still running in the register, kind by kind, then the policy's own review. */
export function dueItems(register: Register): DueItem[] {
  const out: DueItem[] = [];
  for (const kind of KINDS) {
    for (const e of entriesOf(register, kind)) {
      const r = e.data;
      const base = { id: r.id, kind: kind.name };
      for (const d of runningDeadlines(register, e)) {
        const next = nextStep(e, d.deadline) ?? { summary: `Meet the ${d.what} deadline` };
        out.push({ ...base, title: r.title, what: d.what, due: d.on, owner: r.owner, next });
      }
      for (const item of kind.itemsDue?.(r) ?? [])
        out.push({ ...base, title: item.title, what: item.what, due: item.on, owner: item.owner, next: item.next });
    }
  }
  const { policy } = register.config;
  out.push({
    id: CONFIG_FILE,
    title: policy.title,
    what: 'policy review',
    due: addMonths(policy.reviewed_on, policy.review_interval_months),
    owner: policy.owner,
    next: POLICY_REVIEW_STEP,
  });
  return out;
}

/** Management reviews that took place, oldest first. */
export function heldReviews(register: Register): Entry<MrtRecord>[] {
  return entriesWith(register, mrt, 'held')
    .filter((e) => e.data.held_on !== undefined)
    .sort((a, b) => (a.data.held_on! < b.data.held_on! ? -1 : 1));
}
