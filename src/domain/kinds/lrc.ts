import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, line, raisedOrNone, text } from '../fields.js';

export const lrc = defineKind({
  name: 'lrc',
  title: 'Legal, regulatory or standards change',
  plural: 'Legal, regulatory and standards changes',
  prefix: 'LRC',
  folder: 'requirements',
  description: 'A change in law, regulation, standard or contract, assessed for its effect on the ISMS',
  states: ['identified', 'assessed', 'closed'],
  meaning: {
    identified: { live: true },
    assessed: { live: true },
    closed: { live: false },
  },
  fields: {
    source_type: z
      .enum(['law', 'regulation', 'standard', 'contract'])
      .describe('law, regulation, standard or contract'),
    reference: line('The instrument and section changed'),
    effective_on: date('When the change takes effect').optional(),
    identified_on: date('When it was identified'),
    assessment: text('Its effect on the ISMS').optional(),
    assessed_on: date('When it was assessed').optional(),
    outcome: raisedOrNone(['change', 'ofi'], 'The changes or OFIs raised, or none with a reason').optional(),
    closed_on: date('When it was closed').optional(),
  },
  transitions: [
    {
      verb: 'identify',
      from: [],
      to: 'identified',
      requires: ['title', 'source_type', 'reference', 'identified_on', 'owner'],
      summary: 'Record a legal, regulatory or standards change',
    },
    {
      verb: 'assess',
      from: ['identified'],
      to: 'assessed',
      requires: ['assessment', 'assessed_on'],
      summary: 'Assess its effect on the ISMS',
    },
    {
      verb: 'close',
      from: ['assessed'],
      to: 'closed',
      requires: ['outcome', 'closed_on'],
      summary: 'Close with the changes or OFIs it led to',
    },
  ],
  dateOrder: ['identified_on', 'assessed_on', 'closed_on'],
});
