import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, person, raisedOrNone, riskRefs, text } from '../fields.js';

export const change = defineKind({
  name: 'change',
  title: 'Change',
  plural: 'Changes',
  prefix: 'CHG',
  folder: 'changes',
  clause: '6.3',
  description: 'A planned change to the ISMS, reviewed after implementation for improvement',
  states: ['proposed', 'approved', 'implemented', 'reviewed', 'rejected'],
  meaning: {
    proposed: { live: true, facts: ['awaiting-decision', 'in-hand'] },
    approved: { live: true, facts: ['in-hand'] },
    implemented: { live: true },
    reviewed: { live: false },
    rejected: { live: false, void: true },
  },
  fields: {
    scope: z
      .enum(['isms', 'policy', 'process', 'technology', 'organisation'])
      .describe('What changes: isms, policy, process, technology or organisation'),
    description: text('The change'),
    reason: text('Why it is needed'),
    consequences: text('Its potential consequences and how they are handled'),
    resources: text('Resources it needs'),
    responsible: person('Who carries it out'),
    risk_refs: riskRefs(),
    planned_on: date('When it is planned').optional(),
    approved_by: person('Who approved it').optional(),
    approved_on: date('When it was approved').optional(),
    implemented_on: date('When it was implemented').optional(),
    review: z
      .strictObject({
        on: date('When the post-implementation review took place'),
        by: person('Who reviewed it'),
        notes: text('What the review found'),
      })
      .optional()
      .describe('The post-implementation review'),
    improvement: raisedOrNone(
      ['ofi', 'nc'],
      'The OFIs (or NCs) the review identified, or none with a reason',
    ).optional(),
    rejected: ended('rejected').optional(),
  },
  transitions: [
    {
      verb: 'propose',
      from: [],
      to: 'proposed',
      requires: ['title', 'scope', 'description', 'reason', 'consequences', 'resources', 'responsible', 'owner'],
      summary: 'Propose a change',
    },
    {
      verb: 'approve',
      from: ['proposed'],
      to: 'approved',
      requires: ['approved_by', 'approved_on'],
      summary: 'Approve it',
    },
    {
      verb: 'implement',
      from: ['approved'],
      to: 'implemented',
      requires: ['implemented_on'],
      summary: 'Record that it was implemented',
    },
    {
      verb: 'review',
      from: ['implemented'],
      to: 'reviewed',
      requires: ['review', 'improvement'],
      summary: 'Post-implementation review, with the improvements it identified',
    },
    { verb: 'reject', from: ['proposed'], to: 'rejected', requires: ['rejected'], summary: 'Reject it, with a reason' },
  ],
  dateOrder: ['created', 'approved_on', 'implemented_on', 'review.on', 'rejected.on'],
});
