// How a hint quotes the step a record still has to take (queries.ts finds the steps).
import type { Kind } from '../../kind.js';

/** The command that takes a step: `cim ca start CA-0001`, quoted as hints quote commands. */
export const stepCommand = (kind: Kind, verb: string, id: string): string => `\`cim ${kind.name} ${verb} ${id}\``;
