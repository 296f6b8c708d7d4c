// What a lifecycle step asks of the user, derived from the kind's table and schema: one input per
// leaf field the step records, with its flag name, type, choices and default. Flags, prompts and
// help text are all generated from this list.
import type { z } from 'zod';
import { roles } from './fields.js';
import type { Kind, Transition } from './kind.js';

export type InputType =
  'text' | 'date' | 'month' | 'enum' | 'boolean' | 'number' | 'person' | 'area' | 'record' | 'requirement';

export interface Input {
  /** Dot path of the field; for an item appended to a list, the path inside the item. */
  readonly path: string;
  /** Set when the step appends one item to this list (reopened, reviews). */
  readonly append?: string;
  /** `--flag` name, without the dashes. */
  readonly flag: string;
  readonly description: string;
  readonly type: InputType;
  /** Several values (comma-separated on the command line). */
  readonly list: boolean;
  readonly choices?: readonly string[];
  /** Record kinds a reference may point at (empty: any). */
  readonly kinds?: readonly string[];
  readonly required: boolean;
  /**
   * Set on the fields of a required object whose fields are all optional (`raised` or `none`):
   * the object's path. At least one field of the group must be given.
   */
  readonly oneOf?: string;
  /** Filled in when not given: today's date, or the person running the command. */
  readonly fallback?: 'today' | 'actor';
  /** A date that records when something happened, so never after today — unlike a deadline
   * (`due`, `close_by`, `expires_on`) or a plan (`scheduled_on`, `planned`). */
  readonly event?: true;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  format?: string;
  entries?: Record<string, string>;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default wrappers, whether it was optional, and its description. */
function peel(schema: z.ZodType): { schema: z.ZodType; optional: boolean; description: string } {
  let s = schema;
  let optional = false;
  let description = s.description ?? '';
  for (;;) {
    if (roles.has(s)) break;
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'default') optional = true;
    const inner = ['optional', 'default', 'nullable', 'readonly'].includes(def.type)
      ? def.innerType
      : def.type === 'pipe'
        ? def.in
        : undefined;
    if (!inner) break;
    s = inner;
    description ||= s.description ?? '';
  }
  return { schema: s, optional, description };
}

function leafType(s: z.ZodType): Pick<Input, 'type' | 'choices' | 'kinds'> {
  const role = roles.get(s);
  if (role?.role === 'person' || role?.role === 'area' || role?.role === 'requirement') return { type: role.role };
  if (role?.role === 'record') return { type: 'record', kinds: role.kinds };
  const def = defOf(s);
  if (def.type === 'enum') return { type: 'enum', choices: Object.values(def.entries ?? {}) };
  if (def.type === 'boolean') return { type: 'boolean' };
  if (def.type === 'number') return { type: 'number' };
  if (def.type === 'string' && def.format === 'date') return { type: 'date' };
  if (s.description?.includes('YYYY-MM or')) return { type: 'month' };
  return { type: 'text' };
}

interface Leaf {
  readonly path: string[];
  readonly schema: z.ZodType;
  readonly required: boolean;
  readonly description: string;
  readonly list: boolean;
  readonly append?: string;
}

/**
 * Expands a field into its leaves: objects into their fields. A list of objects named by the step
 * itself (reopened, reviews) takes one new item; one nested deeper (an audit report's findings)
 * starts empty and is filled by its own command. `top` marks the field the step names, which is
 * needed whatever the schema says, since the step is what makes it present.
 */
function leaves(schema: z.ZodType, path: string[], required: boolean, top: boolean, append?: string): Leaf[] {
  const { schema: s, optional, description } = peel(schema);
  const def = defOf(s);
  const needed = required && (top || !optional);
  if (!roles.has(s) && def.type === 'object') {
    return Object.entries(def.shape ?? {}).flatMap(([k, v]) => leaves(v, [...path, k], needed, false, append));
  }
  if (!roles.has(s) && def.type === 'array' && def.element) {
    const item = peel(def.element);
    if (!roles.has(item.schema) && defOf(item.schema).type === 'object') {
      return top ? leaves(item.schema, [], needed, false, path.join('.')) : [];
    }
    return [{ path, schema: item.schema, required: needed, description, list: true, ...(append ? { append } : {}) }];
  }
  return [{ path, schema: s, required: needed, description, list: false, ...(append ? { append } : {}) }];
}

function fieldSchema(kind: Kind, path: readonly string[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = kind.shape;
  for (const seg of path) {
    if (!s) return undefined;
    const def = defOf(peel(s).schema);
    s = def.type === 'object' ? def.shape?.[seg] : undefined;
  }
  return s;
}

/**
 * Whether a date field records when something happened: one the kind's lifecycle orders
 * (`dateOrder`), the date of an item a step appends (`reopened.on`, `reviews.date`), or the `on` of
 * what a step records (`cancelled.on`, `decision.on`). Every other date is a deadline or a plan.
 */
function isEventDate(kind: Kind, path: readonly string[], append: string | undefined): boolean {
  return kind.dateOrder.includes([...(append ? [append] : []), ...path].join('.')) || !!append || path.at(-1) === 'on';
}
const ACTOR_FIELDS = new Set([
  'raised_by',
  'closed_by',
  'reported_by',
  'requested_by',
  'by',
  'approved_by',
  'reviewed_by',
]);
const kebab = (s: string) => s.replaceAll('_', '-').replaceAll('.', '-');

/** Set by `cim import --migrate` alone, and never changed afterwards. */
export const IMPORTED_FIELD = 'imported';

/** Fields set by the tool itself, never asked for. */
export const MANAGED: ReadonlySet<string> = new Set(['id', 'status', 'created', IMPORTED_FIELD]);

/** Fields that some step after creation records: only that step may change them. */
export function lifecycleFields(kind: Kind): Set<string> {
  return new Set(
    kind.transitions
      .filter((t) => t.from.length > 0)
      .flatMap((t) => [...t.requires, ...(t.offers ?? [])].map((p) => p.split('.')[0]!)),
  );
}

/** The inputs a step takes. A creating step also offers every field no later step controls. */
export function inputsFor(kind: Kind, transition: Transition): Input[] {
  const creating = transition.from.length === 0;
  const controlled = lifecycleFields(kind);
  const fields: { path: string[]; required: boolean; wrapper: boolean }[] = [
    ...transition.requires.map((p) => ({ path: p.split('.'), required: true, wrapper: !creating })),
    ...(transition.offers ?? []).map((p) => ({ path: p.split('.'), required: false, wrapper: false })),
  ];
  if (creating) {
    const top = Object.keys(defOf(kind.shape).shape ?? {});
    for (const key of top) {
      if (MANAGED.has(key) || controlled.has(key) || fields.some((f) => f.path[0] === key)) continue;
      fields.push({ path: [key], required: false, wrapper: false });
    }
  }
  const found: (Leaf & { strip: number; oneOf?: string })[] = [];
  for (const f of fields) {
    const schema = fieldSchema(kind, f.path);
    if (!schema) continue;
    const own = leaves(schema, f.path, f.required, f.required);
    const group = f.required && own.length > 1 && own.every((l) => !l.required) ? f.path.join('.') : undefined;
    for (const plain of own) {
      const leaf = group ? { ...plain, oneOf: group } : plain;
      const same = found.findIndex((x) => x.append === leaf.append && x.path.join('.') === leaf.path.join('.'));
      if (same >= 0) {
        if (leaf.required) found[same] = { ...found[same]!, required: true };
        continue;
      }
      // Lists of records (decisions, actions) are not filled in when a record is created.
      if (creating && !f.required && leaf.append !== undefined) continue;
      // A step's own object (correction, analysis…) need not be repeated in each flag name.
      const strip = f.wrapper && !leaf.append && leaf.path.length > f.path.length ? f.path.length : 0;
      found.push({ ...leaf, strip });
    }
  }
  const names = flagNames(
    found.map((l) => ({
      path: l.append ? [...l.append.split('.'), ...l.path] : l.path,
      strip: l.append ? l.append.split('.').length : l.strip,
    })),
  );
  return found.map((leaf, i) => {
    const flag = names[i]!;
    const path = leaf.path.join('.');
    const event = leafType(leaf.schema).type === 'date' && isEventDate(kind, leaf.path, leaf.append);
    const fallback = event
      ? 'today'
      : ACTOR_FIELDS.has(leaf.path.at(-1)!) && leafType(leaf.schema).type === 'person'
        ? 'actor'
        : undefined;
    return {
      path,
      ...(leaf.append ? { append: leaf.append } : {}),
      flag,
      description: leaf.description,
      list: leaf.list,
      required: leaf.required,
      ...(leaf.oneOf ? { oneOf: leaf.oneOf } : {}),
      ...leafType(leaf.schema),
      ...(fallback ? { fallback } : {}),
      ...(event ? { event: true as const } : {}),
    };
  });
}

const eventPatterns = new WeakMap<Kind, readonly (readonly string[])[]>();

/**
 * Where a kind's records hold event dates, as field patterns (`*` for the items of a list): every
 * date its lifecycle orders and every event date one of its steps records.
 */
export function eventDatePatterns(kind: Kind): readonly (readonly string[])[] {
  const known = eventPatterns.get(kind);
  if (known) return known;
  const paths = new Set(kind.dateOrder);
  for (const t of kind.transitions) {
    for (const i of inputsFor(kind, t)) if (i.event) paths.add(i.append ? `${i.append}.*.${i.path}` : i.path);
  }
  const patterns = [...paths].map((p) => p.split('.'));
  eventPatterns.set(kind, patterns);
  return patterns;
}

/**
 * Flag names: each field's path without the step's own object (`--action`, not
 * `--correction-action`), lengthened one segment at a time where that would be ambiguous
 * (`--a-notes`, `--b-notes` for the inputs of a management review).
 */
function flagNames(fields: readonly { path: readonly string[]; strip: number }[]): string[] {
  const start = fields.map((f) => f.strip);
  const name = (i: number) => kebab(fields[i]!.path.slice(start[i]).join('.'));
  for (;;) {
    const names = fields.map((_, i) => name(i));
    const clashing = names.map((n, i) => start[i]! > 0 && names.filter((m) => m === n).length > 1);
    if (!clashing.some(Boolean)) return names;
    clashing.forEach((c, i) => {
      if (c) start[i]! -= 1;
    });
  }
}
