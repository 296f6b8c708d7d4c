// What git history must show of a register: records change state only by a legal step, start in
// an initial state, are never deleted, and are not edited once final. Pure: it judges the versions
// the git layer has read by their content alone. What a commit says of itself (its trailers) is
// never taken as proof: a record is renumbered only when the new file is the old record.
import { isDeepStrictEqual } from 'node:util';
import { formatPath } from './diagnostics.js';
import { diffLeaves, editedOutsideSteps, finalStepFits, recordedBy } from './history-fields.js';
import type { Kind } from './kind.js';
import { IMPORTED_FIELD } from './inputs.js';
import { isFinal } from './queries.js';
import { article } from './validate/wording.js';
import {
  HISTORY_DELETED,
  HISTORY_FIELD_EDITED,
  HISTORY_FINAL_EDITED,
  HISTORY_IMPORTED,
  HISTORY_IMPORTED_EDITED,
  HISTORY_INITIAL,
  HISTORY_STATUS,
  HISTORY_TRANSITION,
} from './validate/rule-ids.js';

export interface Change {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * The fields that differ between two versions of a record, leaf by leaf. A value that holds itself
 * (YAML anchors can build one) has no leaves to list: nothing is returned for it.
 */
export function diffData(before: unknown, after: unknown): Change[] {
  if (!isTree(before) || !isTree(after)) return [];
  return diffLeaves(before, after).flatMap(({ path, ...values }) => itemChanges(formatPath([...path]), values));
}

/**
 * A list that changed, item by item (`actions[0].status: open → done`, `+ actions[2]`), so that a
 * step changing one item shows that item; a list that is new, or a value that is not a list, whole.
 */
function itemChanges(path: string, { before, after }: { before?: unknown; after?: unknown }): Change[] {
  if (!Array.isArray(before) || !Array.isArray(after))
    return [{ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
  const changes: Change[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const [b, a] = [before[i] as unknown, after[i] as unknown];
    const at = `${path}[${i}]`;
    if (i >= after.length) changes.push({ path: at, before: b });
    else if (i >= before.length) changes.push({ path: at, after: a });
    else if (isObject(b) && isObject(a))
      changes.push(...diffLeaves(b, a).flatMap((leaf) => itemChanges(`${at}.${formatPath([...leaf.path])}`, leaf)));
    else if (!isDeepStrictEqual(b, a)) changes.push({ path: at, before: b, after: a });
  }
  return changes;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether a parsed value can be walked to its end: no object or list inside it holds itself. */
export function isTree(value: unknown): boolean {
  // Depth first, without recursion; a value reached twice (an alias) is walked once.
  const done = new Set<object>();
  const path = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  const enter = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object' || done.has(v)) return true;
    if (path.has(v)) return false;
    path.add(v);
    stack.push({ node: v, children: Object.values(v), next: 0 });
    return true;
  };
  if (!enter(value)) return false;
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top.next < top.children.length) {
      if (!enter(top.children[top.next++])) return false;
      continue;
    }
    stack.pop();
    path.delete(top.node);
    done.add(top.node);
  }
  return true;
}

/** A version git holds that cim cannot read: not YAML, too large, or a value that holds itself. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** The data of a parsed version, or UNREADABLE when it cannot be walked safely. */
export function readable(data: unknown): unknown {
  return data === UNREADABLE || !isTree(data) ? UNREADABLE : data;
}

export interface HistoryProblem {
  /** Absent for an error; a warning asks a reviewer to look (an imported record). */
  readonly severity?: 'warning';
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
}

/** The record's status when it is one of its kind's states. */
function statusOf(kind: Kind, data: unknown): string | undefined {
  const status = isObject(data) ? data.status : undefined;
  return typeof status === 'string' && kind.states.includes(status) ? status : undefined;
}

const REWRITE = 'on a branch not yet merged, rewrite the commit (git rebase -i)';

function statusProblem(kind: Kind, id: string, data: unknown, where: string): HistoryProblem | undefined {
  if (statusOf(kind, data) !== undefined) return undefined;
  const status = isObject(data) ? data.status : undefined;
  const shown = (v: unknown) => {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  const what =
    status === undefined
      ? 'no status'
      : typeof status === 'string'
        ? `status ${shown(status)}, which is not ${article(kind)} state,`
        : `status ${shown(status)}, which is not text,`;
  return {
    rule: HISTORY_STATUS,
    message: `${id} has ${what} ${where}`,
    hint: `every version of a record has one of its states (${kind.states.join(', ')}): ${REWRITE} so that it keeps its status, and change the status only with \`cim ${kind.name} <verb>\``,
  };
}

/**
 * Judges one change between two versions with valid statuses. `before` is undefined when the
 * record had no version with a valid status: it is `fresh` when the file did not exist at all.
 */
export function judgeChange(
  kind: Kind,
  id: string,
  before: unknown,
  after: unknown,
  where: string,
  fresh = true,
): HistoryProblem | undefined {
  const to = statusOf(kind, after);
  if (to === undefined) return statusProblem(kind, id, after, where);
  if (before === undefined) {
    if (fresh && isObject(after) && after[IMPORTED_FIELD] !== undefined) return imported(kind, id, to, after, where);
    if (kind.initial.includes(to)) return undefined;
    const starts = `new ${kind.title.toLowerCase()} records start as ${kind.initial.join(' or ')}`;
    return {
      rule: HISTORY_INITIAL,
      message: fresh
        ? `${id} first appears ${where} as ${to}; ${starts}`
        : `${id} first has a valid status, ${to}, ${where}; ${starts}`,
      hint: `create records with \`cim ${kind.name} ${kind.transitions.find((t) => t.from.length === 0)?.verb ?? ''}\`, then take each step`,
    };
  }
  const from = statusOf(kind, before);
  if (from === undefined) return undefined;
  const origin = (v: unknown) => (isObject(v) ? v[IMPORTED_FIELD] : undefined);
  if (!isDeepStrictEqual(origin(before), origin(after))) return importedEdited(id, origin(before), where);
  if (from === to) {
    if (isFinal(kind, from) && !isDeepStrictEqual(before, after) && !finalStepFits(kind, from, before, after)) {
      const fields = diffData(before, after).map((c) => c.path);
      return {
        rule: HISTORY_FINAL_EDITED,
        message: `${id} is ${from}, which is final, but ${fields.join(', ')} changed ${where}`,
        hint: 'final records are evidence: record corrections as notes in a new record, or revert the edit',
      };
    }
    return fieldsEdited(kind, id, from, to, before, after, where);
  }
  if (kind.transitions.some((t) => t.from.includes(from) && t.to === to))
    return fieldsEdited(kind, id, from, to, before, after, where);
  const legal = kind.transitions.filter((t) => t.from.includes(from)).map((t) => `${t.verb} (→ ${t.to})`);
  return {
    rule: HISTORY_TRANSITION,
    message: `${id} moved from ${from} to ${to} ${where}, which no single step allows`,
    hint: legal.length
      ? `from ${from} the steps are: ${legal.join(', ')}; take them one at a time with cim`
      : `${from} is final`,
  };
}

/**
 * A record that first appears with `imported`, as `cim import --migrate` writes it: it may start
 * in any state, since it went through its steps elsewhere, and a reviewer is asked to check it
 * against the file it came from.
 */
function imported(kind: Kind, id: string, to: string, after: Record<string, unknown>, where: string): HistoryProblem {
  const origin = after[IMPORTED_FIELD];
  const from = isObject(origin) && typeof origin.from === 'string' ? ` from ${origin.from}` : '';
  return {
    severity: 'warning',
    rule: HISTORY_IMPORTED,
    message: `${id} was imported${from} ${where} as ${to}${kind.initial.includes(to) ? '' : `, not through its steps (${kind.name} records start as ${kind.initial.join(' or ')})`}`,
    hint: `check ${id} against the file it was imported from before this is merged`,
  };
}

/** `imported` added to, changed on or removed from a record that existed before. */
function importedEdited(id: string, before: unknown, where: string): HistoryProblem {
  return {
    rule: HISTORY_IMPORTED_EDITED,
    message: `${id} ${before === undefined ? `was given ${IMPORTED_FIELD}` : `had its ${IMPORTED_FIELD} changed or removed`} ${where}; only \`cim import --migrate\` sets it, on a new record`,
    hint: `${IMPORTED_FIELD} says where a record came from and is never edited: ${REWRITE} to undo the edit`,
  };
}

/** A change of fields only a step may change, made without the step that records them. */
function fieldsEdited(
  kind: Kind,
  id: string,
  from: string,
  to: string,
  before: unknown,
  after: unknown,
  where: string,
): HistoryProblem | undefined {
  const fields = editedOutsideSteps(kind, from, to, before, after);
  if (fields.length === 0) return undefined;
  const tops = [...new Set(fields.map((f) => f.path.split(/[.[]/, 1)[0]!))];
  const list = (removed: boolean) =>
    fields
      .filter((f) => f.removed === removed)
      .map((f) => f.path)
      .join(', ');
  const changed = [list(false) && `${list(false)} changed`, list(true) && `${list(true)} removed`]
    .filter(Boolean)
    .join(' and ');
  return {
    rule: HISTORY_FIELD_EDITED,
    message:
      from === to
        ? `${id} is ${from}, but ${changed} ${where}, which no step taken while it is ${from} records`
        : `${id} moved from ${from} to ${to}, but ${changed} ${where}, which that step does not record`,
    hint: `such fields are evidence recorded by their step (${tops.map((f) => recordedBy(kind, f)).join('; ')}) and are not edited afterwards: ${REWRITE} to undo the edit, and record a correction in notes`,
  };
}

function deleted(id: string, where: string): HistoryProblem {
  return {
    rule: HISTORY_DELETED,
    message: `${id} was deleted ${where}`,
    hint: 'records are never deleted: restore it (git checkout <commit>^ -- <file>) and withdraw or cancel it instead; `cim renumber` gives a record a new id',
  };
}

/** Every reference to an old id (or to one of its findings, `AUD-0003#F2`) pointed at its new id. */
export function substitute(data: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof data === 'string') {
    const to = ids.get(data.split('#', 1)[0]!);
    return to === undefined ? data : to + data.slice(data.indexOf('#') < 0 ? data.length : data.indexOf('#'));
  }
  if (Array.isArray(data)) return data.map((d) => substitute(d, ids));
  if (isObject(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, substitute(v, ids)]));
  return data;
}

/**
 * How `after` is `before` given the id `to` instead of `from`: with only its id changed (as
 * `cim renumber` writes it), or with its references to itself changed too. Undefined when it is not.
 */
export function renamed(before: unknown, after: unknown, from: string, to: string): Move | undefined {
  if (!isObject(before) || !isObject(after) || after.id !== to || !isTree(before) || !isTree(after)) return undefined;
  const moves: Move[] = [(d) => (isObject(d) ? { ...d, id: to } : d), (d) => substitute(d, new Map([[from, to]]))];
  return moves.find((move) => isDeepStrictEqual(move(before), after));
}

export type Move = (data: unknown) => unknown;

/** One version of a record file: a key naming its content (git's blob) and its parsed data. */
export interface Version {
  readonly key: string;
  /** The data, or UNREADABLE. */
  readonly data: unknown;
}

/** What one commit did to one record file. */
export interface RecordChange {
  readonly file: string;
  readonly kind: Kind;
  readonly id: string;
  /** The file in each parent of the commit (several for a merge), undefined where it did not exist. */
  readonly before: readonly (Version | undefined)[];
  readonly after: Version | undefined;
}

export interface CommitChanges {
  /** The commit as messages name it: `in 1a2b3c4 (2026-01-10, Dana Whitfield)`. */
  readonly where: string;
  readonly changes: readonly RecordChange[];
}

export interface HistoryDiagnostic extends HistoryProblem {
  readonly file: string;
}

/** A rename found in a commit: the deleted file's change, and how its data became the new file's. */
export interface Rename {
  readonly from: RecordChange;
  readonly to: RecordChange;
  readonly move: Move;
}

/**
 * The renames among one commit's changes, against its parent number `parent` (a merge has several):
 * a file that parent had and the commit removed, and one of the same kind it did not have and the
 * commit has, whose data is the removed record's last readable data under the new id.
 * `readableBefore` gives that data for a removed file (undefined when none is known). Each added
 * file is claimed once.
 */
export function findRenames(
  changes: readonly RecordChange[],
  readableBefore: (change: RecordChange) => unknown,
  parent = 0,
): Rename[] {
  // Added files by what a renumber leaves as it was, so a commit that removes and adds thousands
  // of records compares each only with the few that can match.
  const added = new Map<string, RecordChange[]>();
  for (const c of changes) {
    if (c.before.length <= parent || c.before[parent] !== undefined || c.after === undefined) continue;
    const data = readable(c.after.data);
    if (data === UNREADABLE) continue;
    const key = unmoved(c.kind, data);
    added.set(key, [...(added.get(key) ?? []), c]);
  }
  const found: Rename[] = [];
  const claimed = new Set<RecordChange>();
  for (const from of changes) {
    if (from.after !== undefined || from.before[parent] === undefined) continue;
    const before = readableBefore(from);
    if (before === undefined || before === UNREADABLE) continue;
    for (const to of added.get(unmoved(from.kind, before)) ?? []) {
      if (claimed.has(to)) continue;
      const move = renamed(before, readable(to.after!.data), from.id, to.id);
      if (move) {
        found.push({ from, to, move });
        claimed.add(to);
        break;
      }
    }
  }
  return found;
}

/** The kind, state, title and creation date of a record: a renumber changes none of them. */
function unmoved(kind: Kind, data: unknown): string {
  const d = isObject(data) ? data : {};
  return JSON.stringify([kind.name, d.status ?? null, d.title ?? null, d.created ?? null]);
}

/** What is known of the versions up to one version of a file, to judge the version after it. */
interface Standing {
  /** False when the history read starts at a version cim cannot read: nothing before it is known. */
  readonly known: boolean;
  /** True where the file does not exist. */
  readonly absent: boolean;
  /** This version's data, or the last readable version's; undefined when none was readable. */
  readonly readable: unknown;
  /** The last version with a valid status, this one or one before; undefined when there was none. */
  readonly valid: unknown;
}

const ABSENT: Standing = { known: true, absent: true, readable: undefined, valid: undefined };
const UNKNOWN: Standing = { known: false, absent: false, readable: undefined, valid: undefined };

/**
 * Judges commits, parents before children. Each version is judged against the last version of its
 * file with a valid status on its own line of history: a version cim cannot read is passed over (the
 * register's own check reports one that is unreadable now), and a version without a valid status is
 * an error of its commit and passed over too, so `closed → (no status) → open` is still
 * `closed → open`. A merge must leave each record in a state every parent's state leads to (it
 * keeps the steps taken on both sides), and passes a change where one parent allows it. A record
 * that any parent of a merge has and the merge has not is a deletion, unless the merge renamed it
 * or the merge took the deletion from a side that removed that very version (and was judged there).
 */
export function judgeHistory(commits: readonly CommitChanges[]): HistoryDiagnostic[] {
  const standings = new Map<string, Standing>();
  const keyOf = (c: RecordChange, v: Version) => `${c.file}\u0000${v.key}`;
  const standingOf = (c: RecordChange, v: Version | undefined): Standing => {
    if (v === undefined) return ABSENT;
    const known = standings.get(keyOf(c, v));
    if (known) return known;
    const data = readable(v.data);
    if (data === UNREADABLE) return UNKNOWN;
    return { known: true, absent: false, readable: data, valid: statusOf(c.kind, data) ? data : undefined };
  };
  const removed = removals();
  const out: HistoryDiagnostic[] = [];
  for (const { where, changes } of commits) {
    const parents = new Map(changes.map((c) => [c, c.before.map((v) => standingOf(c, v))]));
    const count = Math.max(1, ...changes.map((c) => c.before.length));
    const renames = Array.from({ length: count }, (_, i) =>
      findRenames(
        changes,
        (c) => {
          const s = parents.get(c)![i]!;
          return s.known ? s.readable : undefined;
        },
        i,
      ),
    );
    const ids = new Map(renames[0]!.map((r) => [r.from.id, r.to.id]));
    for (const c of changes) {
      const report = (problems: readonly (HistoryProblem | undefined)[]) => {
        // A merge is judged against each parent: it passes where one of them allows the change.
        if (problems.length > 0 && problems.every(Boolean)) out.push({ file: c.file, ...problems[0]! });
      };
      if (c.after === undefined) {
        // Removed from a parent that had a readable version, not as a rename, nor taken from a side.
        const problem = c.before.some((v, i) => {
          const s = parents.get(c)![i]!;
          if (v === undefined || !s.known || s.readable === undefined) return false;
          return !renames[i]!.some((r) => r.from === c) && !removed.fromSide(c, v);
        });
        if (problem) out.push({ file: c.file, ...deleted(c.id, where) });
        continue;
      }
      // A record renamed in this commit is judged against the old record under its new id.
      const from = c.before.map((_, i) => {
        const rename = renames[i]!.find((r) => r.to === c);
        return rename ? moved(parents.get(rename.from)![i]!, rename.move) : parents.get(c)![i]!;
      });
      const renamedHere = renames.some((list) => list.some((r) => r.to === c));
      const first = from[0]!;
      const data = readable(c.after.data);
      const rewrite = !renamedHere && rewritten(c, first, data, ids);
      // A merge's version that one side already had was judged in that side's commits.
      const fromSide = c.before.some((v) => v?.key === c.after!.key);
      let standing: Standing;
      if (data === UNREADABLE) {
        standing = { ...first, absent: false };
      } else if (statusOf(c.kind, data) === undefined) {
        if (!fromSide) report([statusProblem(c.kind, c.id, data, where)]);
        const valid = rewrite && first.valid !== undefined ? substitute(first.valid, ids) : first.valid;
        standing = { known: first.known, absent: false, readable: data, valid };
      } else {
        const undone = from.length > 1 ? undoes(c, from, data, where) : undefined;
        if (undone) report([undone]);
        // References rewritten by a renumber in this commit are part of the move, not an edit.
        else if (!rewrite)
          report(from.map((s) => (s.known ? judgeChange(c.kind, c.id, s.valid, data, where, s.absent) : undefined)));
        standing = { known: true, absent: false, readable: data, valid: data };
      }
      standings.set(keyOf(c, c.after), standing);
    }
    for (const c of changes) removed.note(c);
  }
  return out;
}

/**
 * The versions of record files that commits removed (deleted, or renamed away), noted commit by
 * commit, parents before children: what a merge that lacks a file may have taken from a side.
 */
export function removals() {
  const keys = new Set<string>();
  const key = (c: RecordChange, v: Version) => `${c.file}\u0000${v.key}`;
  return {
    /** Notes the versions a change removed. */
    note(c: RecordChange): void {
      if (c.after === undefined) for (const v of c.before) if (v !== undefined) keys.add(key(c, v));
    },
    /**
     * Whether a merge that lacks a file took its removal from a side: a parent lacks it, and the
     * version `v` another parent has is one that a commit before removed (on that side).
     */
    fromSide(c: RecordChange, v: Version): boolean {
      return c.after === undefined && c.before.some((w) => w === undefined) && keys.has(key(c, v));
    },
  };
}

/** Whether steps lead from one state to the other (or they are the same). */
export function reachable(kind: Kind, from: string, to: string): boolean {
  const seen = new Set([from]);
  for (const state of seen) {
    if (state === to) return true;
    for (const t of kind.transitions) if (t.from.includes(state)) seen.add(t.to);
  }
  return false;
}

/** A merge that leaves a record in a state that one parent's state cannot lead to: it undoes steps. */
function undoes(
  c: RecordChange,
  parents: readonly Standing[],
  data: unknown,
  where: string,
): HistoryProblem | undefined {
  const to = statusOf(c.kind, data)!;
  for (const s of parents) {
    const from = s.known ? statusOf(c.kind, s.valid) : undefined;
    if (from === undefined || reachable(c.kind, from, to)) continue;
    return {
      rule: HISTORY_TRANSITION,
      message: `${c.id} is ${to} after the merge ${where}, but one side had it ${from}, from which no steps lead to ${to}`,
      hint: `resolve the merge keeping the steps taken on each side (the record ${from} or further), then take the next steps with cim`,
    };
  }
  return undefined;
}

/** The standing of a renamed record's old file, as it reads under the new id. */
function moved(s: Standing, move: Move): Standing {
  const apply = (d: unknown) => (d === undefined ? undefined : move(d));
  return { known: s.known, absent: false, readable: apply(s.readable), valid: apply(s.valid) };
}

/** Whether `data` is the version before with exactly this commit's renames applied to its references. */
function rewritten(c: RecordChange, before: Standing, data: unknown, ids: ReadonlyMap<string, string>): boolean {
  if (ids.size === 0 || c.before.length !== 1 || data === UNREADABLE || !before.known) return false;
  if (before.readable === undefined || isDeepStrictEqual(before.readable, data)) return false;
  return isDeepStrictEqual(substitute(before.readable, ids), data);
}
