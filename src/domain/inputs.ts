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

const EVENT_DATE = (kind: Kind, path: string) => kind.dateOrder.includes(path);
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

/** Fields set by the tool itself, never asked for. */
const MANAGED = new Set(['id', 'status', 'created']);

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
    const fallback =
      leaf.schema &&
      leafType(leaf.schema).type === 'date' &&
      (EVENT_DATE(kind, leaf.append ? `${leaf.append}.${path}` : path) || leaf.append || leaf.path.at(-1) === 'on')
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
    };
  });
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
