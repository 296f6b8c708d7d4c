// The kinds as the top-level help shows them: every kind declared, by its command name, with the
// words the help uses for its records.
import { KINDS } from '../domain/kinds/index.js';

/** A kind's command and what its records are called in the help ("Nonconformities"). */
export type KindCommand = readonly [name: string, records: string];

/** The kinds worked with most, listed first; the rest follow in the order of KINDS. */
const FIRST: readonly string[] = ['nc', 'ca'];

const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

// A stable sort: the kinds not named first keep their order.
export const KIND_COMMANDS: readonly KindCommand[] = [...KINDS]
  .sort((a, b) => rank(a.name) - rank(b.name))
  .map((k) => [k.name, k.plural] as const);
