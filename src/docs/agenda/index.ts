// The agenda of a management review: one section per clause 9.3.2 input, each filled from what the
// register recorded since the previous held review. `cim mrt hold` starts its minutes from the
// same sections (their summaries and the records they list).
import { addMonths } from '../../domain/dates.js';
import type { Diagnostic } from '../../domain/diagnostics.js';
import type { Register } from '../../domain/register.js';
import { longDate, personName, prose } from '../format.js';
import { actionsSection } from './actions.js';
import { auditsSection } from './audits.js';
import { feedbackSection } from './feedback.js';
import { improvementsSection } from './improvements.js';
import { issuesSection } from './issues.js';
import { monitoringSection } from './monitoring.js';
import { nonconformitiesSection } from './nonconformities.js';
import { objectivesSection } from './objectives.js';
import { partiesSection } from './parties.js';
import { agendaPeriod, type Period } from './period.js';
import { risksSection } from './risks.js';
import type { AgendaSection } from './section.js';

export interface AgendaModel {
  readonly organisation: string;
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly scheduledOn: string;
  readonly owner: string;
  readonly members: string;
  readonly previous: string;
  readonly period: string;
  readonly asOf: string;
  readonly sections: readonly AgendaSection[];
  readonly other: readonly string[];
}

export function agendaModel(
  register: Register,
  id: string,
  asOf: string,
  diagnostics: readonly Diagnostic[],
): AgendaModel {
  const period = agendaPeriod(register, id, asOf);
  const { review, previous } = period;
  // The sections read the register as the period sees it: what ended before it started is left out.
  const records = period.register;
  const name = (p: string | undefined) => personName(register, p);
  return {
    organisation: register.config.organisation,
    id: review.data.id,
    title: review.data.title,
    status: review.data.status,
    scheduledOn: longDate(review.data.scheduled_on),
    owner: name(review.data.owner),
    members: prose(review.data.members.map(name)),
    previous: previous ? `${previous.data.id}, held on ${longDate(previous.data.held_on)}` : 'none held yet',
    period: period.covers,
    asOf: longDate(asOf),
    sections: [
      actionsSection(records, period),
      issuesSection(records, period),
      partiesSection(records, period),
      nonconformitiesSection(records, period),
      monitoringSection(records, period, diagnostics),
      auditsSection(records, period),
      objectivesSection(records, period),
      feedbackSection(records, period),
      risksSection(records, period),
      improvementsSection(records, period),
    ],
    other: otherBusiness(register, period),
  };
}

/** Other business: when the policy is next due for review, and when the review after this one is. */
function otherBusiness(register: Register, { end, nextReview }: Period): string[] {
  const { policy } = register.config;
  const policyDue = addMonths(policy.reviewed_on, policy.review_interval_months);
  return [
    policyDue <= nextReview
      ? `The ${policy.title} (version ${policy.version}) is due for review by ${longDate(policyDue)}${policyDue < end ? ' and is overdue' : ''}.`
      : `The ${policy.title} (version ${policy.version}) is next due for review by ${longDate(policyDue)}.`,
    `The review after this one is due by ${longDate(nextReview)}.`,
  ];
}
