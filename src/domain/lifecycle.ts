// What a lifecycle table implies: the fields every state must have, given every way into it.
import type { Kind, Transition } from './kind.js';

const cache = new WeakMap<Kind, ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * For each state, the fields it must have whichever path led there: the greatest fixed point of
 * need(s) = ⋂ over transitions t into s of (t.requires ∪ ⋂ over t.from of need(from)).
 * Starting from "everything" and shrinking handles cycles such as reopen.
 */
export function stateRequirements(kind: Kind): ReadonlyMap<string, ReadonlySet<string>> {
  const cached = cache.get(kind);
  if (cached) return cached;
  const everything = new Set(kind.transitions.flatMap((t) => t.requires));
  const need = new Map<string, Set<string>>(kind.states.map((s) => [s, new Set(everything)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const state of kind.states) {
      let acc: Set<string> | undefined;
      for (const t of kind.transitions.filter((t) => t.to === state)) {
        const before = t.from.length === 0 ? new Set<string>() : intersect(t.from.map((f) => need.get(f)!));
        const via = new Set([...t.requires, ...before]);
        acc = acc ? intersect([acc, via]) : via;
      }
      acc ??= new Set();
      if (acc.size !== need.get(state)!.size) {
        need.set(state, acc);
        changed = true;
      }
    }
  }
  cache.set(kind, need);
  return need;
}

function intersect(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((x) => rest.every((s) => s.has(x))));
}

/** The step that records a field: the first transition on the table that requires it. */
export function transitionRequiring(kind: Kind, path: string): Transition | undefined {
  return kind.transitions.find((t) => t.requires.includes(path));
}

export function transitionsFrom(kind: Kind, state: string): Transition[] {
  return kind.transitions.filter((t) => t.from.includes(state));
}

/** The step that creates a record of the kind: the transition from no state (`open`, `propose`…). */
export function creatingStep(kind: Kind): Transition | undefined {
  return kind.transitions.find((t) => t.from.length === 0);
}
