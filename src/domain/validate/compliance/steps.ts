// The steps a record still has to take, read from its kind's lifecycle, so that a hint names the
// steps of whatever state the record is in.
import type { Kind } from '../../kind.js';
import { transitionsFrom } from '../../lifecycle.js';
import { isVoid } from '../../queries.js';

/**
 * The verbs that take a record from a state to one where a deadline no longer runs: the fewest
 * steps, the first on the table where there is a choice, and none that voids the record (cancel,
 * withdraw), since that ends the record rather than meeting the deadline.
 */
export function stepsToMeet(kind: Kind, from: string, deadline: string): readonly string[] {
  const runs = (state: string) => kind.meaning[state]?.due?.includes(deadline) === true;
  const paths = new Map<string, readonly string[]>([[from, []]]);
  const queue = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const t of transitionsFrom(kind, state)) {
      if (isVoid(kind, t.to) || paths.has(t.to)) continue;
      const path = [...paths.get(state)!, t.verb];
      if (!runs(t.to)) return path;
      paths.set(t.to, path);
      queue.push(t.to);
    }
  }
  return [];
}

/** The command that takes a step: `cim ca start CA-0001`, quoted as hints quote commands. */
export const stepCommand = (kind: Kind, verb: string, id: string): string => `\`cim ${kind.name} ${verb} ${id}\``;
