// Deadlines the policy sets on records: an NC's correction and closure, a corrective action's
// implementation, an exception's expiry. Each rule asks which of the kind's deadlines run in the
// record's state and have passed, so a state a kind adds is judged by what it declares.
import type { FieldDiagnostic } from '../../diagnostics.js';
import { ca, exception, nc, type CaRecord, type NcRecord } from '../../kinds/index.js';
import { EXTEND_STEP } from '../../kinds/nc.js';
import { passedDeadlines, stepsToMeet } from '../../queries.js';
import { entriesOf, type Entry } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_CA_OVERDUE,
  POLICY_EXCEPTION_EXPIRED,
  POLICY_NC_OVERDUE,
  POLICY_NC_RESPONSE_OVERDUE,
} from '../rule-ids.js';
import { stepCommand } from './steps.js';

/** The warning for each deadline of an NC, by the deadline's name in the kind. */
const NC_LATE: Readonly<Record<string, (e: Entry<NcRecord>, on: string) => FieldDiagnostic>> = {
  correction: (e, on) => {
    const [step] = stepsToMeet(e.kind, e.data.status, 'correction');
    return warn(
      e.file,
      POLICY_NC_RESPONSE_OVERDUE,
      ['status'],
      `${e.data.id} was due a correction by ${on} and has none`,
      step ? `record the correction: ${stepCommand(e.kind, step, e.data.id)}` : 'record the correction',
    );
  },
  closure: (e, on) =>
    warn(
      e.file,
      POLICY_NC_OVERDUE,
      ['status'],
      `${e.data.id} was due to close by ${on} and is still ${e.data.status}`,
      `complete it, or record an agreed extension (\`cim ${e.kind.name} ${EXTEND_STEP.verb} ${e.data.id} --to YYYY-MM-DD --reason "…" --approved-by <person>\`)`,
    ),
};

/** One warning per NC: its first deadline passed, in the order its state names them (the
 * correction before the closure), since that is the one to act on first. */
export const ncDeadlinesRule: Rule = (register, { asOf }) =>
  entriesOf(register, nc).flatMap((e) => {
    const late = passedDeadlines(register, e, asOf).find((d) => Object.hasOwn(NC_LATE, d.deadline));
    return late ? [NC_LATE[late.deadline]!(e, late.on)] : [];
  });

/** What to do about a corrective action past its due date: the steps left to implement it. */
function caHint(e: Entry<CaRecord>, deadline: string): string {
  const [first, ...rest] = stepsToMeet(e.kind, e.data.status, deadline);
  const renegotiate = `agree a new due date (\`cim edit ${e.data.id} --set due=YYYY-MM-DD\`)`;
  if (first === undefined) return renegotiate;
  const steps = `${first} it (${stepCommand(e.kind, first, e.data.id)})${rest.map((v) => ` and ${v} it`).join('')}`;
  return `${steps}, or ${renegotiate}`;
}

export const caOverdue: Rule = (register, { asOf }) =>
  entriesOf(register, ca).flatMap((e) =>
    passedDeadlines(register, e, asOf).map((d) =>
      warn(
        e.file,
        POLICY_CA_OVERDUE,
        ['due'],
        `${e.data.id} was due by ${d.on} and is still ${e.data.status}`,
        caHint(e, d.deadline),
      ),
    ),
  );

export const exceptionExpiry: Rule = (register, { asOf }) =>
  entriesOf(register, exception).flatMap((e) =>
    passedDeadlines(register, e, asOf).map((d) =>
      warn(
        e.file,
        POLICY_EXCEPTION_EXPIRED,
        ['expires_on'],
        `${e.data.id} expired on ${d.on} but is still ${e.data.status}`,
        `record its expiry (\`cim exception expire ${e.data.id}\`) or renew it`,
      ),
    ),
  );
