// Hostile cases for cim import: spreadsheet cells written as formulas or terminal escapes, and
// files that are no CSV at all — binary, another encoding, a million columns, too many rows.
// Every case is a dry run: nothing may be written either way.
import type { HostileCase } from './corpus.js';

const HEADER = 'Title,Grade,Source type,Requirement,Area,Owner,Description,Raised by,Raised on';
const row = (title: string, description = 'Found in the quarterly review.') =>
  `"${title.replaceAll('"', '""')}",minor,self-identified,A.5.18,it,alice,"${description.replaceAll('"', '""')}",alice,2026-06-01`;
const IMPORT = ['import', 'nc', '--from', 'in.csv', '--dry-run'] as const;
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

export const IMPORT_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'cim import': [
    {
      name: 'a CSV file that is not there, or is a folder, said in words and not as ENOENT',
      files: { 'exports/keep.txt': 'a folder, not a file\n' },
      args: ['import', 'nc', '--from', 'missing.csv', '--dry-run'],
      code: 2,
      says: ['cannot read missing.csv: there is no such file', 'from the folder you run cim in'],
      never: ['ENOENT'],
    },
    {
      name: 'a folder given as the CSV file',
      files: { 'exports/keep.txt': 'a folder, not a file\n' },
      args: ['import', 'nc', '--from', 'exports', '--dry-run'],
      code: 2,
      says: ['cannot read exports: it is a folder'],
      never: ['EISDIR'],
    },
    {
      name: 'cells written as spreadsheet formulas, kept as the text they are',
      files: { 'in.csv': csv(HEADER, row(`=cmd|' /C calc'!A0`), row('+SUM(1+1)', '@HYPERLINK("http://x")')) },
      args: IMPORT,
      code: 0,
      says: [`NC-0002  open  =cmd|' /C calc'!A0  (in.csv:2)`, 'NC-0003  open  +SUM(1+1)  (in.csv:3)'],
    },
    {
      name: 'a title with a terminal escape sequence',
      files: { 'in.csv': csv(HEADER, row('Lost \u001b[2Jbadge')) },
      args: IMPORT,
      code: 1,
      says: ['in.csv:2: title'],
      never: ['\u001b[2J'],
    },
    {
      name: 'a binary file given as the CSV',
      files: { 'in.csv': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) },
      args: IMPORT,
      code: 1,
      says: ['in.csv: holds NUL bytes', 'CSV UTF-8'],
    },
    {
      name: 'a NUL byte inside a cell',
      files: { 'in.csv': csv(HEADER, row('Lost\u0000badge')) },
      args: IMPORT,
      code: 1,
      says: ['in.csv: holds NUL bytes'],
    },
    {
      name: 'a file saved as Windows-1252, not UTF-8',
      files: { 'in.csv': Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(row('Caf\u00e9 door'), 'latin1')]) },
      args: IMPORT,
      code: 1,
      says: ['in.csv: is not UTF-8 text'],
    },
    {
      name: 'a header of a million columns',
      files: { 'in.csv': `${'c,'.repeat(1_000_000)}c\n` },
      args: IMPORT,
      code: 1,
      says: ['in.csv:1: has 1000001 columns, more than 500'],
    },
    {
      name: 'more rows than cim imports at once',
      files: { 'in.csv': `Title\n${'x\n'.repeat(100_001)}` },
      args: IMPORT,
      code: 1,
      says: ['in.csv: has 100001 rows, more than 100000', 'split it'],
      seconds: 20,
    },
    {
      name: 'an unclosed quote running to the end of the file',
      files: { 'in.csv': csv(HEADER, `"Never closed,minor`) },
      args: IMPORT,
      code: 1,
      says: ['in.csv: cannot be read as CSV'],
    },
  ],
};
