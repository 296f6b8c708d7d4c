// Deadlines the policy sets on records: an NC's correction and closure, a corrective action's
// implementation, an exception's expiry.
import { addDays } from '../../dates.js';
import { ca, exception, nc, type NcRecord } from '../../kinds/index.js';
import { entriesOf, type Register } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_CA_OVERDUE,
  POLICY_EXCEPTION_EXPIRED,
  POLICY_NC_OVERDUE,
  POLICY_NC_RESPONSE_OVERDUE,
} from '../rule-ids.js';

/** When an NC's correction and closure are due: its own dates, or the cim.yaml defaults by grade. */
export function ncDeadlines(register: Register, record: NcRecord): { respondBy: string; closeBy: string } {
  const d = register.config.deadlines[record.grade];
  return {
    respondBy: record.respond_by ?? addDays(record.raised_on, d.respond_days),
    closeBy: record.close_by ?? addDays(record.raised_on, d.close_days),
  };
}

const NC_DONE = ['closed', 'withdrawn'];

export const ncDeadlinesRule: Rule = (register, { asOf }) =>
  entriesOf(register, nc).flatMap((e) => {
    const r = e.data;
    if (NC_DONE.includes(r.status)) return [];
    const { respondBy, closeBy } = ncDeadlines(register, r);
    if (r.status === 'open' && respondBy < asOf) {
      return [
        warn(
          e.file,
          POLICY_NC_RESPONSE_OVERDUE,
          ['status'],
          `${r.id} was due a correction by ${respondBy} and has none`,
          `record the correction: \`cim nc correct ${r.id}\``,
        ),
      ];
    }
    if (closeBy < asOf) {
      return [
        warn(
          e.file,
          POLICY_NC_OVERDUE,
          ['status'],
          `${r.id} was due to close by ${closeBy} and is still ${r.status}`,
          `complete it, or agree a new close_by and record it (\`cim edit ${r.id} --set close_by=YYYY-MM-DD\`)`,
        ),
      ];
    }
    return [];
  });

export const caOverdue: Rule = (register, { asOf }) =>
  entriesOf(register, ca)
    .filter((e) => (e.data.status === 'planned' || e.data.status === 'in-progress') && e.data.due < asOf)
    .map((e) =>
      warn(
        e.file,
        POLICY_CA_OVERDUE,
        ['due'],
        `${e.data.id} was due by ${e.data.due} and is still ${e.data.status}`,
        e.data.status === 'planned'
          ? `start it (\`cim ca start ${e.data.id}\`) and implement it, or agree a new due date (\`cim edit ${e.data.id} --set due=YYYY-MM-DD\`)`
          : `implement it (\`cim ca implement ${e.data.id}\`), or agree a new due date (\`cim edit ${e.data.id} --set due=YYYY-MM-DD\`)`,
      ),
    );

export const exceptionExpiry: Rule = (register, { asOf }) =>
  entriesOf(register, exception)
    .filter((e) => e.data.status === 'approved' && e.data.expires_on !== undefined && e.data.expires_on < asOf)
    .map((e) =>
      warn(
        e.file,
        POLICY_EXCEPTION_EXPIRED,
        ['expires_on'],
        `${e.data.id} expired on ${e.data.expires_on} but is still approved`,
        `record its expiry (\`cim exception expire ${e.data.id}\`) or renew it`,
      ),
    );
