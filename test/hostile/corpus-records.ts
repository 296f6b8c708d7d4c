// Hostile-corpus cases for incidents, objectives, OFIs, changes and exceptions: an improvement
// decision that nobody independent took, approvals by the person asking, fields of the wrong shape.
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
// Only function declarations are taken from corpus.ts: it imports this file, so its constants are
// not yet set when this one runs.
import { at, type HostileCase } from './corpus.js';

const INC_FILE = 'incidents/INC-0001.yaml';
const TODAY = { CIM_TODAY: '2026-06-30' };
const VALIDATE = ['validate', '--as-of', '2026-06-30'];
const LESSON = 'Staff report lost devices quickly when reporting is one message to the service desk.';
const REASON = 'Encryption and the remote wipe worked as designed; no control failed.';

const resolved = (over: Record<string, unknown> = {}) =>
  r.incident({
    status: 'resolved',
    severity: 'high',
    classification: { as: 'incident', by: 'alice', on: '2026-01-06' },
    resolution: 'Remote wipe confirmed.',
    resolved_on: '2026-01-08',
    ...over,
  })[1];
const closed = (over: Record<string, unknown>) =>
  stringify(resolved({ status: 'closed', lessons_learned: LESSON, closed_on: '2026-03-10', ...over }));

/** INC-0001 written as `text`: `cim validate` exits 1 with `rule` at `needle` (at the value of
 * `needle` when it is a `key: value`). */
function badIncident(name: string, text: string, needle: string, rule: string, says: string[] = []): HostileCase {
  const [file, line, column] = at(INC_FILE, text, needle).split(':');
  const key = /^[a-z_]+: /.exec(needle)?.[0].length ?? 0;
  return {
    name,
    files: { [INC_FILE]: text },
    args: VALIDATE,
    code: 1,
    says: [`${file}:${line}:${Number(column) + key}  error  ${rule}`, ...says],
  };
}

const OWNERS_NONE = closed({ improvement: { none: REASON, approved_by: 'alice' } });
const APPROVED_RAISED = closed({ improvement: { raised: ['NC-0001'], approved_by: 'carol' } });
const MAYBE = stringify(resolved({ classification: { as: 'maybe', by: 'alice', on: '2026-01-06' } }));
const NOTIFIED_MAP = stringify(resolved({ notifications: { party: 'ICO', due: '2026-01-09' } }));

export const RECORDS_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'improvement decisions nobody independent took': [
    badIncident(
      'a high incident closed with nothing raised, approved by its own owner',
      OWNERS_NONE,
      'approved_by: alice',
      'incident/improvement-decision',
      ['on the decision of its owner, alice', '--presented-in MRT-NNNN'],
    ),
    badIncident('an approval written beside raised records', APPROVED_RAISED, 'raised', 'schema/raised-or-none', [
      'approved_by and presented_in go with none',
    ]),
    {
      name: 'cim incident close with "n/a" for why nothing was raised',
      files: { [INC_FILE]: stringify(resolved({ severity: 'low' })) },
      env: TODAY,
      args: ['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--none', 'n/a'],
      code: 1,
      says: ['INC-0001 records that no NC or OFI was needed, but "n/a" gives no reason why'],
    },
    {
      name: 'cim incident close with lessons learned of one placeholder word',
      files: { [INC_FILE]: stringify(resolved({ severity: 'low' })) },
      env: TODAY,
      args: ['incident', 'close', 'INC-0001', '--lessons-learned', 'TBD', '--none', REASON],
      code: 1,
      says: [`INC-0001's lessons learned: "TBD" is a placeholder, not a lesson`],
    },
  ],
  'approvals by the person asking': [
    {
      name: 'cim change approve by the person responsible for the change',
      files: { 'changes/CHG-0001.yaml': stringify(r.change({ owner: 'bob' })[1]) },
      env: TODAY,
      args: ['change', 'approve', 'CHG-0001', '--approved-by', 'alice'],
      code: 1,
      says: ['CHG-0001 was approved by alice, who is responsible for carrying it out'],
    },
    {
      name: 'cim exception approve by the person who requested it',
      files: { 'exceptions/EXC-0001.yaml': stringify(r.exception({ owner: 'bob' })[1]) },
      env: TODAY,
      args: ['exception', 'approve', 'EXC-0001', '--approved-by', 'alice', '--expires-on', '2026-09-30'],
      code: 1,
      says: ['EXC-0001 was approved by alice, who requested it'],
    },
    {
      name: 'cim ofi accept with no date to implement it by',
      files: { 'improvements/OFI-0001.yaml': stringify(r.ofi()[1]) },
      env: TODAY,
      args: ['--no-input', 'ofi', 'accept', 'OFI-0001', '--by', 'carol'],
      code: 2,
      says: ['missing --due'],
    },
  ],
  'incident fields of the wrong shape': [
    badIncident('a classification that is neither event nor incident', MAYBE, 'maybe', 'schema/value'),
    badIncident('notifications written as one mapping, not a list', NOTIFIED_MAP, 'party', 'schema/type'),
  ],
};
