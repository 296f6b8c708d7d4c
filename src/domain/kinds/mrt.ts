import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, person, refs, text } from '../fields.js';
import { MRT_ACTION_DONE, MRT_ACTION_REF } from '../validate/rule-ids.js';

/** An action a management review decided that is not yet done. */
export const isOpenAction = (action: { readonly status: string }): boolean => action.status === 'open';

/** An action a management review decided that was done. */
export const isDoneAction = (action: { readonly status: string }): boolean => action.status === 'done';

/** Clause 9.3.2 inputs, in the standard's order, with what each covers. */
export const MRT_INPUTS = {
  a: 'Status of actions from previous management reviews',
  b: 'Changes in external and internal issues relevant to the ISMS',
  c: 'Changes in needs and expectations of interested parties relevant to the ISMS',
  d1: 'Nonconformities and corrective actions',
  d2: 'Monitoring and measurement results',
  d3: 'Audit results',
  d4: 'Fulfilment of information security objectives',
  e: 'Feedback from interested parties',
  f: 'Results of risk assessment and status of the risk treatment plan',
  g: 'Opportunities for continual improvement',
} as const;

export type MrtInput = keyof typeof MRT_INPUTS;

/** What a review decides, each of its decisions one of these (9.3.3). */
export const DECISION_TYPES = ['improvement', 'change', 'resource', 'objective'] as const;

/**
 * Steps outside the lifecycle table that record what a review produced, each keeping the review
 * in its state: a decision or an action added while the review is held, and an action marked
 * done — also once the minutes are approved, the one change approved minutes accept.
 */
export const REVIEW_STEPS = {
  kind: 'mrt',
  decide: { verb: 'decide', from: ['held'], field: 'decisions' },
  action: { verb: 'action', from: ['held'], field: 'actions' },
  done: { verb: 'done', from: ['held', 'approved'], field: 'actions' },
} as const;
const INPUT_KEYS = Object.keys(MRT_INPUTS) as MrtInput[];

const input = (key: MrtInput) =>
  z
    .strictObject({
      notes: text('What was presented and discussed'),
      items: refs([], 'Records presented under this input').optional(),
    })
    .optional()
    .describe(`9.3.2 ${key}: ${MRT_INPUTS[key]}`);

export const mrt = defineKind({
  name: 'mrt',
  title: 'Management review',
  plural: 'Management reviews',
  prefix: 'MRT',
  folder: 'reviews',
  clause: '9.3',
  description: 'A Management Review Team meeting: its inputs (9.3.2 a–g), decisions and actions',
  states: ['scheduled', 'held', 'approved', 'cancelled'],
  meaning: {
    scheduled: { live: true, due: ['meeting'], facts: ['upcoming'] },
    held: { live: true, facts: ['held'] },
    approved: { live: false, facts: ['held'] },
    cancelled: { live: false, void: true },
  },
  deadlines: { meeting: { what: 'meeting', on: (r) => r.scheduled_on } },
  itemsDue: (r) =>
    (r.actions ?? [])
      .filter(isOpenAction)
      .map((a) => ({ what: `action ${a.ref}`, title: a.text, on: a.due, owner: a.owner })),
  fields: {
    scheduled_on: date('When the review is scheduled'),
    members: z.array(person('A member')).min(1, 'name at least one member').describe('Members invited'),
    held_on: date('When it was held').optional(),
    attendees: z.array(person('An attendee')).min(1).optional().describe('Members who attended'),
    guests: z
      .array(person('A guest'))
      .min(1)
      .optional()
      .describe('Others who attended and are not members: advisers, auditors, presenters'),
    inputs: z
      .strictObject(
        Object.fromEntries(INPUT_KEYS.map((k) => [k, input(k)])) as Record<MrtInput, ReturnType<typeof input>>,
      )
      .optional()
      .describe('The clause 9.3.2 inputs considered, each with notes'),
    items: refs([], 'Records presented: NCs reported, audits reviewed, OFIs decided').optional(),
    decisions: z
      .array(
        z.strictObject({
          text: text('The decision'),
          type: z.enum(DECISION_TYPES).describe('improvement, change, resource or objective'),
        }),
      )
      .optional()
      .describe('Decisions on improvement and any need for change (9.3.3)'),
    actions: z
      .array(
        z.strictObject({
          ref: z
            .string()
            .regex(/^A[1-9]\d*$/, 'must be A1, A2, …')
            .describe('Action reference: A1, A2, …'),
          text: text('What is to be done'),
          owner: person('Who does it'),
          due: date('When it is due'),
          status: z.enum(['open', 'done']).describe('open or done'),
          done_on: date('When it was done').optional(),
          evidence: text('What shows it was done: a record, a document, a result').optional(),
        }),
      )
      .optional()
      .describe('Actions agreed; open ones are carried into the next agenda'),
    conclusion: text(
      'The conclusion on the continuing suitability, adequacy and effectiveness of the ISMS (9.3.3)',
    ).optional(),
    approved_by: person('Who approved the minutes').optional(),
    approved_on: date('When the minutes were approved').optional(),
    cancelled: ended('cancelled').optional(),
  },
  transitions: [
    {
      verb: 'schedule',
      from: [],
      to: 'scheduled',
      requires: ['title', 'scheduled_on', 'members', 'owner'],
      summary: 'Schedule a management review',
    },
    {
      verb: 'hold',
      from: ['scheduled'],
      to: 'held',
      requires: ['held_on', 'attendees', ...INPUT_KEYS.map((k) => `inputs.${k}`)],
      offers: ['guests', 'items'],
      summary: 'Record the meeting: attendees and every 9.3.2 input',
      startsFrom: 'agenda',
    },
    {
      verb: 'approve',
      from: ['held'],
      to: 'approved',
      requires: ['conclusion', 'approved_by', 'approved_on'],
      summary: 'Approve the minutes, with the conclusion on the ISMS (9.3.3)',
    },
    {
      verb: 'cancel',
      from: ['scheduled'],
      to: 'cancelled',
      requires: ['cancelled'],
      summary: 'Cancel it, with a reason',
    },
  ],
  dateOrder: ['created', 'held_on', 'approved_on', 'cancelled.on'],
  refine: (r, problem) => {
    const seen = new Set<string>();
    r.actions?.forEach((a, i) => {
      if (seen.has(a.ref)) {
        problem(
          ['actions', i, 'ref'],
          MRT_ACTION_REF,
          `action ${a.ref} appears twice`,
          'number actions A1, A2, … once each',
        );
      }
      seen.add(a.ref);
      if (a.status === 'done' && a.done_on === undefined) {
        problem(
          ['actions', i, 'done_on'],
          MRT_ACTION_DONE,
          `action ${a.ref} is done but has no done_on date`,
          'add done_on: the date it was completed',
        );
      }
    });
  },
});
