// What a management review produces, each recorded as its own commit that keeps the review in its
// state: `cim mrt decide` and `cim mrt action` while it is held, and `cim mrt done`, which marks an
// action done while it is held and also once the minutes are approved — the one change approved
// minutes accept. `cim mrt hold --decision/--action` records the meeting's own in the hold step.
import type { Context } from '../context.js';
import { isIsoDate, today } from '../domain/dates.js';
import { withEntries } from '../domain/engine.js';
import { mrt, type MrtRecord } from '../domain/kinds/index.js';
import { DECISION_TYPES, REVIEW_STEPS } from '../domain/kinds/mrt.js';
import type { Input } from '../domain/inputs.js';
import type { Entry, Register } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { renderUpdate } from '../io/record-file.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { recordToChange, type OpenForChange } from './open.js';
import type { Ask } from './step.js';

type Decision = NonNullable<MrtRecord['decisions']>[number];
type Action = NonNullable<MrtRecord['actions']>[number];

interface Where {
  readonly dir?: string;
  readonly id: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
  /** Present when prompting is allowed: asks for what the flags leave out. */
  readonly ask?: Ask;
}

export interface DecideOptions extends Where {
  readonly text?: string;
  readonly type?: string;
}

export interface ActionOptions extends Where {
  readonly text?: string;
  readonly owner?: string;
  readonly due?: string;
}

export interface DoneOptions extends Where {
  /** The action's reference: A1, A2, … */
  readonly ref: string;
  /** When it was done; today when not given. */
  readonly on?: string;
  readonly evidence?: string;
}

/** What each step asks for, as flags and prompts name it. */
const ASKED = {
  text: { type: 'text', description: 'what was decided, or what is to be done' },
  type: { type: 'enum', description: 'the kind of decision (9.3.3)', choices: DECISION_TYPES },
  owner: { type: 'person', description: 'who does it' },
  due: { type: 'date', description: 'when it is due (YYYY-MM-DD)' },
  evidence: { type: 'text', description: 'what shows it was done: a record, a document, a result' },
} as const satisfies Record<string, Pick<Input, 'type' | 'description'> & { choices?: readonly string[] }>;

/**
 * The values a step needs, from its flags or, on a terminal, asked for; without a terminal, the
 * flags it lacks are named.
 */
async function needed<K extends keyof typeof ASKED>(
  command: string,
  keys: readonly K[],
  given: Partial<Record<K, string>>,
  register: Register,
  ask: Ask | undefined,
): Promise<Record<K, string>> {
  const values: Partial<Record<K, string>> = { ...given };
  const missing = keys.filter((k) => values[k] === undefined);
  if (missing.length && !ask)
    throw new UserError(
      `missing ${missing.map((k) => `--${k}`).join(', ')}`,
      `give ${missing.length > 1 ? 'them' : 'it'} as flags; \`cim mrt ${command} --help\` describes each`,
    );
  for (const key of missing) {
    const answer = await ask!({ path: key, flag: key, list: false, required: true, ...ASKED[key] }, register);
    values[key] = String(answer);
  }
  return values as Record<K, string>;
}

export interface ReviewResult {
  readonly id: string;
  /** The decision's number (1, 2, …) or the action's reference (A1, A2, …). */
  readonly ref: string;
  readonly status: string;
  readonly file: string;
  readonly written: boolean;
  readonly commit?: string;
}

type Done = Omit<ReviewResult, 'written' | 'commit'>;

export async function decide(opts: DecideOptions, ctx: Context): Promise<ReviewResult> {
  return apply(opts, ctx, async (opened) => {
    const step = REVIEW_STEPS.decide;
    const current = reviewToChange(opened, opts.id, step);
    const { type, text } = await needed(step.verb, ['text', 'type'], opts, opened.register, opts.ask);
    const decision = parseDecision(type, text);
    return amend(opened, current, step, (r) => {
      const decisions = [...(r.decisions ?? []), decision];
      return { data: { ...r, decisions }, ref: String(decisions.length), what: `decision ${decisions.length}` };
    });
  });
}

export async function addAction(opts: ActionOptions, ctx: Context): Promise<ReviewResult> {
  return apply(opts, ctx, async (opened) => {
    const step = REVIEW_STEPS.action;
    const current = reviewToChange(opened, opts.id, step);
    const { text, owner, due } = await needed(step.verb, ['text', 'owner', 'due'], opts, opened.register, opts.ask);
    const base = parseAction(text, owner, due);
    return amend(opened, current, step, (r) => {
      const [action] = numbered(r.actions ?? [], [base]);
      return {
        data: { ...r, actions: [...(r.actions ?? []), action!] },
        ref: action!.ref,
        what: `action ${action!.ref}`,
      };
    });
  });
}

export async function markDone(opts: DoneOptions, ctx: Context): Promise<ReviewResult> {
  const ref = opts.ref.toUpperCase();
  const on = opts.on ?? today(ctx.now);
  if (!isIsoDate(on)) throw new UserError(`--on ${on} is not a date`, 'give the day it was done as YYYY-MM-DD');
  if (on > today(ctx.now))
    throw new UserError(
      `--on ${on} is after today (${today(ctx.now)})`,
      'record what has been done: give the day it was done, today or earlier',
    );
  return apply(opts, ctx, async (opened) => {
    const step = REVIEW_STEPS.done;
    const current = reviewToChange(opened, opts.id, step);
    const r = current.data;
    const index = (r.actions ?? []).findIndex((a) => a.ref === ref);
    const found = r.actions?.[index];
    if (!found)
      throw new UserError(
        `${r.id} has no action ${ref}`,
        r.actions?.length
          ? `its actions are ${r.actions.map((a) => a.ref).join(', ')}: \`cim show ${r.id}\``
          : `${r.id} recorded no actions`,
      );
    if (found.status !== 'open')
      throw new UserError(
        `action ${ref} of ${r.id} is already done (on ${found.done_on ?? 'an unrecorded day'})`,
        'an action is marked done once; record anything further as a new action or decision',
        ExitCode.Invalid,
      );
    if (r.held_on !== undefined && on < r.held_on)
      throw new UserError(
        `--on ${on} is before ${r.id} was held (${r.held_on}), which decided action ${ref}`,
        `give the day it was done: ${r.held_on} or later`,
        ExitCode.Invalid,
      );
    const { evidence } = await needed(step.verb, ['evidence'], opts, opened.register, opts.ask);
    if (evidence.trim() === '')
      throw new UserError('--evidence is empty', 'say what shows it was done: a record, a document, a result');
    return amend(opened, current, step, () => {
      const actions = [...r.actions!];
      actions[index] = { ...found, status: 'done', done_on: on, evidence: evidence.trim() };
      return { data: { ...r, actions }, ref, what: `action ${ref} done` };
    });
  });
}

/** A decision from `--type` and `--text`, or why it is not one. */
export function parseDecision(type: string, text: string): Decision {
  if (!(DECISION_TYPES as readonly string[]).includes(type))
    throw new UserError(
      `--type ${type} is not a kind of decision`,
      `give one of: ${DECISION_TYPES.join(', ')} (clause 9.3.3: improvement, or a need for change)`,
    );
  if (text.trim() === '') throw new UserError('the decision is empty', 'say what was decided: --text "…"');
  return { text: text.trim(), type: type as Decision['type'] };
}

/** An action from its text, owner and due date, not yet numbered; open. */
export function parseAction(text: string, owner: string, due: string): Omit<Action, 'ref'> {
  if (!isIsoDate(due)) throw new UserError(`due ${due} is not a date`, 'give when it is due as YYYY-MM-DD');
  if (text.trim() === '') throw new UserError('the action is empty', 'say what is to be done: --text "…"');
  return { text: text.trim(), owner, due, status: 'open' };
}

/** `--decision "<type>: <text>"` as `cim mrt hold` takes it. */
export function decisionFlag(value: string): Decision {
  const m = /^\s*([a-z]+)\s*:\s*([\s\S]*)$/.exec(value);
  if (!m)
    throw new UserError(
      `--decision "${value}" does not start with its type`,
      `write it as --decision "<type>: <what was decided>", the type one of ${DECISION_TYPES.join(', ')}`,
    );
  return parseDecision(m[1]!, m[2]!);
}

/** `--action "<owner> <due>: <text>"` as `cim mrt hold` takes it. */
export function actionFlag(value: string): Omit<Action, 'ref'> {
  const m = /^\s*(\S+)\s+(\S+)\s*:\s*([\s\S]*)$/.exec(value);
  if (!m)
    throw new UserError(
      `--action "${value}" does not start with its owner and due date`,
      'write it as --action "<owner> <YYYY-MM-DD>: <what is to be done>", e.g. --action "sam 2027-03-31: Run the restore test"',
    );
  return parseAction(m[3]!, m[1]!, m[2]!);
}

/**
 * What holding a review appends besides its inputs: the decisions and the actions, numbered after
 * any the record has.
 */
export function heldAppends(decisions: readonly string[], actions: readonly string[]) {
  const parsedDecisions = decisions.map(decisionFlag);
  const parsedActions = actions.map(actionFlag);
  return (current: Readonly<Record<string, unknown>> | undefined): Record<string, readonly unknown[]> => ({
    decisions: parsedDecisions,
    actions: numbered((current?.actions as Action[] | undefined) ?? [], parsedActions),
  });
}

/** New actions numbered after those a review has: A1, A2, … */
export function numbered(existing: readonly Action[], added: readonly Omit<Action, 'ref'>[]): Action[] {
  const last = Math.max(0, ...existing.map((a) => Number(a.ref.slice(1)) || 0));
  return added.map((a, i) => ({ ref: `A${last + i + 1}`, ...a }));
}

async function apply(
  opts: Where,
  ctx: Context,
  change: (opened: OpenForChange) => Promise<Mutation<Done>>,
): Promise<ReviewResult> {
  const { result, written, commit } = await applyChange(opts, ctx, change);
  return { ...result, written, ...(commit ? { commit } : {}) };
}

/** The review a step changes, when it is in a state the step is taken in. */
function reviewToChange(
  { register }: OpenForChange,
  given: string,
  step: { readonly verb: string; readonly from: readonly string[] },
): Entry<MrtRecord> {
  const id = given.toUpperCase();
  const current = recordToChange(register, id, mrt.name) as Entry<MrtRecord>;
  if (current.kind !== mrt)
    throw new UserError(`${id} is not a management review`, `\`cim list ${mrt.name}\` lists them`);
  const status = current.data.status;
  if (!step.from.includes(status))
    throw new UserError(
      `${id} is ${status}; \`cim mrt ${step.verb}\` records ${step.verb === REVIEW_STEPS.done.verb ? 'an action done' : 'what a review produced'} while it is ${step.from.join(' or ')}`,
      status === 'scheduled'
        ? `hold it first: \`cim mrt hold ${id}\``
        : status === 'approved'
          ? `its minutes are approved; record it at the next review (\`cim mrt ${step.verb} <next MRT id>\`)`
          : `${id} was ${status}`,
      ExitCode.Invalid,
    );
  return current;
}

/** The review with one step's change made, checked, written and committed as that step. */
function amend(
  { register }: OpenForChange,
  current: Entry<MrtRecord>,
  step: { readonly verb: string },
  change: (r: MrtRecord) => { data: MrtRecord; ref: string; what: string },
): Mutation<Done> {
  const id = current.data.id;
  const { data, ref, what } = change(current.data);
  const refusal = `cannot record ${what} on ${id}`;
  const value = checkedRecord(
    mrt,
    data,
    current.file,
    (problems) =>
      new UserError(`${refusal}: ${problems.map((f) => f.message).join('; ')}`, problems[0]!.hint, ExitCode.Invalid),
  );
  const entry = { ...current, data: value } as Entry;
  return {
    writes: [{ file: current.file, text: renderUpdate(current.text, current.data, value), expected: current.text }],
    changed: [entry, current],
    judge: { after: withEntries(register, [entry]), refusal },
    commit: {
      kind: mrt.name,
      id,
      verb: what,
      title: current.data.title,
      records: [id],
      action: step.verb,
    },
    result: { id, ref, status: current.data.status, file: current.file },
  };
}
