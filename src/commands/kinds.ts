// A kind named on the command line (`cim list nc`, `cim log --kind ca`), or a clear refusal.
import type { Kind } from '../domain/kind.js';
import { findKind, KINDS } from '../domain/kinds/index.js';
import { UserError } from '../errors.js';

export function kindNamed(name: string): Kind {
  const kind = findKind(name);
  if (!kind) throw new UserError(`unknown kind "${name}"`, `use one of: ${KINDS.map((k) => k.name).join(', ')}`);
  return kind;
}
