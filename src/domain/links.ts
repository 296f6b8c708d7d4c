// Who points at a record: every record field that names it, found through the kinds' schemas.
import { formatPath } from './diagnostics.js';
import { KINDS } from './kinds/index.js';
import type { Kind } from './kind.js';
import type { Entry, Register } from './register.js';
import { refFields, valuesAt, type RefField } from './validate/zod-walk.js';

const recordFields = new Map<Kind, RefField[]>(
  KINDS.map((k) => [k, refFields(k.shape).filter((f) => f.role.role === 'record')]),
);

export interface Backlink {
  readonly id: string;
  readonly kind: string;
  readonly field: string;
}

export function referencesTo(register: Register, id: string): Backlink[] {
  const out: Backlink[] = [];
  for (const e of register.entries) {
    if (e.data.id === id) continue;
    for (const f of recordFields.get(e.kind)!) {
      for (const { path, value } of valuesAt(e.data, f.pattern)) {
        if (typeof value === 'string' && (value === id || value.startsWith(`${id}#`))) {
          out.push({ id: e.data.id, kind: e.kind.name, field: formatPath(path) });
        }
      }
    }
  }
  return out;
}

/** A record a change writes: its kind and the data it is given (or had). */
export interface Changed {
  readonly kind: Kind;
  readonly data: { readonly id: string } & Record<string, unknown>;
}

/**
 * The records a change to these ones is judged with: every record they name (as they were or as
 * they will be), and every record that names them. A guard reads these, so a change is decided on
 * them and on nothing else in the register.
 */
export function linkedEntries(register: Register, changed: readonly Changed[]): Entry[] {
  const ids = new Set(changed.map((c) => c.data.id));
  const out = new Map<string, Entry>();
  const add = (id: string) => {
    const named = register.byId.get(id);
    if (named && !ids.has(id)) out.set(id, named);
  };
  const each = (kind: Kind, data: Record<string, unknown>, found: (target: string) => void) => {
    for (const f of recordFields.get(kind)!)
      for (const { value } of valuesAt(data, f.pattern)) if (typeof value === 'string') found(value.split('#')[0]!);
  };
  for (const c of changed) each(c.kind, c.data, add);
  for (const e of register.entries) {
    if (ids.has(e.data.id)) continue;
    each(e.kind, e.data, (target) => {
      if (ids.has(target)) out.set(e.data.id, e);
    });
  }
  return [...out.values()];
}
