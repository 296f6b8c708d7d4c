import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, person, raisedOrNone, requirements, text } from '../fields.js';

export const incident = defineKind({
  name: 'incident',
  title: 'Incident',
  plural: 'Incidents',
  prefix: 'INC',
  folder: 'incidents',
  description: 'An information security incident and the improvement decision it led to',
  states: ['reported', 'investigating', 'resolved', 'closed'],
  meaning: {
    reported: { live: true },
    investigating: { live: true },
    resolved: { live: true },
    closed: { live: false },
  },
  fields: {
    occurred_on: date('When it happened'),
    detected_on: date('When it was detected'),
    reported_by: person('Who reported it'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).describe('Severity: low, medium, high or critical'),
    impact: z
      .array(z.enum(['confidentiality', 'integrity', 'availability']).describe('A property affected'))
      .min(1, 'name at least one of confidentiality, integrity, availability')
      .describe('What was affected: confidentiality, integrity, availability'),
    description: text('What happened'),
    controls: requirements('Annex A controls involved').optional(),
    investigation: text('What the investigation found').optional(),
    resolution: text('How it was resolved').optional(),
    resolved_on: date('When it was resolved').optional(),
    lessons_learned: text('What was learned').optional(),
    improvement: raisedOrNone(['nc', 'ofi'], 'The NCs or OFIs raised from it, or none with a reason').optional(),
    closed_on: date('When it was closed').optional(),
  },
  transitions: [
    {
      verb: 'report',
      from: [],
      to: 'reported',
      requires: ['title', 'occurred_on', 'detected_on', 'reported_by', 'severity', 'impact', 'description', 'owner'],
      summary: 'Report an incident',
    },
    {
      verb: 'investigate',
      from: ['reported'],
      to: 'investigating',
      requires: [],
      offers: ['investigation'],
      summary: 'Start the investigation',
    },
    {
      verb: 'resolve',
      from: ['reported', 'investigating'],
      to: 'resolved',
      requires: ['resolution', 'resolved_on'],
      summary: 'Record how it was resolved',
    },
    {
      verb: 'close',
      from: ['resolved'],
      to: 'closed',
      requires: ['lessons_learned', 'improvement', 'closed_on'],
      summary: 'Close with lessons learned and the improvement decision',
    },
  ],
  dateOrder: ['occurred_on', 'detected_on', 'resolved_on', 'closed_on'],
});
