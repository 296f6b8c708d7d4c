import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, person, refs, text } from '../fields.js';
import {
  MRT_ACTION_DONE,
  MRT_ACTION_REF,
  MRT_APPROVER,
  MRT_ATTENDEES,
  MRT_CONCLUSION,
  MRT_DECISIONS,
  MRT_INPUT_NOTES,
} from '../validate/rule-ids.js';
import { isPlaceholder, saysTooLittle } from '../validate/substance.js';

/** The fewest words a conclusion on the ISMS (9.3.3) can say it in. */
const CONCLUSION_WORDS = 6;

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

/**
 * How many later reviews an action may stay open across before it is escalated: named on the
 * agenda, and reported by `policy/mrt-action-stale`.
 */
export const ESCALATED_AFTER_REVIEWS = 2;

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
  /** The step that holds a review, which may record the meeting's decisions and actions too. */
  hold: { verb: 'hold' },
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
    (r.actions ?? []).filter(isOpenAction).map((a) => ({
      what: `action ${a.ref}`,
      title: a.text,
      on: a.due,
      owner: a.owner,
      next: {
        summary: 'Mark the action done, with what shows it was done',
        command: `cim ${REVIEW_STEPS.kind} ${REVIEW_STEPS.done.verb} ${r.id} ${a.ref} --evidence "…"`,
      },
    })),
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
    // The common fields are there too: the refinement runs on the whole record.
    const { id, status } = r as typeof r & { readonly id: string; readonly status: string };
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
      if (a.status === 'done' && (a.done_on === undefined || a.evidence === undefined || saysTooLittle(a.evidence))) {
        problem(
          ['actions', i, a.done_on === undefined ? 'done_on' : 'evidence'],
          MRT_ACTION_DONE,
          a.done_on === undefined
            ? `action ${a.ref} is done but has no done_on date`
            : a.evidence === undefined
              ? `action ${a.ref} is done but nothing records what shows it was done`
              : `action ${a.ref}'s evidence ("${a.evidence}") does not say what shows it was done`,
          `mark it done with its date and evidence: \`cim mrt done ${id} ${a.ref} --on YYYY-MM-DD --evidence "…"\``,
        );
      }
    });
    const members = new Set(r.members);
    r.attendees?.forEach((p, i) => {
      if (!members.has(p))
        problem(
          ['attendees', i],
          MRT_ATTENDEES,
          `${p} attended but is not a member of the review`,
          `list members who attended as attendees, and others as guests (--guests ${p})`,
        );
    });
    const attending = new Set(r.attendees ?? []);
    r.guests?.forEach((p, i) => {
      if (attending.has(p))
        problem(['guests', i], MRT_ATTENDEES, `${p} is listed both as an attendee and as a guest`, 'list them once');
    });
    for (const key of INPUT_KEYS) {
      const input = r.inputs?.[key];
      if (input && isPlaceholder(input.notes) && (input.items?.length ?? 0) > 0)
        problem(
          ['inputs', key, 'notes'],
          MRT_INPUT_NOTES,
          `the notes on input ${key} say "${input.notes}", yet ${input.items!.length === 1 ? 'a record was' : `${input.items!.length} records were`} presented under it`,
          `say what was presented and discussed on ${MRT_INPUTS[key].toLowerCase()}`,
        );
    }
    if (status !== 'approved') return;
    if (!r.decisions?.length)
      problem(
        ['decisions'],
        MRT_DECISIONS,
        `${id} is approved but records no decision; a review decides on improvement and any need for change (9.3.3)`,
        `record what was decided while it is held: \`cim mrt decide ${id} --type improvement --text "…"\``,
      );
    if (r.conclusion === undefined || saysTooLittle(r.conclusion, CONCLUSION_WORDS))
      problem(
        ['conclusion'],
        MRT_CONCLUSION,
        r.conclusion === undefined
          ? `${id} is approved without a conclusion on the ISMS`
          : `the conclusion ("${r.conclusion}") says too little to judge the ISMS by`,
        'approve with a conclusion on whether the ISMS remains suitable, adequate and effective, and why: --conclusion "…"',
      );
    if (r.approved_by !== undefined && r.attendees?.length === 1 && r.attendees[0] === r.approved_by)
      problem(
        ['approved_by'],
        MRT_APPROVER,
        `${r.approved_by} approved the minutes of a review only they attended`,
        'minutes are approved by someone else who attended, or the review is held with the members it needs',
      );
  },
});
