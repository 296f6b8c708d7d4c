// Reviews: the policy reviewed on time, management reviews held at their cadence, and the actions
// they decided carried out.
import { CONFIG_FILE } from '../../config.js';
import { addMonths } from '../../dates.js';
import { ESCALATED_AFTER_REVIEWS, isOpenAction } from '../../kinds/mrt.js';
import { heldReviews } from '../../queries.js';
import { warn, type Rule } from '../rule.js';
import {
  POLICY_MRT_ACTION_OVERDUE,
  POLICY_MRT_ACTION_STALE,
  POLICY_MRT_OVERDUE,
  POLICY_REVIEW_OVERDUE,
} from '../rule-ids.js';

export const policyReview: Rule = (register, { asOf }) => {
  const { reviewed_on, review_interval_months } = register.config.policy;
  const due = addMonths(reviewed_on, review_interval_months);
  return due < asOf
    ? [
        warn(
          CONFIG_FILE,
          POLICY_REVIEW_OVERDUE,
          ['policy', 'reviewed_on'],
          `the policy was last reviewed on ${reviewed_on}; its review was due by ${due}`,
          'review the policy, then update policy.reviewed_on and its version history in cim.yaml',
        ),
      ]
    : [];
};

export const mrtCadence: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  const last = held.at(-1)?.data.held_on;
  const months = register.config.management_review.cadence_months;
  const due = addMonths(last ?? register.config.started_on, months);
  if (due >= asOf) return [];
  const since = last
    ? `the last was held on ${last}`
    : `none has been held since the register started on ${register.config.started_on}`;
  return [
    warn(
      CONFIG_FILE,
      POLICY_MRT_OVERDUE,
      ['management_review'],
      `a management review was due by ${due}: ${since}`,
      'hold one: `cim mrt schedule`, then `cim mrt hold`',
    ),
  ];
};

export const mrtActions: Rule = (register, { asOf }) => {
  const held = heldReviews(register);
  return held.flatMap((e, index) => {
    const later = held.length - index - 1;
    return (e.data.actions ?? []).flatMap((a, i) => {
      if (!isOpenAction(a)) return [];
      if (later >= ESCALATED_AFTER_REVIEWS) {
        return [
          warn(
            e.file,
            POLICY_MRT_ACTION_STALE,
            ['actions', i],
            `action ${a.ref} of ${e.data.id} is still open after ${later} later reviews`,
            `complete it and mark it done (\`cim mrt done ${e.data.id} ${a.ref} --evidence "…"\`), or have the next review decide what replaces it (\`cim mrt decide\`)`,
          ),
        ];
      }
      if (a.due < asOf)
        return [
          warn(
            e.file,
            POLICY_MRT_ACTION_OVERDUE,
            ['actions', i, 'due'],
            `action ${a.ref} of ${e.data.id} was due by ${a.due}`,
            `complete it and mark it done: \`cim mrt done ${e.data.id} ${a.ref} --on YYYY-MM-DD --evidence "…"\``,
          ),
        ];
      return [];
    });
  });
};
