// Hostile-corpus cases for nonconformities of substance: a deadline moved without an agreed
// extension, an extension given nonsense, a record raised from a finding that says it raises
// nothing, a root cause that names no cause.
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
// Only function declarations are taken from corpus.ts: it imports this file, so its constants are
// not yet set when this one runs.
import { at, type HostileCase } from './corpus.js';

const TODAY = { CIM_TODAY: '2026-06-30' };
const EXTEND = ['nc', 'extend', 'NC-0001'];
const AUDIT = {
  'audits/AUD-0001.yaml': stringify(
    r.audit({
      status: 'reported',
      conducted: { from: '2026-03-01', to: '2026-03-02' },
      report: {
        date: '2026-03-02',
        conclusion: 'Largely effective.',
        findings: [{ ref: 'F1', type: 'observation', statement: 'Reviews are late.', no_action: 'Already tracked.' }],
      },
    })[1],
  ),
};
const NO_CAUSE = stringify(
  r.nc({
    status: 'corrected',
    correction: { action: 'Ran the review.', consequences: 'None found.', date: '2026-01-12' },
    analysis: { method: '5-whys', root_cause: 'N/A', similar: { exist: false, could_occur: false } },
    action_required: true,
  })[1],
);

export const NC_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'deadlines moved without an agreement': [
    {
      name: 'cim edit moving close_by past the policy, with no extension',
      env: TODAY,
      args: ['edit', 'NC-0001', '--set', 'close_by=2027-01-31'],
      code: 1,
      says: ["NC-0001's close_by 2027-01-31 is later than the 2026-07-09", 'cim nc extend NC-0001 --to 2027-01-31'],
    },
    {
      name: 'cim nc extend to a date that is none',
      env: TODAY,
      args: [...EXTEND, '--to', '2026-02-30', '--reason', 'More time', '--approved-by', 'carol'],
      code: 2,
      says: ['--to 2026-02-30 is not a date'],
    },
    {
      name: 'cim nc extend with a placeholder reason',
      env: TODAY,
      args: [...EXTEND, '--to', '2026-12-31', '--reason', 'tbd', '--approved-by', 'carol'],
      code: 1,
      says: ['gives "tbd" as its reason, which does not say why more time is needed'],
    },
    {
      name: 'cim nc extend approved by nobody cim.yaml knows',
      env: TODAY,
      args: [
        ...EXTEND,
        '--to',
        '2026-12-31',
        '--reason',
        'Waiting for the next quarterly review',
        '--approved-by',
        'mallory',
      ],
      code: 1,
      says: ['mallory'],
    },
    {
      name: 'cim nc extend of a corrective action',
      files: { 'actions/CA-0001.yaml': stringify(r.ca()[1]) },
      env: TODAY,
      args: [
        'nc',
        'extend',
        'CA-0001',
        '--to',
        '2026-12-31',
        '--reason',
        'Waiting for the review',
        '--approved-by',
        'carol',
      ],
      code: 2,
      says: ['CA-0001 is not a nonconformity'],
    },
  ],
  'records raised from a finding': [
    {
      name: 'an OFI proposed from a finding that records it raises nothing',
      files: AUDIT,
      env: TODAY,
      args: [
        ...['ofi', 'propose', '--source-ref', 'AUD-0001#F1', '--title', 'Faster reviews', '--owner', 'alice'],
        ...['--description', 'Review sooner', '--benefit', 'Fewer stale accounts'],
      ],
      code: 1,
      says: ['AUD-0001#F1 records that it raises nothing (no_action: Already tracked.)'],
    },
  ],
  'analyses that name no cause': [
    {
      name: 'a root cause of "N/A", written by hand',
      files: { 'nonconformities/NC-0001.yaml': NO_CAUSE },
      args: ['validate', '--as-of', '2026-06-30'],
      code: 1,
      says: [`${at('nonconformities/NC-0001.yaml', NO_CAUSE, 'N/A')}  error  nc/root-cause`, 'names no cause'],
    },
  ],
};
