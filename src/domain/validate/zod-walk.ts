// Reading zod 4 schemas as data: the schema at a field path, its description, the keys an object
// allows, and every reference-like field (person, area, record, requirement) of a kind.
import type { z } from 'zod';
import { roles, type FieldRole } from '../fields.js';
import type { Path } from '../diagnostics.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  schema?: z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Peels optional/default/nullable/pipe wrappers, collecting the first description on the way. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; description?: string } {
  let s = schema;
  let description = s.description;
  for (;;) {
    const def = defOf(s);
    const inner =
      def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly'
        ? def.innerType
        : def.type === 'pipe'
          ? def.in
          : undefined;
    if (!inner) return { schema: s, ...(description ? { description } : {}) };
    s = inner;
    description ??= s.description;
  }
}

export function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (!s) return undefined;
    const def = defOf(unwrap(s).schema);
    if (def.type === 'object' && typeof seg === 'string') s = def.shape?.[seg];
    else if (def.type === 'array' && typeof seg === 'number') s = def.element;
    else return undefined;
  }
  return s;
}

export function describeAt(schema: z.ZodType, path: Path): string | undefined {
  const s = schemaAt(schema, path);
  return s ? unwrap(s).description : undefined;
}

/** The keys an object at `path` allows, for "did you mean" hints. */
export function keysAt(schema: z.ZodType, path: Path): string[] {
  const s = schemaAt(schema, path);
  if (!s) return [];
  const def = defOf(unwrap(s).schema);
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** A reference-like field of a kind: where it is (with `*` for array items) and what it names. */
export interface RefField {
  readonly pattern: readonly string[];
  readonly role: FieldRole;
}

export function refFields(schema: z.ZodType): RefField[] {
  const out: RefField[] = [];
  const visit = (s: z.ZodType, pattern: string[]) => {
    let node = s;
    for (;;) {
      const role = roles.get(node);
      if (role) {
        out.push({ pattern, role });
        return;
      }
      const def = defOf(node);
      const inner = ['optional', 'default', 'nullable', 'readonly'].includes(def.type)
        ? def.innerType
        : def.type === 'pipe'
          ? def.in
          : undefined;
      if (!inner) break;
      node = inner;
    }
    const def = defOf(node);
    if (def.type === 'object') for (const [k, v] of Object.entries(def.shape ?? {})) visit(v, [...pattern, k]);
    else if (def.type === 'array' && def.element) visit(def.element, [...pattern, '*']);
  };
  visit(schema, []);
  return out;
}

/** Every value at a pattern in some data, with its concrete path, in the order of the data. */
export function valuesAt(data: unknown, pattern: readonly string[]): { path: (string | number)[]; value: unknown }[] {
  // Runs for every reference field of every record: one path is grown and shrunk as the walk goes,
  // and copied only for a value found.
  const out: { path: (string | number)[]; value: unknown }[] = [];
  const path: (string | number)[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth === pattern.length) {
      if (value !== undefined) out.push({ path: [...path], value });
      return;
    }
    const seg = pattern[depth]!;
    if (seg === '*') {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], depth + 1);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object' && seg in value) {
      path.push(seg);
      walk((value as Record<string, unknown>)[seg], depth + 1);
      path.pop();
    }
  };
  walk(data, 0);
  return out;
}
