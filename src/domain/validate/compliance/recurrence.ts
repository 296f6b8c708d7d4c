// Recurrence: an NC raised again on a requirement an earlier NC was closed on.
import { requirementId } from '../../fields.js';
import { nc, type NcRecord } from '../../kinds/index.js';
import { countedEntries, isCompleted } from '../../queries.js';
import type { Entry } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import { POLICY_NC_RECURRENCE } from '../rule-ids.js';

/** An NC raised on a requirement after an earlier NC on it was closed, unless its analysis names it. */
export const recurrence: Rule = (register) => {
  const ncs = countedEntries(register, nc);
  const closedOn = new Map<string, Entry<NcRecord>[]>();
  for (const e of ncs) {
    if (!isCompleted(e.kind, e.data.status)) continue;
    for (const q of e.data.requirement.map(requirementId)) {
      if (!closedOn.has(q)) closedOn.set(q, []);
      closedOn.get(q)!.push(e);
    }
  }
  return ncs.flatMap((e) => {
    const acknowledged = new Set(e.data.analysis?.similar.refs ?? []);
    const earlier = e.data.requirement
      .map(requirementId)
      .flatMap((q) => (closedOn.get(q) ?? []).map((p) => ({ q, p })))
      .find(({ p }) => p !== e && p.data.closed_on! <= e.data.raised_on && !acknowledged.has(p.data.id));
    if (!earlier) return [];
    return [
      warn(
        e.file,
        POLICY_NC_RECURRENCE,
        ['requirement'],
        `${e.data.id} recurs on ${earlier.q} after ${earlier.p.data.id} was closed on ${earlier.p.data.closed_on}`,
        `consider why the earlier action did not prevent it, and list ${earlier.p.data.id} under analysis.similar.refs`,
      ),
    ];
  });
};
