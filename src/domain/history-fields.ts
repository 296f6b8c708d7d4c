// The fields a lifecycle step records are evidence: a correction, a root-cause analysis, who
// attended a review. Once written they change only by a step that records them — never by an edit,
// whether `cim edit` (which refuses them) or a hand edit in git. Pure: it compares two versions of
// a record and says which of these fields were changed or removed without such a step.
import { isDeepStrictEqual } from 'node:util';
import { formatPath } from './diagnostics.js';
import { inputsFor, lifecycleFields, MANAGED } from './inputs.js';
import type { Kind } from './kind.js';
import { FINDING_STEP } from './kinds/audit.js';
import { mrt, REVIEW_STEPS } from './kinds/mrt.js';
import { EXTEND_STEP } from './kinds/nc.js';

/** One field that differs between two versions of a record, with its path of keys. */
export interface Leaf {
  readonly path: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * The fields that differ between two versions, leaf by leaf: objects are walked, a list or a
 * scalar is one leaf. Both values must be trees (no value that holds itself).
 */
export function diffLeaves(before: unknown, after: unknown, path: readonly string[] = []): Leaf[] {
  if ((isObject(before) || before === undefined) && (isObject(after) || after === undefined) && before !== after) {
    const [b, a] = [before ?? {}, after ?? {}];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) => diffLeaves(b[k], a[k], [...path, k]));
  }
  if (isDeepStrictEqual(before, after)) return [];
  return [{ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const guarded = new WeakMap<Kind, ReadonlySet<string>>();

/**
 * The top-level fields only a step may change: those a step after creation records (what `cim
 * edit` refuses), the id (`cim renumber` moves a record to a new file) and the creation date. The
 * status is judged on its own, by the transitions.
 */
export function stepFields(kind: Kind): ReadonlySet<string> {
  const known = guarded.get(kind);
  if (known) return known;
  const fields = new Set([
    ...lifecycleFields(kind),
    ...[...MANAGED].filter((f) => f !== 'status'),
    ...(OTHER_FIELDS[kind.name] ?? []),
    ATTACH_STEP.field,
  ]);
  guarded.set(kind, fields);
  return fields;
}

/** A step as the history sees it: the states it goes between and whether it records a leaf. */
interface Recorder {
  readonly verb: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly records: (leaf: Leaf) => boolean;
}

/** Whether one path is the other or lies inside it. */
const within = (a: readonly string[], b: readonly string[]) =>
  a.length <= b.length && a.every((seg, i) => b[i] === seg);

/** Whether `after` is the list `before` with items added at its end, as a step appends them. */
function appended(before: unknown, after: unknown): boolean {
  const old = before === undefined ? [] : before;
  return (
    Array.isArray(old) &&
    Array.isArray(after) &&
    after.length > old.length &&
    old.every((item, i) => isDeepStrictEqual(item, after[i]))
  );
}

/**
 * `cim audit finding`: adds findings at the end of a reported audit's report, and records on a
 * finding the NC or OFI raised from it; no finding already reported is otherwise changed.
 */
function findingsAdded(before: unknown, after: unknown): boolean {
  const old = before === undefined ? [] : before;
  if (!Array.isArray(old) || !Array.isArray(after) || after.length < old.length) return false;
  return old.every((was: unknown, i) => {
    const now: unknown = after[i];
    if (isDeepStrictEqual(was, now)) return true;
    if (!isObject(was) || !isObject(now) || was.raised !== undefined || now.raised === undefined) return false;
    return isDeepStrictEqual({ ...was, raised: now.raised }, now);
  });
}

/**
 * `cim mrt done`: marks open actions done, each with its date and evidence; no action is added,
 * removed or otherwise changed, and none done goes back to open.
 */
function actionsDone(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return false;
  let marked = 0;
  const ok = before.every((was: unknown, i) => {
    const now: unknown = after[i];
    if (isDeepStrictEqual(was, now)) return true;
    if (!isObject(was) || !isObject(now) || was.status !== 'open' || now.status !== 'done') return false;
    marked++;
    return isDeepStrictEqual(withoutDone(now), withoutDone(was));
  });
  return ok && marked > 0;
}

/** An action without what marking it done records. */
const withoutDone = (action: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(action).filter(([k]) => !['status', 'done_on', 'evidence'].includes(k)));

/** `cim mrt action`: adds open actions at the end of the list. */
function actionsAdded(before: unknown, after: unknown): boolean {
  const old = before === undefined ? [] : before;
  return (
    appended(before, after) &&
    (after as unknown[]).slice((old as unknown[]).length).every((a) => isObject(a) && a.status === 'open')
  );
}

/**
 * `cim attach`: adds evidence at the end of a record's attachments, in any state, final ones too;
 * an attachment added is never changed or removed.
 */
export const ATTACH_STEP = { verb: 'attach', field: 'attachments' } as const;

/** Fields that only a step outside the kind's table records, by kind name: an NC's extensions,
 * a review's decisions and actions. Every kind's attachments are recorded by `cim attach`. */
const OTHER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [EXTEND_STEP.kind]: [EXTEND_STEP.field],
  [REVIEW_STEPS.kind]: [REVIEW_STEPS.decide.field, REVIEW_STEPS.action.field],
};

const { decide, action, done } = REVIEW_STEPS;
const at = (leaf: Leaf, field: string) => leaf.path.length === 1 && leaf.path[0] === field;

/** Holding a review (`--decision`, `--action`) also records the meeting's decisions and actions. */
const HOLD_RECORDS: readonly Recorder[] = mrt.transitions
  .filter((t) => t.verb === REVIEW_STEPS.hold.verb)
  .map((t) => ({
    verb: t.verb,
    from: t.from,
    to: t.to,
    records: (leaf: Leaf) =>
      (at(leaf, decide.field) && appended(leaf.before, leaf.after)) ||
      (at(leaf, action.field) && actionsAdded(leaf.before, leaf.after)),
  }));

/** Same-state steps that are not in a kind's table, by kind name. */
const OTHER_STEPS: Readonly<Record<string, readonly Recorder[]>> = {
  // `cim nc extend`: adds an extension at the end of the list (and moves close_by, which any edit may).
  [EXTEND_STEP.kind]: EXTEND_STEP.from.map((state): Recorder => ({
    verb: EXTEND_STEP.verb,
    from: [state],
    to: state,
    records: (leaf) => leaf.path.join('.') === EXTEND_STEP.field && appended(leaf.before, leaf.after),
  })),
  [REVIEW_STEPS.kind]: [
    ...decide.from.map((state) => ({
      verb: decide.verb,
      from: [state],
      to: state,
      records: (leaf: Leaf) => at(leaf, decide.field) && appended(leaf.before, leaf.after),
    })),
    ...action.from.map((state) => ({
      verb: action.verb,
      from: [state],
      to: state,
      records: (leaf: Leaf) => at(leaf, action.field) && actionsAdded(leaf.before, leaf.after),
    })),
    ...done.from.map((state) => ({
      verb: done.verb,
      from: [state],
      to: state,
      records: (leaf: Leaf) => at(leaf, done.field) && actionsDone(leaf.before, leaf.after),
    })),
    // Holding a review may record the decisions and actions taken at the meeting.
    ...HOLD_RECORDS,
  ],
  [FINDING_STEP.kind]: [
    {
      verb: FINDING_STEP.verb,
      from: FINDING_STEP.from,
      to: FINDING_STEP.to,
      records: (leaf) => leaf.path.join('.') === FINDING_STEP.field && findingsAdded(leaf.before, leaf.after),
    },
  ],
};

const recorders = new WeakMap<Kind, readonly Recorder[]>();

/** Every step of a kind after creation, with what it records: its table's, then the others. */
function recordersOf(kind: Kind): readonly Recorder[] {
  const known = recorders.get(kind);
  if (known) return known;
  const steps = kind.transitions
    .filter((t) => t.from.length > 0)
    .map((t): Recorder => {
      const paths = [...t.requires, ...(t.offers ?? [])].map((p) => p.split('.'));
      const lists = new Set(inputsFor(kind, t).flatMap((i) => (i.append ? [i.append] : [])));
      return {
        verb: t.verb,
        from: t.from,
        to: t.to,
        // A value the step writes (never one it removes), inside a field it records; a list it
        // appends to gains items and keeps the others.
        records: (leaf) =>
          leaf.after !== undefined &&
          (lists.has(leaf.path.join('.'))
            ? appended(leaf.before, leaf.after)
            : paths.some((p) => within(p, leaf.path) || within(leaf.path, p))),
      };
    });
  const attach = kind.states.map((state): Recorder => ({
    verb: ATTACH_STEP.verb,
    from: [state],
    to: state,
    records: (leaf) => at(leaf, ATTACH_STEP.field) && appended(leaf.before, leaf.after),
  }));
  const all = [...steps, ...(OTHER_STEPS[kind.name] ?? []), ...attach];
  recorders.set(kind, all);
  return all;
}

/** The steps that go from one state to the other (same-state steps when they are equal). */
function stepsBetween(kind: Kind, from: string, to: string): Recorder[] {
  return recordersOf(kind).filter((s) => s.from.includes(from) && s.to === to);
}

/** A field only a step may change, as `cim` names it (`analysis.root_cause`), and whether it was removed. */
export interface EditedField {
  readonly path: string;
  readonly removed: boolean;
}

/**
 * The fields only a step may change that differ between two versions and that none of `steps`
 * records; with `added`, also those that had no value before.
 */
function unrecorded(
  kind: Kind,
  steps: readonly Recorder[],
  before: unknown,
  after: unknown,
  added: boolean,
): EditedField[] {
  const fields = stepFields(kind);
  return diffLeaves(before, after)
    .filter((leaf) => fields.has(leaf.path[0]!) && (added || leaf.before !== undefined))
    .filter((leaf) => !steps.some((s) => s.records(leaf)))
    .map((leaf): EditedField => ({ path: formatPath([...leaf.path]), removed: leaf.after === undefined }));
}

/**
 * What a step recorded and a later commit changed or removed, from state `from` to state `to`,
 * without a step between those states that records it: a hand edit of evidence. A value given
 * where there was none alters nothing recorded
 * (a record may hold what a later step records, such as the review a reported audit was
 * presented at): it is not listed.
 */
export function editedOutsideSteps(
  kind: Kind,
  from: string,
  to: string,
  before: unknown,
  after: unknown,
): EditedField[] {
  return unrecorded(kind, stepsBetween(kind, from, to), before, after, false);
}

/**
 * Whether a change from state `from` to `to` is the step `verb`: one of the kind's steps between
 * those states which, when it keeps the state, changes no field only a step may change but those
 * it records. `edit` is a change within a state that is not final of fields any edit may change;
 * `finding` is `cim audit finding`.
 */
export function stepFits(kind: Kind, verb: string, from: string, to: string, before: unknown, after: unknown): boolean {
  if (verb === 'edit')
    return from === to && !kind.terminal.includes(from) && unrecorded(kind, [], before, after, true).length === 0;
  const steps = stepsBetween(kind, from, to).filter((s) => s.verb === verb);
  return steps.length > 0 && (from !== to || unrecorded(kind, steps, before, after, true).length === 0);
}

/**
 * Whether a change to a record in a final state is one of the few steps a final record accepts
 * (an approved review's action marked done): every field that differs is one such a step records.
 */
export function finalStepFits(kind: Kind, state: string, before: unknown, after: unknown): boolean {
  const steps = stepsBetween(kind, state, state);
  const leaves = diffLeaves(before, after);
  return steps.length > 0 && leaves.length > 0 && leaves.every((leaf) => steps.some((s) => s.records(leaf)));
}

/** Which step records a field, for a hint. */
export function recordedBy(kind: Kind, field: string): string {
  if (field === 'id') return 'the id by `cim renumber`';
  if (field === 'created') return 'created when the record is made';
  if (field === ATTACH_STEP.field) return `${field} by \`cim ${ATTACH_STEP.verb}\``;
  if (kind.name === EXTEND_STEP.kind && field === EXTEND_STEP.field)
    return `${field} by \`cim ${kind.name} ${EXTEND_STEP.verb}\``;
  if (kind.name === REVIEW_STEPS.kind && field === decide.field) return `${field} by \`cim mrt ${decide.verb}\``;
  if (kind.name === REVIEW_STEPS.kind && field === action.field)
    return `${field} by \`cim mrt ${action.verb}\` and \`cim mrt ${done.verb}\``;
  const step = kind.transitions.find(
    (t) => t.from.length > 0 && [...t.requires, ...(t.offers ?? [])].some((p) => p.split('.')[0] === field),
  );
  return step ? `${field} by \`cim ${kind.name} ${step.verb}\`` : field;
}
