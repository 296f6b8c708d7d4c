import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, person, ref, text } from '../fields.js';
import { source } from './source.js';
import { OFI_DECISION } from '../validate/rule-ids.js';

export const ofi = defineKind({
  name: 'ofi',
  title: 'Opportunity for improvement',
  plural: 'Opportunities for improvement',
  prefix: 'OFI',
  folder: 'improvements',
  clause: '10.1',
  description: 'A proposed improvement from an audit, incident, change, review or legal change, and its decision',
  states: ['proposed', 'accepted', 'rejected', 'implemented', 'closed'],
  meaning: {
    proposed: { live: true, facts: ['awaiting-decision'] },
    accepted: { live: true, due: ['implementation'], facts: ['accepted'] },
    rejected: { live: false, void: true },
    implemented: { live: true },
    closed: { live: false },
  },
  deadlines: { implementation: { what: 'implementation', on: (r) => r.due } },
  fields: {
    source: source('Where the opportunity was identified'),
    description: text('The improvement proposed'),
    benefit: text('What it would improve'),
    due: date('Target date for implementing it, once accepted').optional(),
    decision: z
      .strictObject({
        on: date('When it was decided'),
        in: ref(['mrt'], 'The management review that decided it').optional(),
        by: person('Who decided it, when not decided at a management review').optional(),
        reason: text('Why it was accepted or rejected').optional(),
      })
      .optional()
      .describe('The decision to accept or reject it'),
    implemented_on: date('When it was implemented').optional(),
    evidence: text('Evidence that it was implemented').optional(),
    closed_on: date('When it was closed').optional(),
  },
  transitions: [
    {
      verb: 'propose',
      from: [],
      to: 'proposed',
      requires: ['title', 'source', 'description', 'benefit', 'owner'],
      summary: 'Propose an improvement',
    },
    {
      verb: 'accept',
      from: ['proposed'],
      to: 'accepted',
      requires: ['decision', 'due'],
      summary: 'Accept it (at an MRT or by a person), with a target date for implementing it',
    },
    {
      verb: 'reject',
      from: ['proposed'],
      to: 'rejected',
      requires: ['decision', 'decision.reason'],
      summary: 'Reject it, with a reason',
    },
    {
      verb: 'implement',
      from: ['accepted'],
      to: 'implemented',
      requires: ['implemented_on', 'evidence'],
      summary: 'Record that it was implemented, with evidence',
    },
    { verb: 'close', from: ['implemented'], to: 'closed', requires: ['closed_on'], summary: 'Close it' },
  ],
  dateOrder: ['created', 'decision.on', 'implemented_on', 'closed_on'],
  refine: (r, problem) => {
    if (r.decision && r.decision.in === undefined && r.decision.by === undefined) {
      problem(
        ['decision'],
        OFI_DECISION,
        'the decision names neither the management review (in) nor the person (by) who made it',
        'add decision.in: MRT-NNNN or decision.by: a person id',
      );
    }
  },
});
