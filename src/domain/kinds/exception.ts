import { defineKind } from '../kind.js';
import { date, ended, line, person, text } from '../fields.js';
import { EXCEPTION_EXPIRED_EARLY, EXCEPTION_EXPIRY } from '../validate/rule-ids.js';

export const exception = defineKind({
  name: 'exception',
  title: 'Exception',
  plural: 'Policy exceptions',
  prefix: 'EXC',
  folder: 'exceptions',
  description: 'An approved, time-limited exception to a policy requirement, with compensating controls',
  states: ['requested', 'approved', 'rejected', 'revoked', 'expired'],
  meaning: {
    requested: { live: true, facts: ['awaiting-decision'] },
    approved: { live: true, due: ['expiry'], facts: ['in-force'] },
    rejected: { live: false, void: true },
    revoked: { live: false },
    expired: { live: false },
  },
  deadlines: { expiry: { what: 'expiry', on: (r) => r.expires_on } },
  fields: {
    policy: line('The policy the exception is to'),
    requirement: text('The requirement of that policy that will not be met'),
    justification: text('Why the exception is needed'),
    risk: text('The risk it creates'),
    compensating_controls: text('Controls that reduce that risk meanwhile'),
    requested_by: person('Who requested it'),
    requested_on: date('When it was requested'),
    approved_by: person('Who approved it').optional(),
    approved_on: date('When it was approved (or last renewed)').optional(),
    expires_on: date('When it expires; at most the maximum in cim.yaml after approval').optional(),
    rejected: ended('rejected').optional(),
    revoked: ended('revoked').optional(),
    expired_on: date('When it was recorded as expired').optional(),
  },
  transitions: [
    {
      verb: 'request',
      from: [],
      to: 'requested',
      requires: [
        'title',
        'policy',
        'requirement',
        'justification',
        'risk',
        'compensating_controls',
        'requested_by',
        'requested_on',
        'owner',
      ],
      summary: 'Request an exception',
    },
    {
      verb: 'approve',
      from: ['requested'],
      to: 'approved',
      requires: ['approved_by', 'approved_on', 'expires_on'],
      summary: 'Approve it until an expiry date',
    },
    {
      verb: 'renew',
      from: ['approved'],
      to: 'approved',
      requires: ['approved_by', 'approved_on', 'expires_on'],
      summary: 'Renew it with a new approval and expiry date',
    },
    {
      verb: 'reject',
      from: ['requested'],
      to: 'rejected',
      requires: ['rejected'],
      summary: 'Reject it, with a reason',
    },
    { verb: 'revoke', from: ['approved'], to: 'revoked', requires: ['revoked'], summary: 'Revoke it, with a reason' },
    {
      verb: 'expire',
      from: ['approved'],
      to: 'expired',
      requires: ['expired_on'],
      summary: 'Record that it expired, on or after its expiry date',
    },
  ],
  dateOrder: ['requested_on', 'approved_on', 'rejected.on', 'revoked.on', 'expired_on'],
  refine: (r, problem) => {
    if (r.approved_on !== undefined && r.expires_on !== undefined && r.expires_on <= r.approved_on) {
      problem(
        ['expires_on'],
        EXCEPTION_EXPIRY,
        `expires_on ${r.expires_on} is not after approved_on ${r.approved_on}`,
        'set expires_on to a date after approval',
      );
    }
    // Ending an exception before its expiry date is a decision, with a reason: a revocation.
    if (r.expired_on !== undefined && r.expires_on !== undefined && r.expired_on < r.expires_on) {
      const { id } = r as { id?: string }; // refine sees the whole record, common fields too
      problem(
        ['expired_on'],
        EXCEPTION_EXPIRED_EARLY,
        `${r.expired_on} is before expires_on ${r.expires_on}; an exception ended early is revoked, not expired`,
        `an exception ended before its expiry date is revoked, with a reason: \`cim exception revoke ${id ?? '<ID>'} --reason …\``,
      );
    }
  },
});
