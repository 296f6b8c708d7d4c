// The transition engine: performs any verb of any kind from the tables. It finds the step for the
// record's state, applies the inputs (with today's date and the acting person as fallbacks),
// and accepts the result only if the register it leaves has no error it did not have before —
// so every guard (auditor independence, reviewer ≠ owner, NC closure…) is the same rule that
// `cim validate` runs, stated once.
import { AT_START, type FieldDiagnostic } from './diagnostics.js';
import { inputsFor, type Input } from './inputs.js';
import type { Kind, Transition } from './kind.js';
import { buildRegister, type Entry, type Register } from './register.js';
import { ruleDiagnostics } from './validate/index.js';
import type { RuleContext } from './validate/rule.js';
import { DATE_FUTURE } from './validate/rule-ids.js';
import { article } from './validate/wording.js';
import { checkSchema } from './validate/schema.js';

export interface Problem {
  readonly message: string;
  readonly hint: string;
  /** Inputs of the step not given that would answer it (a source's ref, a decision's maker). */
  readonly inputs?: readonly Input[];
  /** Where a rule found it, for a problem of the register rules. */
  readonly file?: string;
  readonly path?: readonly (string | number)[];
}

export type Step =
  | { readonly ok: true; readonly transition: Transition; readonly inputs: Input[] }
  | { readonly ok: false; readonly problem: Problem };

/** The step a verb takes from the record's current state (or from nothing, for creating verbs). */
export function findStep(kind: Kind, verb: string, current?: { id: string; status: string }): Step {
  const named = kind.transitions.filter((t) => t.verb === verb);
  if (named.length === 0) {
    return {
      ok: false,
      problem: {
        message: `${kind.name} has no verb "${verb}"`,
        hint: `use one of: ${[...new Set(kind.transitions.map((t) => t.verb))].join(', ')}`,
      },
    };
  }
  const creating = named.find((t) => t.from.length === 0);
  if (!current) {
    if (creating) return { ok: true, transition: creating, inputs: inputsFor(kind, creating) };
    return {
      ok: false,
      problem: {
        message: `"${verb}" needs the id of an existing ${kind.title.toLowerCase()}`,
        hint: `cim ${kind.name} ${verb} <ID>`,
      },
    };
  }
  const step = named.find((t) => t.from.includes(current.status));
  if (step) return { ok: true, transition: step, inputs: inputsFor(kind, step) };
  const from = [...new Set(named.flatMap((t) => t.from))];
  return {
    ok: false,
    problem: {
      message: creating
        ? `${current.id} already exists; "${verb}" creates a new ${kind.title.toLowerCase()}`
        : `${current.id} is ${current.status}; "${verb}" applies to a record that is ${from.join(' or ')}`,
      hint: nextSteps(kind, current) ?? `${current.status} is final: nothing follows it`,
    },
  };
}

/** The commands that take a record on from its state, as a hint; undefined when the state is final. */
function nextSteps(kind: Kind, current: { id: string; status: string }): string | undefined {
  const verbs = [...new Set(kind.transitions.filter((t) => t.from.includes(current.status)).map((t) => t.verb))];
  return verbs.length
    ? `from ${current.status}: ${verbs.map((v) => `cim ${kind.name} ${v} ${current.id}`).join(', ')}`
    : undefined;
}

/**
 * A verb of one kind given the id of a record of another (`cim nc correct CA-0001`): what the
 * record is, and the steps its own kind offers from its state — never the same verb on the other
 * kind, which may not exist.
 */
export function wrongKind(asked: Kind, verb: string, actual: Kind, current: { id: string; status: string }): Problem {
  return {
    message: `${current.id} is ${article(actual)}, not ${article(asked)}`,
    hint:
      nextSteps(actual, current) ??
      `${current.id} is ${current.status}, which is final: nothing follows it; \`cim show ${current.id}\` shows it`,
  };
}

export interface Request {
  readonly register: Register;
  readonly kind: Kind;
  readonly transition: Transition;
  readonly inputs: readonly Input[];
  /** The record's id: the existing one, or the one allocated for a new record. */
  readonly id: string;
  /** The record's file, relative to the register root. */
  readonly file: string;
  readonly current?: Entry;
  /** Input values by flag name, already typed. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly today: string;
  /** The person running the command, when cim.yaml knows them. */
  readonly actor?: string;
  /** Accept event dates after today (the caller records why). */
  readonly allowFuture?: boolean;
  /** Lists the step appends to besides its inputs' (a review's decisions and actions at the meeting). */
  readonly appends?: Readonly<Record<string, readonly unknown[]>>;
  /** Leave the register rules to the caller, who judges many new records at once (an import). */
  readonly judgeLater?: boolean;
}

/** An event date after today that a step was allowed to record. */
export interface FutureDate {
  /** The field, e.g. `effectiveness.reviewed_on`. */
  readonly field: string;
  readonly date: string;
}

export type Outcome =
  | {
      readonly ok: true;
      readonly data: Record<string, unknown>;
      readonly from?: string;
      readonly to: string;
      /** Event dates after today it records, when allowed. */
      readonly future?: readonly FutureDate[];
    }
  | { readonly ok: false; readonly problems: Problem[] };

/** Values for every input: given, or filled from today and the actor; the rest left out. */
export function resolveValues(
  inputs: readonly Input[],
  values: Readonly<Record<string, unknown>>,
  today: string,
  actor?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of inputs) {
    const given = values[input.flag];
    if (given !== undefined) out[input.flag] = given;
    else if (input.required && input.fallback === 'today') out[input.flag] = today;
    else if (input.required && input.fallback === 'actor' && actor) out[input.flag] = actor;
  }
  return out;
}

/**
 * What must be asked for or given as flags: required inputs with no value and no fallback, and
 * for each either-or group (`raised` or `none`) with no value at all, its first field.
 */
export function missingInputs(
  inputs: readonly Input[],
  values: Readonly<Record<string, unknown>>,
  actor?: string,
): Input[] {
  const given = (i: Input) => values[i.flag] !== undefined;
  return inputs.filter((i, n) => {
    if (given(i)) return false;
    if (i.oneOf !== undefined) {
      const group = inputs.filter((g) => g.oneOf === i.oneOf);
      return inputs.findIndex((g) => g.oneOf === i.oneOf) === n && !group.some(given);
    }
    return i.required && !(i.fallback === 'today' || (i.fallback === 'actor' && actor));
  });
}

/** The inputs of the either-or group an input belongs to; just the input when it has none. */
export function groupOf(inputs: readonly Input[], input: Input): Input[] {
  return input.oneOf === undefined ? [input] : inputs.filter((i) => i.oneOf === input.oneOf);
}

export function perform(req: Request): Outcome {
  const { kind, transition, current, today } = req;
  const data: Record<string, unknown> = current ? structuredClone(current.data) : { id: req.id, created: today };
  const values = resolveValues(req.inputs, req.values, today, req.actor);
  // A record says what has happened: a date after today is refused unless allowed, so that no
  // wait (a corrective action's effectiveness review) is met by dating a step ahead.
  const future = futureDates(req.inputs, values, today);
  if (future.length && !req.allowFuture) {
    return {
      ok: false,
      problems: future.map(({ input, field, date }) => ({
        message: `${field} ${date} is after today (${today})`,
        hint: `record what has happened: give --${input.flag} ${today} or earlier; if the date is right, add --allow-future "<reason>"`,
      })),
    };
  }
  const items = new Map<string, Record<string, unknown>>();
  for (const input of req.inputs) {
    if (!(input.flag in values)) continue;
    if (input.append) {
      const item = items.get(input.append) ?? {};
      setPath(item, input.path.split('.'), values[input.flag]);
      items.set(input.append, item);
    } else {
      setPath(data, input.path.split('.'), values[input.flag]);
    }
  }
  for (const [list, item] of items) {
    const path = list.split('.');
    const existing = getPath(data, path);
    setPath(data, path, [...(Array.isArray(existing) ? (existing as unknown[]) : []), item]);
  }
  for (const [list, added] of Object.entries(req.appends ?? {})) {
    const existing = data[list];
    if (added.length) data[list] = [...(Array.isArray(existing) ? (existing as unknown[]) : []), ...added];
  }
  for (const required of transition.requires) fillEmptyLists(kind, data, required);
  if (!current) Object.assign(data, kind.derive?.(data, req.register.config) ?? {});
  data.status = transition.to;
  const ordered = orderLike(kind, data);

  const missing = transition.requires.filter((p) => getPath(ordered, p.split('.')) === undefined);
  if (missing.length) {
    return {
      ok: false,
      problems: missing.map((p) => ({ message: `${transition.verb} needs ${p}`, hint: flagHint(req.inputs, p) })),
    };
  }
  // A problem of the record being made, with the flags that would answer it; while it is being
  // created, with the flags in place of `cim edit` commands for a record that does not exist yet.
  const inRecord = (f: Parameters<typeof answerable>[0]): Problem => {
    const found = answerable(f, req.inputs, values);
    return current ? found : { ...found, hint: asFlags(found.hint, req.id, req.inputs) };
  };
  const checked = checkSchema(kind.schema, ordered, req.file);
  if (checked.value === undefined) return { ok: false, problems: checked.diagnostics.map(inRecord) };

  const done = {
    ok: true as const,
    data: ordered,
    ...(current ? { from: current.data.status } : {}),
    to: transition.to,
    ...(future.length ? { future: future.map(({ field, date }) => ({ field, date })) } : {}),
  };
  if (req.judgeLater) return done;
  const entry = {
    ...(current ?? { file: req.file, kind, id: req.id, text: '', source: AT_START }),
    data: checked.value,
  } as Entry;
  const allowed = req.allowFuture ? (f: FieldDiagnostic) => f.rule === DATE_FUTURE && f.file === req.file : undefined;
  const introduced = newErrors(req.register, withEntries(req.register, [entry]), today, allowed);
  if (introduced.length)
    return {
      ok: false,
      problems: introduced.map((p) => (p.file === req.file && p.path ? inRecord({ ...p, path: p.path }) : p)),
    };
  return done;
}

/** The event dates among the values that are after today. */
function futureDates(
  inputs: readonly Input[],
  values: Readonly<Record<string, unknown>>,
  today: string,
): (FutureDate & { input: Input })[] {
  return inputs.flatMap((input) => {
    const date = values[input.flag];
    if (!input.event || typeof date !== 'string' || date <= today) return [];
    return [{ input, field: input.append ? `${input.append}.${input.path}` : input.path, date }];
  });
}

/** The register with these entries in place of those with the same id, or added. */
export function withEntries(register: Register, entries: readonly Entry[]): Register {
  const byId = new Map(entries.map((e) => [e.data.id, e]));
  const kept = register.entries.map((e) => byId.get(e.data.id) ?? e);
  const added = entries.filter((e) => !register.byId.has(e.data.id));
  return buildRegister(register.root, register.config, register.prefixes, [...kept, ...added], register.unchecked);
}

/** Errors the register rules find in `after` that they did not find in `before`, but those `allowed`. */
export function newErrors(
  before: Register,
  after: Register,
  today: string,
  allowed?: (diagnostic: FieldDiagnostic) => boolean,
): Problem[] {
  const ctx: RuleContext = { asOf: today };
  const known = new Set(errors(before, ctx).map(key));
  return errors(after, ctx)
    .filter((f) => !known.has(key(f)) && !allowed?.(f))
    .map(({ message, hint, file, path }) => ({ message, hint, file, path }));
}

function errors(register: Register, ctx: RuleContext): FieldDiagnostic[] {
  return ruleDiagnostics(register, ctx).filter((f) => f.severity === 'error');
}

const key = (f: FieldDiagnostic) => `${f.file}\0${f.rule}\0${f.message}`;

/** A problem of the record being made, with the flags not given that would answer it. */
function answerable(
  f: { readonly message: string; readonly hint: string; readonly path: readonly (string | number)[] },
  inputs: readonly Input[],
  given: Record<string, unknown>,
): Problem {
  const answers = unanswered(inputs, f.path, given);
  if (!answers.length) return { message: f.message, hint: f.hint };
  const flags = answers.map((i) => `--${i.flag}`).join(' or ');
  return { message: f.message, hint: `give ${flags} (${f.hint})`, inputs: answers };
}

/** The inputs not given whose fields lie at or under `path`: what would answer a problem there. */
function unanswered(
  inputs: readonly Input[],
  path: readonly (string | number)[],
  given: Record<string, unknown>,
): Input[] {
  const at = path.join('.');
  return inputs.filter(
    (i) => !(i.flag in given) && !i.append && at !== '' && (i.path === at || i.path.startsWith(`${at}.`)),
  );
}

/**
 * A hint for a record still being made, which names its flags where the rule names `cim edit`: a
 * record refused as it is created does not exist to be edited. A `cim edit ID --set field=value`
 * for a field the step takes becomes `--flag value`; any other is left as it is.
 */
function asFlags(hint: string, id: string, inputs: readonly Input[]): string {
  const edits = /(,? or )?`?cim edit (\S+) --set ([\w.]+)=("[^"]*"|[^`\s,)]*)`?/g;
  return hint.replace(edits, (edit, or: string | undefined, named, path, value, at: number) => {
    const input = inputs.find((i) => !i.append && i.path === path);
    if (named !== id || !input) return edit;
    // "…: --action "…" at cim ca plan, or cim edit …" names the flag already: the edit goes.
    if (or && hint.slice(0, at).includes(`--${input.flag} `)) return '';
    return `${or ?? ''}\`--${input.flag} ${value}\``;
  });
}

function flagHint(inputs: readonly Input[], path: string): string {
  const flags = inputs
    .filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.append === path)
    .map((i) => `--${i.flag}`);
  return flags.length ? `give ${flags.join(', ')}` : `set ${path}`;
}

/** A required object's lists of items (an audit report's findings) start empty. */
function fillEmptyLists(kind: Kind, data: Record<string, unknown>, path: string): void {
  const value = getPath(data, path.split('.'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(kind.emptyLists ?? {})) {
    if (k.startsWith(`${path}.`) && getPath(data, k.split('.')) === undefined) setPath(data, k.split('.'), v);
  }
}

/** Keys in the order the schema declares them, so new records read naturally. */
function orderLike(kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const order = Object.keys(kind.shape.shape);
  const keys = Object.keys(data).sort((a, b) => rank(order, a) - rank(order, b));
  return Object.fromEntries(keys.map((k) => [k, data[k]]));
}

const rank = (order: readonly string[], key: string) => {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
};

export function getPath(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

export function setPath(data: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let target = data;
  for (const seg of path.slice(0, -1)) {
    const next = target[seg];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[seg] = {};
    target = target[seg] as Record<string, unknown>;
  }
  target[path.at(-1)!] = value;
}
