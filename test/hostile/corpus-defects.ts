// Hostile-corpus cases for mistakes a new user makes: an owner nobody is, a verb given to a record
// of another kind, event dates after today.
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
// Only function declarations are taken from corpus.ts: it imports this file, so its constants are
// not yet set when this one runs.
import { at, type HostileCase } from './corpus.js';

const CA = { 'actions/CA-0001.yaml': stringify(r.ca()[1]) };
const TODAY = { CIM_TODAY: '2026-06-30' };
const analysed = {
  correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
  analysis: { method: '5-whys', root_cause: 'No owner for the task.', similar: { exist: false, could_occur: false } },
  action_required: true,
};
/** An actioned NC and its corrective action, implemented today. */
const IMPLEMENTED = {
  'nonconformities/NC-0001.yaml': stringify(r.nc({ status: 'actioned', ...analysed })[1]),
  'actions/CA-0001.yaml': stringify(
    r.ca({
      status: 'implemented',
      started_on: '2026-06-01',
      implemented_on: '2026-06-30',
      evidence: 'Ticket IT-42 closed.',
    })[1],
  ),
};
/** The same action, its review dated ahead by hand. */
const POST_DATED = stringify(
  r.ca({
    status: 'verified',
    started_on: '2026-06-01',
    implemented_on: '2026-06-30',
    evidence: 'Ticket IT-42 closed.',
    effectiveness: {
      reviewed_on: '2026-07-30',
      reviewed_by: 'bob',
      result: 'effective',
      evidence: 'Q3 review done on time.',
    },
  })[1],
);
const CORRECT = ['nc', 'correct', 'NC-0001', '--action', 'Door closed.', '--consequences', 'None.'];
const EXCEPTION = {
  'exceptions/EXC-0001.yaml': stringify(
    r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-01-15', expires_on: '2026-09-30' })[1],
  ),
};

export const DEFECTS: Readonly<Record<string, readonly HostileCase[]>> = {
  'names that are nobody': [
    {
      name: 'cim list --owner with a misspelt person',
      args: ['list', '--owner', 'alcie'],
      code: 2,
      says: ['no person alcie in cim.yaml; did you mean alice?'],
    },
    {
      name: 'cim list --owner with a person nobody is near',
      args: ['list', 'nc', '--owner', 'zed'],
      code: 2,
      says: ['no person zed in cim.yaml', 'alice, bob, carol'],
      never: ['did you mean'],
    },
  ],
  'default: you, when you are nobody': [
    {
      name: 'cim nc open without --raised-by, by a git identity cim.yaml does not know',
      args: [
        '--no-input', 'nc', 'open', '--title', 'x', '--grade', 'minor', '--source-type', 'self-identified',
        '--requirement', 'A.5.18', '--area', 'it', '--owner', 'alice', '--description', 'Found in review.',
      ], // prettier-ignore
      code: 2,
      says: [
        'missing --raised-by: your git identity (Test User <test@example.com>) matches no person in cim.yaml',
        'add your email to a person in cim.yaml, or give --raised-by',
      ],
    },
  ],
  'a verb of another kind': [
    {
      name: 'cim nc correct CA-0001 offers the steps a planned corrective action can take',
      files: CA,
      args: ['nc', 'correct', 'CA-0001', '--action', 'x', '--consequences', 'y'],
      code: 2,
      says: ['CA-0001 is a corrective action, not a nonconformity', 'cim ca start CA-0001', 'cim ca cancel CA-0001'],
      never: ['cim ca correct'],
    },
    {
      name: 'cim ca review NC-0001 offers the steps of an open nonconformity',
      args: ['ca', 'review', 'NC-0001'],
      code: 2,
      says: ['NC-0001 is a nonconformity, not a corrective action', 'cim nc correct NC-0001'],
      never: ['cim nc review'],
    },
  ],
  'steps out of their time': [
    {
      name: 'cim exception expire before the expiry date',
      files: EXCEPTION,
      env: TODAY,
      args: ['exception', 'expire', 'EXC-0001'],
      code: 1,
      says: ['before expires_on 2026-09-30', 'revoked, not expired', 'cim exception revoke EXC-0001'],
    },
    {
      name: 'a correction dated after today',
      env: TODAY,
      args: [...CORRECT, '--date', '2026-07-05'],
      code: 1,
      says: ['correction.date 2026-07-05 is after today (2026-06-30)', '--allow-future'],
    },
    {
      name: 'an effectiveness review dated ahead to meet the 30 days after implementation',
      files: IMPLEMENTED,
      env: TODAY,
      args: [
        'ca',
        'review',
        'CA-0001',
        '--reviewed-by',
        'bob',
        '--result',
        'effective',
        '--evidence',
        'Q3 review done on time.',
        '--reviewed-on',
        '2026-07-30',
      ],
      code: 1,
      says: ['effectiveness.reviewed_on 2026-07-30 is after today (2026-06-30)'],
    },
    {
      name: 'the same review without a date: today, too early',
      files: IMPLEMENTED,
      env: TODAY,
      args: [
        'ca',
        'review',
        'CA-0001',
        '--reviewed-by',
        'bob',
        '--result',
        'effective',
        '--evidence',
        'Q3 review done on time.',
      ],
      code: 1,
      says: ['less than 30 days after implementation', 'on or after 2026-07-30'],
    },
    {
      name: 'a review dated ahead by hand',
      files: { ...IMPLEMENTED, 'actions/CA-0001.yaml': POST_DATED },
      args: ['validate', '--as-of', '2026-06-30'],
      code: 1,
      says: [`${at('actions/CA-0001.yaml', POST_DATED, '2026-07-30')}  error  date/future`],
    },
    {
      name: '--allow-future with a reason of two lines, which would forge a trailer',
      env: TODAY,
      args: [...CORRECT, '--date', '2026-07-05', '--allow-future', 'ok\nCim-To: closed'],
      code: 2,
      says: ['--allow-future needs a reason on one line'],
    },
    {
      name: '--allow-future with no reason',
      env: TODAY,
      args: [...CORRECT, '--date', '2026-07-05', '--allow-future'],
      code: 2,
      says: ["option '--allow-future <reason>' argument missing"],
    },
  ],
};
