// Corrective actions: each is reviewed independently and not too early, and an NC's state has the
// actions it needs.
import type { Path } from '../../diagnostics.js';
import { addDays } from '../../dates.js';
import { ca, nc, type CaRecord } from '../../kinds/index.js';
import type { Kind } from '../../kind.js';
import { hasFact, isVoid } from '../../queries.js';
import { entriesOf, type Entry, type Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import { CA_REVIEW_TOO_EARLY, INDEPENDENCE_CA_REVIEWER, NC_ACTIONS } from '../rule-ids.js';

/**
 * The effectiveness review is independent of the action's owner (and, for a major NC, of the NC's
 * owner too) and comes after the minimum wait.
 */
export function reviewProblems(
  register: Register,
  record: CaRecord,
): { rule: string; path: Path; message: string; hint: string }[] {
  const review = record.effectiveness;
  if (!review) return [];
  const out = [];
  if (review.reviewed_by === record.owner) {
    out.push({
      rule: INDEPENDENCE_CA_REVIEWER,
      path: ['effectiveness', 'reviewed_by'],
      message: `the effectiveness of ${record.id} is reviewed by its own owner ${record.owner}`,
      hint: 'have someone other than the action owner review its effectiveness',
    });
  }
  const target = register.byId.get(record.nc);
  const ncRecord = target?.kind === nc ? (target.data as { grade?: string; owner: string }) : undefined;
  if (ncRecord?.grade === 'major' && review.reviewed_by === ncRecord.owner && review.reviewed_by !== record.owner) {
    out.push({
      rule: INDEPENDENCE_CA_REVIEWER,
      path: ['effectiveness', 'reviewed_by'],
      message: `the effectiveness of ${record.id} is reviewed by ${ncRecord.owner}, the owner of the major nonconformity ${record.nc} it corrects`,
      hint: 'a major nonconformity needs a review independent of those who own it: have someone other than the NC and action owners review it',
    });
  }
  const min = register.config.corrective_actions.effectiveness_review_min_days;
  if (record.implemented_on && review.reviewed_on < addDays(record.implemented_on, min)) {
    out.push({
      rule: CA_REVIEW_TOO_EARLY,
      path: ['effectiveness', 'reviewed_on'],
      message: `effectiveness reviewed on ${review.reviewed_on}, less than ${min} days after implementation on ${record.implemented_on}`,
      hint: `review effectiveness on or after ${addDays(record.implemented_on, min)} (corrective_actions.effectiveness_review_min_days in cim.yaml)`,
    });
  }
  return out;
}

export const caReviews: Rule = (register) =>
  entriesOf(register, ca).flatMap((e) =>
    reviewProblems(register, e.data).map((p) => error(e, p.rule, p.path, p.message, p.hint)),
  );

/** The corrective actions of each NC, by NC id. */
export function actionsByNc(register: Register): Map<string, Entry<CaRecord>[]> {
  const map = new Map<string, Entry<CaRecord>[]>();
  for (const e of entriesOf(register, ca)) {
    if (!map.has(e.data.nc)) map.set(e.data.nc, []);
    map.get(e.data.nc)!.push(e);
  }
  return map;
}

/**
 * Why an NC does not have the actions its state needs: a state with actions planned needs a live
 * (not cancelled) action; a state with actions reviewed needs every live action reviewed, at least
 * one effective, and any ineffective one answered by reopening the analysis.
 */
export function ncActionProblems(
  ncEntry: {
    kind: Kind;
    data: { id: string; status: string; action_required?: boolean; reopened?: { on: string }[] };
  },
  actions: readonly Entry<CaRecord>[],
  asOf: string,
): string[] {
  const { kind, data: ncRecord } = ncEntry;
  if (ncRecord.action_required === false) return [];
  const live = actions.filter((a) => !isVoid(a.kind, a.data.status));
  if (hasFact(kind, ncRecord.status, 'actions-planned') && live.length === 0) {
    return [`${ncRecord.id} is ${ncRecord.status} but has no corrective action`];
  }
  if (!hasFact(kind, ncRecord.status, 'actions-reviewed')) return [];
  const reviewed = (a: Entry<CaRecord>) => hasFact(a.kind, a.data.status, 'reviewed');
  const out: string[] = [];
  const pending = live.filter((a) => !reviewed(a)).map((a) => a.data.id);
  if (pending.length)
    out.push(
      `${ncRecord.id} is ${ncRecord.status} but ${pending.join(', ')} ${pending.length > 1 ? 'are' : 'is'} not yet reviewed for effectiveness`,
    );
  // A review dated after the day the NC is judged on has not happened yet: it verifies nothing.
  const ahead = live.filter((a) => reviewed(a) && (a.data.effectiveness?.reviewed_on ?? '') > asOf);
  if (ahead.length)
    out.push(
      `${ncRecord.id} is ${ncRecord.status} on the strength of ${ahead.map((a) => `${a.data.id}'s review dated ${a.data.effectiveness!.reviewed_on}`).join(', ')}, which has not happened yet`,
    );
  const verified = live.filter((a) => reviewed(a) && !ahead.includes(a));
  if (verified.length > 0 && !verified.some((a) => a.data.effectiveness?.result === 'effective')) {
    out.push(`${ncRecord.id} is ${ncRecord.status} but none of its corrective actions was reviewed as effective`);
  }
  const lastReopen = ncRecord.reopened
    ?.map((r) => r.on)
    .sort()
    .at(-1);
  for (const a of verified) {
    const r = a.data.effectiveness;
    if (r?.result === 'ineffective' && !(lastReopen && lastReopen >= r.reviewed_on)) {
      out.push(
        `${a.data.id} was reviewed as ineffective on ${r.reviewed_on} but ${ncRecord.id} was not reopened after it`,
      );
    }
  }
  return out;
}

export const ncActions: Rule = (register, { asOf }) => {
  const byNc = actionsByNc(register);
  return entriesOf(register, nc).flatMap((e) =>
    ncActionProblems(e, byNc.get(e.data.id) ?? [], asOf).map((m) =>
      error(
        e,
        NC_ACTIONS,
        ['status'],
        m,
        `plan and complete corrective actions (\`cim ca plan --nc ${e.data.id}\`), or reopen the analysis (\`cim nc reopen ${e.data.id}\`)`,
      ),
    ),
  );
};
