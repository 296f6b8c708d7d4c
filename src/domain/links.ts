// Who points at a record: every record field that names it, found through the kinds' schemas.
import { formatPath } from './diagnostics.js';
import { KINDS } from './kinds/index.js';
import type { Kind } from './kind.js';
import type { Register } from './register.js';
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
