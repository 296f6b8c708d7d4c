// Hostile-corpus cases for evidence: files to attach that are links, folders, devices, pipes or too
// large, names that could not be plain file names, and attachments in a record that point out of
// the register, through linked folders, or at files that are gone or changed; and files under
// evidence/ whose names carry terminal control characters.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFile, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
// Only types are taken from corpus.ts: it imports this file, so its constants are not yet set when
// this one runs.
import type { Dirs, HostileCase } from './corpus.js';

const TODAY = { CIM_TODAY: '2026-06-30' };
const IDENTITY = {
  ...TODAY,
  GIT_AUTHOR_NAME: 'Dee Visitor',
  GIT_AUTHOR_EMAIL: 'dee@example.com',
  GIT_COMMITTER_NAME: 'Dee Visitor',
  GIT_COMMITTER_EMAIL: 'dee@example.com',
};
const FILE = 'nonconformities/NC-0001.yaml';
const VALIDATE = ['validate', '--as-of', '2026-06-30'] as const;
const ATTACH = (...files: string[]) => ['attach', 'NC-0001', ...files, '--by', 'alice', '--dry-run'];
const EVIDENCE = 'The access review of June, as exported.\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The NC with these attachments. */
function withAttachments(...attachments: Record<string, unknown>[]): Record<string, string> {
  return { [FILE]: stringify(r.nc({ attachments })[1]) };
}

const attachment = (file: string, text = EVIDENCE) => ({
  file,
  sha256: sha(text),
  size: Buffer.byteLength(text),
  added_on: '2026-06-01',
  added_by: 'alice',
});

export const EVIDENCE_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'files cim attach refuses, writing nothing': [
    {
      name: 'a symbolic link to a file outside the register',
      setup: async ({ root, outside }: Dirs) => symlink(join(outside, 'NC-0001.yaml'), join(root, 'link.yaml')),
      args: ATTACH('link.yaml'),
      code: 2,
      says: ['link.yaml is a symbolic link, not a file', 'attach the file itself'],
    },
    {
      name: 'a folder',
      setup: async ({ root }: Dirs) => mkdir(join(root, 'folder')),
      args: ATTACH('folder'),
      code: 2,
      says: ['folder is a folder, not a file'],
    },
    {
      name: 'a device that never ends',
      args: ATTACH('/dev/zero'),
      code: 2,
      says: ['/dev/zero is a device, not a file'],
    },
    {
      name: 'a named pipe nobody writes to',
      setup: ({ root }: Dirs) => Promise.resolve(void execFileSync('mkfifo', [join(root, 'pipe')])),
      args: ATTACH('pipe'),
      code: 2,
      says: ['pipe is a named pipe, not a file'],
    },
    {
      name: 'a file larger than evidence.max_file_mb',
      files: {
        'cim.yaml': stringify({ ...BASE_CONFIG, evidence: { max_file_mb: 0.001 } }),
        'big.bin': new Uint8Array(4096),
      },
      args: ATTACH('big.bin'),
      code: 2,
      says: ['big.bin is 4096 bytes, more than the 1048 bytes evidence.max_file_mb allows', 'Git LFS'],
    },
    {
      name: 'a hidden file',
      files: { '.secret': 'x\n' },
      args: ATTACH('.secret'),
      code: 2,
      says: ['its name ".secret" starts with a dot', 'plain file name'],
    },
    {
      name: 'a name with a terminal escape in it',
      files: { 'red\u001b[31mname.txt': 'x\n' },
      args: ATTACH('red\u001b[31mname.txt'),
      code: 2,
      says: ['holds a control character'],
    },
    {
      name: 'the same file twice',
      files: { 'a.txt': 'x\n' },
      args: ATTACH('a.txt', './a.txt'),
      code: 2,
      says: ['./a.txt is given twice'],
    },
    {
      name: 'a name the record already attaches',
      files: {
        ...withAttachments(attachment('evidence/NC-0001/a.txt')),
        'evidence/NC-0001/a.txt': EVIDENCE,
        'a.txt': 'new\n',
      },
      args: ATTACH('a.txt'),
      code: 1,
      says: ['NC-0001 already has an attachment named a.txt', 'a-2.txt'],
    },
    {
      name: 'an evidence folder that is a link out of the register',
      setup: async ({ root, outside }: Dirs) => symlink(outside, join(root, 'evidence')),
      files: { 'a.txt': 'x\n' },
      args: ATTACH('a.txt'),
      code: 2,
      says: ['evidence is a symbolic link, so no evidence can be kept in it'],
    },
    {
      name: 'a record that does not exist',
      files: { 'a.txt': 'x\n' },
      args: ['attach', 'NC-0099', 'a.txt', '--by', 'alice', '--dry-run'],
      code: 2,
      says: ['no record NC-0099 in this register'],
    },
    {
      name: 'nobody to attach it: the git identity matches no one and there is no --by',
      files: { 'a.txt': 'x\n' },
      env: IDENTITY,
      args: ['attach', 'NC-0001', 'a.txt'],
      code: 2,
      says: ['missing --by: your git identity matches no person in cim.yaml', '--by <person>'],
    },
  ],
  'cim attach, done': [
    {
      name: 'a file copied in and recorded, in one commit',
      files: { 'outside-the-folder/review.txt': EVIDENCE },
      env: IDENTITY,
      args: ['attach', 'NC-0001', 'outside-the-folder/review.txt', '--by', 'alice', '--note', 'The June export'],
      code: 0,
      says: ['NC-0001: 1 file attached — committed'],
      wrote: async ({ root }: Dirs) => {
        const copied = await readFile(join(root, 'evidence/NC-0001/review.txt'), 'utf8');
        if (copied !== EVIDENCE) throw new Error('the copy differs');
        const data = parse(await readFile(join(root, FILE), 'utf8')) as { attachments?: { sha256: string }[] };
        if (data.attachments?.[0]?.sha256 !== sha(EVIDENCE)) throw new Error('the attachment was not recorded');
      },
    },
  ],
  'attachments cim validate cannot trust': [
    {
      name: 'an attachment naming a file outside the register',
      files: withAttachments(attachment('../outside/NC-0001.yaml')),
      args: VALIDATE,
      code: 1,
      says: ['evidence/missing', 'attachment ../outside/NC-0001.yaml is not a file in evidence/<record id>/'],
    },
    {
      name: 'an attached file that is a link out of the register',
      files: withAttachments(attachment('evidence/NC-0001/review.txt')),
      setup: async ({ root, outside }: Dirs) => {
        await mkdir(join(root, 'evidence/NC-0001'), { recursive: true });
        await symlink(join(outside, 'NC-0001.yaml'), join(root, 'evidence/NC-0001/review.txt'));
      },
      args: VALIDATE,
      code: 1,
      says: ['evidence/missing', 'is not a plain file in the register'],
    },
    {
      name: "a record's evidence folder that is a link out of the register",
      files: withAttachments(attachment('evidence/NC-0001/NC-0001.yaml')),
      setup: async ({ root, outside }: Dirs) => {
        await mkdir(join(root, 'evidence'));
        await symlink(outside, join(root, 'evidence/NC-0001'));
      },
      args: VALIDATE,
      code: 1,
      says: ['evidence/missing', 'in a linked folder'],
    },
    {
      name: 'an attachment that claims a huge size: found changed without reading',
      files: {
        ...withAttachments({ ...attachment('evidence/NC-0001/review.txt'), size: 50_000_000_000 }),
        'evidence/NC-0001/review.txt': EVIDENCE,
      },
      args: VALIDATE,
      code: 1,
      says: ['evidence/changed', `it is ${Buffer.byteLength(EVIDENCE)} bytes, attached as 50000000000`],
      seconds: 5,
    },
    {
      name: 'an attached file gone',
      files: withAttachments(attachment('evidence/NC-0001/review.txt')),
      args: VALIDATE,
      code: 1,
      says: [/nonconformities\/NC-0001\.yaml:\d+:\d+ +error +evidence\/missing/, 'git checkout <commit> --'],
    },
    {
      name: 'an attached file changed to other bytes of the same size',
      files: {
        ...withAttachments(attachment('evidence/NC-0001/review.txt')),
        'evidence/NC-0001/review.txt': EVIDENCE.toUpperCase(),
      },
      args: VALIDATE,
      code: 1,
      says: ['evidence/changed', 'its SHA-256 is'],
    },
    {
      name: 'a file under evidence/ no record attaches, its name a terminal escape',
      files: { 'evidence/NC-0001/\u001b]0;pwned\u0007.txt': 'x\n' },
      args: VALIDATE,
      code: 0,
      says: ['evidence/unreferenced'],
      never: ['\u001b]0;pwned'],
    },
  ],
};
