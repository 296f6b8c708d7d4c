import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, ended, person, ref, text } from '../fields.js';
import { CA_ADDRESSES, CA_EVIDENCE } from '../validate/rule-ids.js';
import { isPlaceholderCause, saysTooLittle } from '../validate/substance.js';

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
      requires: ['title', 'nc', 'action', 'addresses', 'owner', 'due'],
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
  refine: (fields, problem) => {
    // The schema refines the whole record: the common fields are there too.
    const r = fields as typeof fields & { readonly id: string };
    if (r.addresses !== undefined && isPlaceholderCause(r.addresses))
      problem(
        ['addresses'],
        CA_ADDRESSES,
        `${r.id} says it addresses "${r.addresses.trim()}", which names no cause it removes`,
        `name the root cause this action removes: --addresses "…" at cim ca plan, or cim edit ${r.id} --set addresses="…"`,
      );
    if (r.evidence !== undefined && saysTooLittle(r.evidence))
      problem(
        ['evidence'],
        CA_EVIDENCE,
        `${r.id}'s evidence of implementation "${r.evidence.trim()}" shows nothing an auditor could check`,
        'say what shows it was implemented (the change, the document, the record, and where): --evidence "…" at cim ca implement',
      );
    const review = r.effectiveness;
    if (review !== undefined && saysTooLittle(review.evidence))
      problem(
        ['effectiveness', 'evidence'],
        CA_EVIDENCE,
        `${r.id}'s effectiveness evidence "${review.evidence.trim()}" does not show that the cause was removed`,
        'say what showed the result (what was checked, over what period, what was found): --evidence "…" at cim ca review',
      );
  },
});
