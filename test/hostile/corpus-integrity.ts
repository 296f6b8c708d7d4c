// Hostile cases of the write path and of dates in arguments: what a person can type or their machine
// can do that must never reach cim as a bug (exit 70). Run with the rest of the corpus.
import type { HostileCase } from './corpus.js';

// Not imported from corpus.ts, which imports this file: its constants are not set yet when this runs.
const AS_OF = '2026-06-30';

const CORRECT = ['nc', 'correct', 'NC-0001', '--action', 'Ran it.', '--consequences', 'None.'];
const PLAN = ['ca', 'plan', '--nc', 'NC-0001', '--title', 'Fix', '--action', 'Fix it.', '--owner', 'bob'];

export const INTEGRITY_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'impossible dates in arguments': [
    ...[
      ['--as-of month 13', ['validate', '--as-of', '2026-13-01'], '--as-of 2026-13-01 is not a date'],
      ['--as-of day 0', ['status', '--as-of', '2026-06-00'], '--as-of 2026-06-00 is not a date'],
      ['--as-of year 10000', ['validate', '--as-of', '10000-01-01'], '--as-of 10000-01-01 is not a date'],
      ['--as-of before 1900', ['validate', '--as-of', '1899-12-31'], '--as-of 1899-12-31 is not a date'],
      ['--since month 0', ['log', '--since', '2026-00-10'], '--since 2026-00-10 is not a date'],
      ['--until 30 February', ['log', '--until', '2026-02-30'], '--until 2026-02-30 is not a date'],
      ['a step date of 32 January', [...CORRECT, '--date', '2027-01-32'], '--date "2027-01-32" is not valid'],
      ['a due date in month 13', [...PLAN, '--due', '2027-13-01'], '--due "2027-13-01" is not valid'],
      ['a document dated in month 13', ['policy', '--as-of', '2026-13-01'], '--as-of 2026-13-01 is not a date'],
    ].map(([name, args, says]): HostileCase => ({
      name: name as string,
      args: args as string[],
      code: 2,
      says: [says as string],
    })),
    {
      name: 'CIM_TODAY that is no date',
      args: ['validate', '--as-of', AS_OF],
      env: { CIM_TODAY: '2026-13-01' },
      code: 2,
      says: ['CIM_TODAY=2026-13-01 is not a date'],
    },
  ],
  'numbers in arguments that overflow date arithmetic': [
    {
      name: 'status --days 1e9',
      args: ['status', '--as-of', AS_OF, '--days', '1e9'],
      code: 2,
      says: ['--days 1e9 is not a number of days', 'from 0 to 3660'],
    },
    {
      name: 'status --days past ten years',
      args: ['status', '--as-of', AS_OF, '--days', '100000000'],
      code: 2,
      says: ['is not a number of days'],
    },
  ],
  'changing a record that cannot be read, or with a value that holds itself': [
    ...[
      ['edit', ['edit', 'NC-0001', '--set', 'evidence=x']],
      ['renumber', ['renumber', 'NC-0001', 'NC-0009']],
      ['a step', CORRECT],
    ].map(([name, args]): HostileCase => ({
      name: `${name as string} of a record that does not parse`,
      files: { 'nonconformities/NC-0001.yaml': 'id: NC-0001\ntitle: [unclosed\n' },
      args: args as string[],
      code: 2,
      says: ['NC-0001 has validation errors and cannot be changed', 'cim validate'],
    })),
    {
      name: 'edit --set a value whose alias holds itself',
      args: ['edit', 'NC-0001', '--set', 'source=&x {type: *x}'],
      code: 2,
      says: ['--set source: the alias *x is inside its own value', 'without anchors and aliases'],
    },
  ],
  'a value the record needs that no flag gave': [
    {
      name: 'an incident-sourced NC without the incident: the flag is named',
      args: [
        'nc', 'open', '--title', 'Door open', '--grade', 'minor', '--source-type', 'incident', '--requirement',
        'A.7.2', '--area', 'it', '--owner', 'alice', '--description', 'Found open.', '--raised-by', 'alice',
      ], // prettier-ignore
      code: 1,
      says: ['names an incident in source.ref', 'give --source-ref'],
    },
  ],
  'a machine that fails while writing': [
    {
      name: 'no space left while writing the record',
      args: CORRECT,
      env: { CIM_TEST_FAIL: '3:ENOSPC' },
      code: 2,
      says: ['cannot write nonconformities/NC-0001.yaml: no space is left on the device (ENOSPC)'],
    },
    {
      name: 'a read-only file system at the lock',
      args: CORRECT,
      env: { CIM_TEST_FAIL: '1:EROFS' },
      code: 2,
      says: ['the file system is read-only (EROFS)'],
    },
  ],
};
