// Hostile-corpus cases for mistakes a new user makes: an owner nobody is, a verb given to a record
// of another kind, event dates after today.
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
import type { HostileCase } from './corpus.js';

const CA = { 'actions/CA-0001.yaml': stringify(r.ca()[1]) };
const TODAY = { CIM_TODAY: '2026-06-30' };
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
  ],
};
