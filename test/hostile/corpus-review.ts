// Hostile-corpus cases for the management-review loop: decisions and actions given in a shape cim
// cannot read, an action marked done that does not exist or with nothing to show for it, and
// minutes approved by hand without a decision or a conclusion.
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
// Only types are taken from corpus.ts: it imports this file, so its constants are not yet set when
// this one runs.
import type { HostileCase } from './corpus.js';

const TODAY = { CIM_TODAY: '2026-06-30' };
const HELD = {
  'reviews/MRT-0001.yaml': stringify(
    r.heldMrt({
      held_on: '2026-06-01',
      scheduled_on: '2026-06-01',
      created: '2026-05-01',
      actions: [{ ref: 'A1', text: 'Write the procedure.', owner: 'alice', due: '2026-09-30', status: 'open' }],
    })[1],
  ),
};
const SCHEDULED = {
  'reviews/MRT-0001.yaml': stringify(r.mrt({ scheduled_on: '2026-06-01', created: '2026-05-01' })[1]),
};
const NOTES = ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'].flatMap((k) => [
  `--${k}-notes`,
  `Discussed input ${k} with the figures.`,
]);
const HOLD = ['mrt', 'hold', 'MRT-0001', '--attendees', 'alice,carol', '--held-on', '2026-06-01', ...NOTES];
const APPROVED_BARE = stringify(
  r.heldMrt({
    status: 'approved',
    held_on: '2026-06-01',
    scheduled_on: '2026-06-01',
    created: '2026-05-01',
    approved_by: 'carol',
    approved_on: '2026-06-05',
  })[1],
);

export const REVIEW_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'what a review produced, given in a shape cim cannot read': [
    {
      name: 'a --decision with no type',
      files: SCHEDULED,
      env: TODAY,
      args: [...HOLD, '--decision', 'Buy a bigger server'],
      code: 2,
      says: ['--decision "Buy a bigger server" does not start with its type', '"<type>: <what was decided>"'],
    },
    {
      name: 'a --decision of a type there is none of',
      files: SCHEDULED,
      env: TODAY,
      args: [...HOLD, '--decision', 'whim: Buy a bigger server'],
      code: 2,
      says: ['--type whim is not a kind of decision', 'improvement, change, resource, objective'],
    },
    {
      name: 'an --action with no owner or due date',
      files: SCHEDULED,
      env: TODAY,
      args: [...HOLD, '--action', 'Write the procedure'],
      code: 2,
      says: ['does not start with its owner and due date'],
    },
    {
      name: 'an --action due on a day that does not exist',
      files: SCHEDULED,
      env: TODAY,
      args: [...HOLD, '--action', 'alice 2026-02-30: Write the procedure'],
      code: 2,
      says: ['due 2026-02-30 is not a date'],
    },
    {
      name: 'an --action owned by someone cim.yaml does not know',
      files: SCHEDULED,
      env: TODAY,
      args: [...HOLD, '--action', 'mallory 2026-09-30: Write the procedure'],
      code: 1,
      says: ['mallory'],
    },
    {
      name: 'cim mrt decide with no --type, off a terminal',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'decide', 'MRT-0001', '--text', 'Buy a bigger server.'],
      code: 2,
      says: ['missing --type', 'cim mrt decide --help'],
    },
    {
      name: 'cim mrt decide on a review not yet held',
      files: SCHEDULED,
      env: TODAY,
      args: ['mrt', 'decide', 'MRT-0001', '--type', 'resource', '--text', 'Buy a bigger server.'],
      code: 1,
      says: ['MRT-0001 is scheduled', 'cim mrt hold MRT-0001'],
    },
    {
      name: 'cim mrt decide on a nonconformity',
      env: TODAY,
      args: ['mrt', 'decide', 'NC-0001', '--type', 'resource', '--text', 'Buy a bigger server.'],
      code: 2,
      says: ['NC-0001'],
    },
  ],
  'actions marked done that cannot be': [
    {
      name: 'an action the review does not have',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'done', 'MRT-0001', 'A7', '--evidence', 'The signed procedure.'],
      code: 2,
      says: ['MRT-0001 has no action A7', 'its actions are A1'],
    },
    {
      name: 'evidence that says nothing',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'done', 'MRT-0001', 'A1', '--evidence', '-'],
      code: 1,
      says: ['does not say what shows it was done'],
    },
    {
      name: 'evidence carrying terminal control characters',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'done', 'MRT-0001', 'A1', '--evidence', 'Done \u001b[2J as agreed by all'],
      code: 1,
      never: ['\u001b[2J'],
    },
    {
      name: 'done on a day after today',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'done', 'MRT-0001', 'A1', '--on', '2026-07-15', '--evidence', 'The signed procedure.'],
      code: 2,
      says: ['--on 2026-07-15 is after today (2026-06-30)'],
    },
    {
      name: 'done on a day that is not a date',
      files: HELD,
      env: TODAY,
      args: ['mrt', 'done', 'MRT-0001', 'A1', '--on', 'yesterday', '--evidence', 'The signed procedure.'],
      code: 2,
      says: ['--on yesterday is not a date'],
    },
  ],
  'minutes approved without substance': [
    {
      name: 'approved by hand with no decision and no conclusion',
      files: { 'reviews/MRT-0001.yaml': APPROVED_BARE },
      args: ['validate', '--as-of', '2026-06-30'],
      code: 1,
      says: ['reviews/MRT-0001.yaml:1:1  error  mrt/decisions', 'mrt/conclusion', 'cim mrt decide MRT-0001'],
    },
  ],
};
