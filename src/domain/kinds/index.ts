// Every record kind, in the order documents and listings present them.
import type { Kind } from '../kind.js';
import { audit } from './audit.js';
import { ca } from './ca.js';
import { change } from './change.js';
import { exception } from './exception.js';
import { incident } from './incident.js';
import { lrc } from './lrc.js';
import { mrt } from './mrt.js';
import { nc } from './nc.js';
import { objective } from './objective.js';
import { ofi } from './ofi.js';

export { audit, ca, change, exception, incident, lrc, mrt, nc, objective, ofi };

export const KINDS: readonly Kind[] = [audit, nc, ca, ofi, incident, change, mrt, objective, lrc, exception];

/** Finds a kind by short name (`nc`), prefix (`NC`), folder (`nonconformities`) or title. */
export function findKind(name: string): Kind | undefined {
  const n = name.toLowerCase();
  return KINDS.find(
    (k) => k.name === n || k.prefix.toLowerCase() === n || k.folder === n || k.title.toLowerCase() === n,
  );
}

import type { RecordOf } from '../kind.js';
export type AuditRecord = RecordOf<typeof audit>;
export type NcRecord = RecordOf<typeof nc>;
export type CaRecord = RecordOf<typeof ca>;
export type OfiRecord = RecordOf<typeof ofi>;
export type IncidentRecord = RecordOf<typeof incident>;
export type ChangeRecord = RecordOf<typeof change>;
export type MrtRecord = RecordOf<typeof mrt>;
export type ObjectiveRecord = RecordOf<typeof objective>;
export type LrcRecord = RecordOf<typeof lrc>;
export type ExceptionRecord = RecordOf<typeof exception>;
