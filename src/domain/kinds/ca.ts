import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, person, ref, text } from '../fields.js';

export const ca = defineKind({
  name: 'ca',
  title: 'Corrective action',
  plural: 'Corrective actions',
  prefix: 'CA',
  folder: 'actions',
  clause: '10.2',
  description: 'An action that removes the root cause of a nonconformity, and the review of its effectiveness',
  states: ['planned', 'in-progress', 'implemented', 'verified', 'cancelled'],
  meaning: {
    planned: { live: true, due: ['implementation'] },
    'in-progress': { live: true, due: ['implementation'] },
    implemented: { live: true },
    verified: { live: false, facts: ['reviewed'] },
    cancelled: { live: false, void: true },
  },
  deadlines: { implementation: { what: 'implementation', on: (r) => r.due } },
  fields: {
    nc: ref(['nc'], 'The nonconformity this action corrects'),
    action: text('What will be done'),
    addresses: text('The root cause this action removes').optional(),
    due: date('When it must be implemented'),
    started_on: date('When work started').optional(),
    implemented_on: date('When it was implemented').optional(),
    evidence: text('Evidence that it was implemented').optional(),
    effectiveness: z
      .strictObject({
        reviewed_on: date('When effectiveness was reviewed'),
        reviewed_by: person('Who reviewed it; not the action owner'),
        result: z.enum(['effective', 'ineffective']).describe('effective or ineffective'),
        evidence: text('What showed the result'),
      })
      .optional()
      .describe('The review of whether the action removed the cause'),
    cancelled: ended('cancelled').optional(),
  },
  transitions: [
    {
      verb: 'plan',
      from: [],
      to: 'planned',
      requires: ['title', 'nc', 'action', 'owner', 'due'],
      summary: 'Plan a corrective action',
    },
    { verb: 'start', from: ['planned'], to: 'in-progress', requires: ['started_on'], summary: 'Start work on it' },
    {
      verb: 'implement',
      from: ['in-progress'],
      to: 'implemented',
      requires: ['implemented_on', 'evidence'],
      summary: 'Record that it was implemented, with evidence',
    },
    {
      verb: 'review',
      from: ['implemented'],
      to: 'verified',
      requires: ['effectiveness'],
      summary: 'Review its effectiveness (by someone other than the owner)',
    },
    {
      verb: 'cancel',
      from: ['planned', 'in-progress'],
      to: 'cancelled',
      requires: ['cancelled'],
      summary: 'Cancel it, with a reason',
    },
  ],
  dateOrder: ['created', 'started_on', 'implemented_on', 'effectiveness.reviewed_on', 'cancelled.on'],
});
