// Hostile cases about document control: a docs/ folder that is a link out of the register, a
// document that is a link, a directory or bytes that are not text, a document of a record that is
// not there, and departures naming what is no setting (prototype keys, list items).
// A function, not a constant: corpus.ts imports it, and its helpers exist only once corpus.ts has run.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BASE_CONFIG } from '../helpers/register.js';
import { AS_OF, link, TRAP, type Dirs, type HostileCase } from './corpus.js';

const departure = (setting: string) =>
  stringify({
    ...BASE_CONFIG,
    departures: [{ setting, reason: 'A reason given with several words in it', approved_by: 'carol' }],
  });

export function documentCases(): Record<string, readonly HostileCase[]> {
  const DOCS = ['validate', '--docs', '--as-of', AS_OF] as const;
  const VALIDATE = ['validate', '--as-of', AS_OF] as const;
  return {
    'documents checked by validate --docs': [
      {
        name: 'docs/ is a link to a folder outside the register',
        setup: link((d: Dirs) => d.outside, 'docs'),
        args: DOCS,
        code: 2,
        says: ['cim: docs in the register is not a folder, so --docs has nothing to check'],
        never: [TRAP],
      },
      {
        name: 'docs/policy.md is a link to a file outside the register',
        setup: link((d: Dirs) => join(d.outside, 'cim.yaml'), 'docs/policy.md'),
        args: DOCS,
        code: 0,
        says: [
          'docs/policy.md:1:1  warning  docs/unchecked  is a symbolic link; only plain files in docs/ are compared',
        ],
        never: [TRAP],
      },
      {
        name: 'docs/policy.md is a folder',
        setup: (d: Dirs) => mkdir(join(d.root, 'docs', 'policy.md'), { recursive: true }).then(() => undefined),
        args: DOCS,
        code: 0,
        says: ['docs/policy.md:1:1  warning  docs/unchecked  is not a plain file'],
      },
      {
        name: 'docs/policy.md holds bytes that are not text',
        files: { 'docs/policy.md': Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]) },
        args: DOCS,
        code: 1,
        says: ['docs/policy.md:1:1  error  docs/stale', '`cim policy --as-of 2026-06-30 -o docs/policy.md`'],
      },
      {
        name: 'docs/ holds the agenda of a review that is not in the register',
        files: { 'docs/agenda-MRT-0042.md': '# Agenda\n' },
        args: DOCS,
        code: 1,
        says: ['docs/agenda-MRT-0042.md:1:1  error  docs/stale  cannot be generated from the register now'],
      },
      {
        name: 'docs/ holds files that are not cim documents',
        files: { 'docs/README.md': `${TRAP}\n`, 'docs/policy.md.bak': 'old\n', 'docs/status.txt': 'x\n' },
        args: DOCS,
        code: 0,
        says: ['✔ valid'],
        never: [TRAP],
      },
    ],
    'departures naming no setting': [
      {
        name: 'a departure from __proto__',
        files: { 'cim.yaml': departure('__proto__.polluted') },
        args: VALIDATE,
        code: 0,
        says: ['policy/departure  the departure names __proto__.polluted, which is not a setting of cim.yaml'],
      },
      {
        name: 'a departure from a list item',
        files: { 'cim.yaml': departure('people.0.name') },
        args: VALIDATE,
        code: 0,
        says: ['policy/departure  the departure names people.0.name, which is not a setting of cim.yaml'],
      },
      {
        name: 'a departure from a whole section',
        files: { 'cim.yaml': departure('deadlines') },
        args: VALIDATE,
        code: 0,
        says: ['policy/departure  the departure names deadlines, which is not a setting of cim.yaml'],
      },
    ],
  };
}
