// Hostile cases about where output goes and what cim says: -o pointed at a folder or a descriptor
// that is not open, git's conflict markers left in a record or cim.yaml, cim init in a bare
// repository or inside .git, a verb given an option it does not take, a commit hook that fails in
// silence, and the last day of the calendar.
// A function, not a constant: corpus.ts imports it, and its helpers exist only once corpus.ts has run.
import { execFile } from 'node:child_process';
import { chmod, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { git } from '../helpers/git.js';
import * as r from '../helpers/records.js';
import { AS_OF, at, CONFIG, NC, NC_FILE, type Dirs, type HostileCase } from './corpus.js';

const exec = promisify(execFile);

/** The folder is a plain folder of the repository, no register: cim.yaml is taken away. */
const notARegister = (d: Dirs) => rm(join(d.root, 'cim.yaml'));

/** Lines of `ours` and `theirs` around `line` of `text`, as a merge that stopped leaves them. */
const conflicted = (text: string, line: string, theirs: string) => {
  if (!text.includes(`${line}\n`)) throw new Error(`no line ${JSON.stringify(line)}`);
  return text.replace(`${line}\n`, `<<<<<<< HEAD\n${line}\n=======\n${theirs}\n>>>>>>> feature\n`);
};

/** Nothing was made inside the git folder, and the repository is as it was. */
const nothingInGit = (folder: string) => async (d: Dirs) => {
  const made = await stat(join(d.root, '.git', folder)).catch(() => undefined);
  if (made) throw new Error(`init made .git/${folder}`);
  const status = await git(d.root, 'status', '--porcelain', '--untracked-files=all');
  if (status !== '') throw new Error(`the work tree changed: ${status}`);
};

export function outputCases(): Record<string, readonly HostileCase[]> {
  const VALIDATE = ['validate', '--as-of', AS_OF] as const;
  const POLICY = ['policy', '--as-of', AS_OF] as const;
  const NC_CONFLICT = conflicted(NC, 'title: Access reviews not performed', 'title: Access reviews skipped');
  const CONFIG_CONFLICT = conflicted(CONFIG, 'organisation: Test Co', 'organisation: Test Company');
  const PROPOSE = [
    'ofi', 'propose', '--title', 'Reminders', '--source-type', 'self-identified', '--description', 'Remind.',
    '--benefit', 'Fewer misses.', '--owner', 'alice',
  ]; // prettier-ignore
  const OPEN = [
    'nc', 'open', '--title', 'Badges not returned', '--grade', 'minor', '--source-type', 'self-identified',
    '--requirement', 'A.7.2', '--area', 'it', '--owner', 'alice', '--description', 'Found in review.', '--raised-by', 'alice',
  ]; // prettier-ignore

  return {
    'documents written with -o': [
      {
        name: 'cim policy -o a folder',
        args: [...POLICY, '-o', 'nonconformities'],
        code: 2,
        says: ['cim: cannot write nonconformities: it is a folder', 'name a file in that folder'],
      },
      {
        name: 'cim policy -o a descriptor that is not open',
        args: [...POLICY, '-o', '/dev/fd/97'],
        code: 2,
        says: ['cim: cannot write /dev/fd/97: no such descriptor is open (EBADF)'],
      },
      {
        name: 'cim policy -o a symbolic link that loops',
        setup: async (d) => {
          await exec('ln', ['-s', 'loop-b.md', join(d.root, 'loop-a.md')]);
          await exec('ln', ['-s', 'loop-a.md', join(d.root, 'loop-b.md')]);
        },
        args: [...POLICY, '-o', 'loop-a.md'],
        code: 2,
        says: ['cim: cannot write loop-a.md: its symbolic links loop'],
      },
      {
        name: 'cim policy -o - prints the document and writes no file named -',
        args: [...POLICY, '-o', '-'],
        code: 0,
        says: ['# Test Co'],
        wrote: async (d) => {
          if ((await readdir(d.root)).includes('-')) throw new Error('a file named - was written');
        },
      },
    ],
    'conflict markers': [
      {
        name: 'a record with conflict markers',
        files: { [NC_FILE]: NC_CONFLICT },
        args: VALIDATE,
        code: 1,
        says: [
          `${at(NC_FILE, NC_CONFLICT, '<<<<<<< HEAD')}  error  file/conflict  unresolved merge conflict`,
          `git add ${NC_FILE}`,
          'git merge --abort',
        ],
        never: ['yaml/syntax', 'cim renumber'],
      },
      {
        name: 'a record cut to the middle marker by hand',
        files: { [NC_FILE]: NC_CONFLICT.replace('<<<<<<< HEAD\n', '') },
        args: VALIDATE,
        code: 1,
        says: [`${at(NC_FILE, NC_CONFLICT.replace('<<<<<<< HEAD\n', ''), '=======')}  error  file/conflict`],
        never: ['yaml/syntax'],
      },
      {
        name: 'cim.yaml with conflict markers',
        files: { 'cim.yaml': CONFIG_CONFLICT },
        args: VALIDATE,
        code: 1,
        says: [`${at('cim.yaml', CONFIG_CONFLICT, '<<<<<<< HEAD')}  error  file/conflict`],
        never: ['yaml/syntax'],
      },
      {
        name: 'cim ofi propose with conflict markers in cim.yaml',
        files: { 'cim.yaml': CONFIG_CONFLICT },
        args: PROPOSE,
        code: 2,
        says: ['cim.yaml is not valid', 'unresolved merge conflict', 'git merge --abort'],
      },
      {
        name: 'a record holding a row of = in a block, which is no marker',
        files: { [NC_FILE]: `${NC}notes: |\n  Heading\n  =======\n  <<<<<<< quoted\n` },
        args: VALIDATE,
        code: 0,
        never: ['file/conflict'],
      },
    ],
    'cim init in git data': [
      {
        name: 'cim init in a bare repository',
        setup: async (d) => {
          await notARegister(d);
          await git(d.root, 'init', '--quiet', '--bare', 'b.git');
        },
        args: ['init', 'b.git', '--organisation', 'F'],
        code: 2,
        says: ['b.git is a bare git repository', 'clone it and create the register in the clone'],
      },
      {
        name: 'cim init inside .git',
        setup: notARegister,
        args: ['init', '.git/x'],
        code: 2,
        says: ['the folder where git keeps the data of the repository at', 'create the register in the work tree'],
        wrote: nothingInGit('x'),
      },
      {
        name: 'cim init of .git itself',
        setup: notARegister,
        args: ['init', '.git'],
        code: 2,
        says: ['.git is the folder where git keeps the data of the repository at'],
        wrote: nothingInGit('cim.yaml'),
      },
    ],
    messages: [
      {
        name: 'cim nc open with an option it does not take',
        args: ['nc', 'open', '--bogus'],
        code: 2,
        says: ["error: unknown option '--bogus'", '(run cim nc open --help for its options)'],
        never: ['for the verbs'],
      },
      {
        name: 'cim audit report with --findings',
        args: ['audit', 'report', 'AUD-0001', '--findings', '[]'],
        code: 2,
        says: ['(run cim audit report --help for its options)'],
      },
      {
        name: 'a commit-msg hook that fails without a word',
        files: { 'hooks/commit-msg': '#!/bin/sh\nexit 1\n' },
        setup: (d) => chmod(join(d.root, 'hooks/commit-msg'), 0o755),
        env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.hooksPath', GIT_CONFIG_VALUE_0: 'hooks' },
        // An NC, whose folder is there already: a failed commit leaves a folder it made behind.
        args: OPEN,
        code: 2,
        says: ['git commit failed, and git gave no reason: the commit-msg hook', 'run `git commit` by hand'],
        never: ['the git problem above'],
      },
      {
        name: 'a record in the folder of another kind says "an incident"',
        files: { 'nonconformities/INC-0001.yaml': stringify(r.incident()[1]) },
        args: VALIDATE,
        code: 1,
        says: ['INC-0001 is an incident but is in nonconformities/'],
      },
      {
        name: 'cim validate --as-of 9999-12-31 finds nothing in the future',
        args: ['validate', '--as-of', '9999-12-31'],
        code: 0,
        never: ['date/future'],
      },
      {
        name: 'CIM_TODAY=9999-12-31 cim validate finds nothing in the future',
        env: { CIM_TODAY: '9999-12-31' },
        args: ['validate'],
        code: 0,
        never: ['date/future'],
      },
    ],
  };
}
