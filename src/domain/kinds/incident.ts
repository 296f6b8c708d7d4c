import { z } from 'zod';
import { defineKind } from '../kind.js';
import { date, line, person, raisedOrNone, requirements, text } from '../fields.js';

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
    classification: z
      .strictObject({
        as: z.enum(['event', 'incident']).describe('What the assessment decided it is: event or incident'),
        by: person('Who assessed and classified it'),
        on: date('When it was classified'),
      })
      .optional()
      .describe('The assessment of the event and the decision whether it is an incident (A.5.25)'),
    notifications: z
      .array(
        z.strictObject({
          party: line('Who must be told: a regulator, a client, the people affected'),
          due: date('By when they must be told'),
          sent_on: date('When they were told').optional(),
        }),
      )
      .optional()
      .describe('Notifications owed to authorities, clients or people affected, and when each was sent'),
    investigation: text('What the investigation found').optional(),
    contained_on: date('When it was contained: the harm stopped spreading').optional(),
    recovered_on: date('When the affected services or information were restored').optional(),
    resolution: text('How it was resolved').optional(),
    resolved_on: date('When it was resolved').optional(),
    lessons_learned: text('What was learned').optional(),
    improvement: raisedOrNone(
      ['nc', 'ofi'],
      'The NCs or OFIs raised from it, or none with a reason (for a high or critical incident, approved by someone other than the owner and presented at a management review)',
      { approval: true },
    ).optional(),
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
      requires: ['classification'],
      offers: ['investigation', 'contained_on'],
      summary: 'Classify it as an event or an incident, and start the investigation',
    },
    {
      verb: 'resolve',
      from: ['reported', 'investigating'],
      to: 'resolved',
      requires: ['resolution', 'resolved_on'],
      offers: ['classification', 'contained_on', 'recovered_on'],
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
  dateOrder: ['occurred_on', 'detected_on', 'contained_on', 'recovered_on', 'resolved_on', 'closed_on'],
});
