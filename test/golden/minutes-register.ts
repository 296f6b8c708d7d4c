// The register the minutes of MRT-0002 are made from, for the golden file beside this one and the
// tests of the minutes: two reviews held (the first approved), one scheduled, one cancelled, and
// nonconformities across both periods with their corrective actions.
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

/** The date the golden minutes are prepared as of. */
export const MINUTES_AS_OF = '2026-06-30';

const CONFIG = {
  ...BASE_CONFIG,
  people: [...BASE_CONFIG.people, { id: 'dana', name: 'Dana Example', roles: ['internal-auditor'], areas: [] }],
};

const notes = (text: string, items?: string[]) => ({ notes: text, ...(items ? { items } : {}) });

const correction = (date: string) => ({
  action: 'Access of leavers was revoked the same day.',
  consequences: 'No access was used after the person left.',
  date,
});

const analysis = (date: string, category?: string) => ({
  method: '5-whys',
  root_cause: 'The leaver checklist had no step for the ticketing system.',
  ...(category ? { category } : {}),
  similar: { exist: false, could_occur: true, notes: 'Any system outside single sign-on.' },
  date,
});

const verified = (nc: string, implemented: string, reviewed: string) => ({
  nc,
  status: 'verified',
  started_on: implemented,
  implemented_on: implemented,
  evidence: 'Checklist version 2 in the HR folder.',
  effectiveness: {
    reviewed_on: reviewed,
    reviewed_by: 'carol',
    result: 'effective',
    evidence: 'Three leavers since, each removed from every system on the day.',
  },
});

const dated = (on: string) => ({ created: on, raised_on: on });

/** The records, and a cim.yaml with a fourth person who comes as a guest. */
export function minutesFiles(overrides: { mrt2?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    'cim.yaml': CONFIG,
    ...r.files(
      r.heldMrt({
        title: 'Management review 2025',
        scheduled_on: '2025-09-01',
        held_on: '2025-09-01',
        created: '2025-08-01',
        status: 'approved',
        items: ['NC-0001'],
        decisions: [{ type: 'improvement', text: 'Extend the leaver checklist to every system.' }],
        actions: [
          {
            ref: 'A1',
            text: 'Review the leaver checklist with HR.',
            owner: 'alice',
            due: '2025-10-31',
            status: 'done',
            done_on: '2025-10-20',
            evidence: 'Checklist version 2 agreed with HR on 20 October.',
          },
        ],
        conclusion: 'The ISMS remains suitable, adequate and effective for the services in scope.',
        approved_by: 'carol',
        approved_on: '2025-09-08',
      }),
      r.heldMrt(
        {
          title: 'Management review H1 2026',
          scheduled_on: '2026-03-02',
          held_on: '2026-03-02',
          created: '2026-02-01',
          members: ['alice', 'bob', 'carol'],
          attendees: ['alice', 'carol'],
          guests: ['dana'],
          inputs: {
            ...r.ALL_INPUTS,
            a: notes('The one action of the last review was done: the checklist was agreed with HR.'),
            d1: notes('Two nonconformities were raised; the leaver checklist worked.', ['NC-0002', 'NC-0003']),
          },
          items: ['NC-0002', 'NC-0003'],
          decisions: [
            { type: 'improvement', text: 'Back up the ticketing system like the other systems.' },
            { type: 'resource', text: 'Two days of IT time for the backup work.' },
          ],
          actions: [
            {
              ref: 'A1',
              text: 'Add the ticketing system to the backups.',
              owner: 'alice',
              due: '2026-04-30',
              status: 'open',
            },
            {
              ref: 'A2',
              text: 'Brief the HR team on the new checklist.',
              owner: 'bob',
              due: '2026-04-15',
              status: 'done',
              done_on: '2026-04-10',
              evidence: 'Briefing notes of 10 April in the HR folder.',
            },
            {
              ref: 'A3',
              text: 'Test a restore of the ticketing system.',
              owner: 'alice',
              due: '2026-09-30',
              status: 'open',
            },
          ],
          ...overrides.mrt2,
        },
        'MRT-0002',
      ),
      r.mrt({ title: 'Management review H2 2026', scheduled_on: '2026-09-01', created: '2026-03-10' }, 'MRT-0003'),
      r.mrt(
        {
          title: 'Extra review',
          scheduled_on: '2026-05-01',
          created: '2026-03-10',
          status: 'cancelled',
          cancelled: { on: '2026-04-01', reason: 'Merged into the H2 review.' },
        },
        'MRT-0004',
      ),
      r.nc(
        {
          ...dated('2025-03-10'),
          title: 'Leaver kept ticketing access',
          status: 'closed',
          correction: correction('2025-03-11'),
          analysis: analysis('2025-03-20', 'process'),
          action_required: true,
          reviewed_in: 'MRT-0001',
          closed_by: 'carol',
          closed_on: '2025-09-05',
        },
        'NC-0001',
      ),
      r.ca({ ...verified('NC-0001', '2025-04-01', '2025-06-01'), created: '2025-03-20' }, 'CA-0001'),
      r.nc(
        {
          ...dated('2025-10-15'),
          title: 'HR access review late',
          requirement: ['9.2'],
          area: 'hr',
          owner: 'bob',
          status: 'closed',
          correction: correction('2025-10-16'),
          analysis: analysis('2025-10-25', 'people'),
          action_required: true,
          reviewed_in: 'MRT-0002',
          closed_by: 'carol',
          closed_on: '2026-03-05',
        },
        'NC-0002',
      ),
      r.ca({ ...verified('NC-0002', '2025-11-01', '2026-02-20'), owner: 'bob', created: '2025-10-25' }, 'CA-0002'),
      r.nc(
        {
          ...dated('2026-01-20'),
          title: 'Ticketing system not backed up',
          grade: 'major',
          source: { type: 'incident', ref: 'INC-0001' },
          requirement: ['A.8.13', '7.5'],
        },
        'NC-0003',
      ),
      r.incident({
        title: 'Ticket history lost',
        occurred_on: '2026-01-18',
        detected_on: '2026-01-19',
        created: '2026-01-19',
      }),
      r.nc(
        {
          ...dated('2026-02-10'),
          title: 'Raised in error',
          status: 'withdrawn',
          withdrawn: { on: '2026-02-11', reason: 'The same finding as NC-0003.', approved_by: 'carol' },
        },
        'NC-0004',
      ),
    ),
  };
}
