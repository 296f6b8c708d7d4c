// Policy compliance of nonconformities and audit findings, as of a date (10.2): a certification
// body's nonconformity has its corrective action plan accepted, and its actions verified by the
// body, by the dates the body set. Judged while the NC is open: a closed record is final, so a date
// passed then is a fact of the past, not something anyone can still act on.
import { nc } from '../../kinds/index.js';
import { liveEntries } from '../../queries.js';
import { warn, type Rule } from '../rule.js';
import { POLICY_NC_PLAN_OVERDUE, POLICY_NC_VERIFICATION_OVERDUE } from '../rule-ids.js';

export const certificationDeadlines: Rule = (register, { asOf }) =>
  liveEntries(register, nc).flatMap((e) => {
    const c = e.data.certification;
    if (!c) return [];
    const id = e.data.id;
    const out = [];
    if (c.plan_accepted_on === undefined && c.plan_due < asOf)
      out.push(
        warn(
          e.file,
          POLICY_NC_PLAN_OVERDUE,
          ['certification', 'plan_due'],
          `${id}'s corrective action plan was due to ${c.body_ref ? `the certification body (${c.body_ref})` : 'the certification body'} by ${c.plan_due} and its acceptance is not recorded`,
          `send the plan, and record when the body accepted it: cim edit ${id} --set certification.plan_accepted_on=YYYY-MM-DD`,
        ),
      );
    if (c.verify_by !== undefined && c.verified_on === undefined && c.verify_by < asOf)
      out.push(
        warn(
          e.file,
          POLICY_NC_VERIFICATION_OVERDUE,
          ['certification', 'verify_by'],
          `${id} was to be verified by the certification body by ${c.verify_by}, and no verification is recorded`,
          `record when the body verified the corrective actions: cim edit ${id} --set certification.verified_on=YYYY-MM-DD`,
        ),
      );
    return out;
  });

export const NONCONFORMITY_COMPLIANCE: readonly Rule[] = [certificationDeadlines];
