import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, raisedOrNone, ref, text } from '../fields.js';

export const objective = defineKind({
  name: 'objective',
  title: 'Objective',
  plural: 'Objectives',
  prefix: 'OBJ',
  folder: 'objectives',
  clause: '6.2',
  description: 'An information security objective, its measure and its periodic reviews',
  states: ['active', 'achieved', 'missed', 'retired'],
  meaning: {
    active: { live: true, due: ['target'] },
    achieved: { live: false },
    missed: { live: false },
    retired: { live: false },
  },
  deadlines: { target: { what: 'target date', on: (r) => r.due } },
  fields: {
    statement: text('The objective'),
    measure: text('How progress is measured'),
    target: text('The value that means achieved'),
    resources: text('Resources needed').optional(),
    due: date('When it is to be achieved'),
    evaluation: text('How and when results are evaluated'),
    review_interval_months: z
      .number()
      .int()
      .min(1, 'must be a whole number of months from 1 to 120')
      .max(120, 'must be a whole number of months from 1 to 120')
      .optional()
      .describe(
        'Months between progress reviews of this objective, when not objectives.review_interval_months in cim.yaml',
      ),
    reviews: z
      .array(
        z.strictObject({
          date: date('When it was reviewed'),
          result: text('The measured result'),
          on_track: z.boolean().describe('Whether it is on track'),
          notes: text('Notes').optional(),
          ofi: ref(['ofi'], 'An OFI the review identified').optional(),
        }),
      )
      .optional()
      .describe('Periodic reviews of progress'),
    concluded: z
      .strictObject({
        on: date('When it was concluded'),
        result: text('The final result against the target'),
      })
      .optional()
      .describe('Set when the objective is achieved or missed'),
    improvement: raisedOrNone(
      ['ofi', 'nc'],
      'For a missed objective: the OFIs or NCs raised to do better, or none with a reason',
    ).optional(),
    retired: ended('retired').optional(),
  },
  transitions: [
    {
      verb: 'set',
      from: [],
      to: 'active',
      requires: ['title', 'statement', 'measure', 'target', 'owner', 'due', 'evaluation'],
      summary: 'Set an objective',
    },
    { verb: 'review', from: ['active'], to: 'active', requires: ['reviews'], summary: 'Record a progress review' },
    {
      verb: 'achieve',
      from: ['active'],
      to: 'achieved',
      requires: ['concluded'],
      summary: 'Record that it was achieved',
    },
    {
      verb: 'miss',
      from: ['active'],
      to: 'missed',
      requires: ['concluded', 'improvement'],
      summary: 'Record that it was missed, and the improvement decision',
    },
    { verb: 'retire', from: ['active'], to: 'retired', requires: ['retired'], summary: 'Retire it, with a reason' },
  ],
  dateOrder: ['created', 'concluded.on', 'retired.on'],
});
