// Hostile history: commits made by hand by someone with write access to a branch, each trying to
// delete, reopen, back-date or edit a final record past `cim validate --base` and `--history`, and
// the genuine renumbers that must still pass. Each case builds its commits in `setup`; the last
// change is left for the run's own commit ("The register"). Only types come from corpus.ts, which
// spreads these cases into its own: a value imported back from it would not exist yet.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { git } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import type { Dirs, HostileCase } from './corpus.js';

const NC1 = 'nonconformities/NC-0001.yaml';
const NC2 = 'nonconformities/NC-0002.yaml';
const VALIDATE = ['validate', '--as-of', '2026-06-30'] as const;
const IDENTITY = ['-c', 'user.name=Test User', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

const OPEN = r.nc()[1];
const CLOSED = { ...OPEN, status: 'closed', reviewed_in: 'MRT-0001', closed_by: 'carol', closed_on: '2026-03-02' };
const CORRECTED = {
  ...OPEN,
  status: 'corrected',
  correction: { action: 'Ran the review.', consequences: 'None.', date: '2026-02-01' },
};
const MRT1 = 'reviews/MRT-0001.yaml';
const OFI1 = 'improvements/OFI-0001.yaml';
const PROPOSED = r.ofi()[1];
/** A commit message with the trailers of a step of OFI-0001. */
const claims = (action: string) => `ofi(OFI-0001): ${action}\n\nCim-Record: OFI-0001\nCim-Action: ${action}`;
const REJECTED = r.ofi({
  status: 'rejected',
  decision: { on: '2026-02-01', by: 'carol', reason: 'Not this year.' },
})[1];
const HELD = r.heldMrt()[1] as Record<string, unknown> & { inputs: Record<string, unknown> };
const VERIFIED = {
  ...OPEN,
  status: 'verified',
  correction: { action: 'Ran the review.', consequences: 'None.', date: '2026-02-01' },
  analysis: { method: '5-whys', root_cause: 'No owner.', similar: { exist: false, could_occur: false } },
  action_required: true,
};
const without = (data: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

const RENUMBER =
  'nc(NC-0002): renumber from NC-0001\n\nCim-Record: NC-0002\nCim-Action: renumber\nCim-Renumbered: NC-0001 -> NC-0002';

type Files = Readonly<Record<string, object | string | null>>;

/** Writes each file (data as YAML, or text), or removes it for null. */
async function put(root: string, files: Files): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    if (content === null) await rm(join(root, file));
    else {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), typeof content === 'string' ? content : stringify(content));
    }
  }
}

async function commit(root: string, message: string): Promise<void> {
  await git(root, 'add', '-A');
  await git(root, ...IDENTITY, 'commit', '--quiet', '-m', message);
}

/**
 * A setup that commits the register at the top of its repository, then each step as one commit,
 * and moves the register into `compliance/reg`, leaving the move for the run to commit.
 */
function moved(steps: readonly Files[]) {
  return async ({ root }: Dirs): Promise<void> => {
    await history(steps, {}, false)({ root, outside: '' });
    const entries = (await readdir(root)).filter((entry) => entry !== '.git');
    await mkdir(join(root, 'compliance', 'reg'), { recursive: true });
    for (const entry of entries) await git(root, 'mv', entry, `compliance/reg/${entry}`);
  };
}

/**
 * A setup that commits the register as it is on main, then, on a branch `feature` when `branch`,
 * each step as one commit, and leaves `last` for the run to commit.
 */
function history(steps: readonly (Files | [Files, string])[], last: Files, branch = true) {
  return async ({ root }: Dirs): Promise<void> => {
    await git(root, 'init', '--quiet', '--initial-branch=main');
    await commit(root, 'The register on main');
    if (branch) await git(root, 'switch', '--quiet', '-c', 'feature');
    for (const s of steps) {
      const [files, message] = Array.isArray(s) ? s : [s, 'hand edit'];
      await put(root, files);
      await commit(root, message);
    }
    await put(root, last);
  };
}

/** A case on a register whose NC-0001 is `start` on main, judged by `validate --base main`. */
function onBranch(
  name: string,
  start: object,
  steps: readonly (Files | [Files, string])[],
  last: Files,
  says: readonly string[],
): HostileCase {
  return {
    name,
    files: { [NC1]: stringify(start) },
    setup: history(steps, last),
    args: [...VALIDATE, '--base', 'main'],
    code: 1,
    says: [...says, 'in ', 'Test User'],
  };
}

export const HISTORY: Readonly<Record<string, readonly HostileCase[]>> = {
  'history forged by hand': [
    onBranch('a deletion under a renumber trailer', OPEN, [[{ [NC1]: null }, RENUMBER]], { 'README.md': 'x\n' }, [
      'history/deleted',
      'NC-0001 was deleted in',
      'withdraw or cancel it instead',
    ]),
    onBranch(
      'a renumber trailer over a new record that is closed',
      OPEN,
      [[{ [NC1]: null, [NC2]: { ...CLOSED, id: 'NC-0002' } }, RENUMBER]],
      { 'README.md': 'x\n' },
      ['history/deleted', 'NC-0001 was deleted in', 'history/initial', 'NC-0002 first appears in'],
    ),
    onBranch(
      'a status removed between closed and open',
      CLOSED,
      [{ [NC1]: without(CLOSED, 'status') }],
      { [NC1]: { ...CLOSED, status: 'open' } },
      ['history/status', 'NC-0001 has no status in', 'history/transition', 'moved from closed to open'],
    ),
    onBranch(
      'a status of 7 between closed and open',
      CLOSED,
      [{ [NC1]: { ...CLOSED, status: 7 } }],
      { [NC1]: { ...CLOSED, status: 'open' } },
      ['NC-0001 has status 7, which is not text', 'moved from closed to open'],
    ),
    onBranch(
      "a status of another kind's state between closed and open",
      CLOSED,
      [{ [NC1]: { ...CLOSED, status: 'approved' } }],
      { [NC1]: { ...CLOSED, status: 'open' } },
      ['status "approved", which is not a nonconformity state', 'moved from closed to open'],
    ),
    onBranch(
      'a record first written without a status, then closed',
      OPEN,
      [{ [NC2]: without({ ...CLOSED, id: 'NC-0002' }, 'status') }],
      { [NC2]: { ...CLOSED, id: 'NC-0002' } },
      ['NC-0002 has no status in', 'history/initial', 'NC-0002 first has a valid status, closed, in'],
    ),
    onBranch(
      'a record first written as broken YAML, then mended as closed',
      OPEN,
      [{ [NC2]: 'id: NC-0002\ntitle: [unclosed\n' }],
      { [NC2]: { ...CLOSED, id: 'NC-0002' } },
      ['history/initial', 'NC-0002 first has a valid status, closed, in'],
    ),
    onBranch(
      'a closed record edited through a version with a malformed status',
      CLOSED,
      [{ [NC1]: { ...CLOSED, status: ['closed'], title: 'Rewritten' } }],
      { [NC1]: { ...CLOSED, title: 'Rewritten' } },
      ['history/status', 'history/final-edited', 'NC-0001 is closed, which is final, but title changed in'],
    ),
    onBranch(
      'a closed record edited through a version whose anchor holds itself',
      CLOSED,
      [{ [NC1]: `${stringify(CLOSED)}notes_loop: &loop\n  again: *loop\n` }],
      { [NC1]: { ...CLOSED, title: 'Rewritten' } },
      ['history/final-edited', 'title changed in'],
    ),
    {
      name: 'a merge commit that closes a record itself',
      setup: async ({ root }) => {
        await history([{ [NC2]: { ...OPEN, id: 'NC-0002' } }], {}, true)({ root, outside: '' });
        await git(root, 'switch', '--quiet', 'main');
        await put(root, { 'README.md': 'x\n' });
        await commit(root, 'On main meanwhile');
        await git(root, ...IDENTITY, 'merge', '--quiet', '--no-ff', '--no-commit', 'feature');
        await put(root, { [NC1]: { ...OPEN, status: 'closed' } });
      },
      args: [...VALIDATE, '--history'],
      code: 1,
      says: ['history/transition', 'NC-0001 moved from open to closed in'],
    },
    {
      name: "a merge that keeps the branch's version of a record main took a step on",
      setup: async ({ root }) => {
        await history([{ 'README.md': 'x\n' }], {}, true)({ root, outside: '' });
        await git(root, 'switch', '--quiet', 'main');
        await put(root, { [NC1]: { ...OPEN, status: 'corrected' } });
        await commit(root, 'Correct NC-0001 on main');
        await git(root, 'switch', '--quiet', 'feature');
        await git(root, ...IDENTITY, 'merge', '--quiet', '--no-commit', 'main');
        await put(root, { [NC1]: OPEN });
      },
      args: [...VALIDATE, '--history'],
      code: 1,
      says: ['history/transition', 'NC-0001 is open after the merge in', 'one side had it corrected'],
    },
    {
      name: 'a merge that deletes a record added on the other side',
      setup: async ({ root }) => {
        await history([{ 'README.md': 'x\n' }], {}, true)({ root, outside: '' });
        await git(root, 'switch', '--quiet', 'main');
        await put(root, { [NC2]: { ...OPEN, id: 'NC-0002' } });
        await commit(root, 'Raise NC-0002 on main');
        await git(root, 'switch', '--quiet', 'feature');
        await git(root, ...IDENTITY, 'merge', '--quiet', '--no-ff', '--no-commit', 'main');
        await put(root, { [NC2]: null });
      },
      args: [...VALIDATE, '--base', 'main'],
      code: 1,
      says: ['history/deleted', 'NC-0002 was deleted in', 'withdraw or cancel it instead'],
    },
  ],
  'a prefix changed in cim.yaml': [
    {
      name: 'a record deleted in the commit that changes its prefix',
      files: { [OFI1]: stringify(REJECTED) },
      setup: history([], { [OFI1]: null, 'cim.yaml': { ...BASE_CONFIG, prefixes: { ofi: 'IMP' } } }),
      args: [...VALIDATE, '--base', 'main'],
      code: 1,
      says: ['history/deleted', 'OFI-0001 was deleted in', 'withdraw or cancel it instead'],
    },
  ],
  'evidence a step recorded, edited by hand': [
    {
      name: 'an attendee removed and an input rewritten in a held review',
      files: { [MRT1]: stringify(HELD) },
      setup: history([], {
        [MRT1]: { ...HELD, attendees: ['alice'], inputs: { ...HELD.inputs, b: { notes: 'Nothing.' } } },
      }),
      args: [...VALIDATE, '--base', 'main'],
      code: 1,
      says: [
        'history/field-edited',
        'MRT-0001 is held, but attendees, inputs.b.notes changed in',
        'which no step taken while it is held records',
        'such fields are evidence recorded by their step',
      ],
    },
    onBranch(
      'the root cause and the correction date of a verified NC rewritten',
      VERIFIED,
      [],
      {
        [NC1]: {
          ...VERIFIED,
          correction: { ...VERIFIED.correction, date: '2026-01-20' },
          analysis: { ...VERIFIED.analysis, root_cause: 'Someone forgot.' },
        },
      },
      [
        'history/field-edited',
        'NC-0001 is verified, but correction.date, analysis.root_cause changed in',
        'analysis by `cim nc analyse`',
      ],
    ),
  ],
  'cim log rows the commit writes itself': [
    {
      name: 'a deletion committed as a reject step',
      files: { [OFI1]: stringify(PROPOSED) },
      setup: history([[{ [OFI1]: null }, claims('reject')]], { 'README.md': 'x\n' }, false),
      args: ['log', 'OFI-0001'],
      code: 0,
      says: ['created  proposed', 'deleted'],
      never: ['reject'],
    },
    {
      name: 'an action trailer that writes a state change and an author of its own',
      files: { [OFI1]: stringify(PROPOSED) },
      setup: history(
        [[{ [OFI1]: { ...PROPOSED, title: 'Retitled' } }, claims('accept  proposed → accepted  Sam Reyes · 1a2b3c4')]],
        { 'README.md': 'x\n' },
        false,
      ),
      args: ['log', 'OFI-0001'],
      code: 0,
      says: ['edited  proposed', '~ title: '],
      never: ['Sam Reyes', 'accepted', '1a2b3c4'],
    },
    {
      name: 'a jump by hand labelled close',
      files: { [OFI1]: stringify(PROPOSED) },
      setup: history(
        [[{ [OFI1]: { ...PROPOSED, status: 'closed', closed_on: '2026-03-01' } }, claims('close')]],
        { 'README.md': 'x\n' },
        false,
      ),
      args: ['log', 'OFI-0001'],
      code: 0,
      says: ['status changed by hand  proposed → closed'],
      never: ['close  proposed'],
    },
  ],
  'a register moved within its repository': [
    {
      name: 'a step taken before the move is replayed, not taken as a record first appearing',
      setup: moved([{ [NC1]: CORRECTED }]),
      args: ['-C', 'compliance/reg', ...VALIDATE, '--history'],
      code: 0,
      says: ['✔ valid'],
      never: ['history/initial'],
    },
    {
      name: 'a hand jump made before the move is still caught',
      setup: moved([{ [NC1]: { ...CLOSED } }]),
      args: ['-C', 'compliance/reg', ...VALIDATE, '--history'],
      code: 1,
      says: ['history/transition', 'NC-0001 moved from open to closed in', 'when the register was in the top folder'],
    },
    {
      name: 'cim log names the folder the register was moved from',
      setup: moved([{ [NC1]: CORRECTED }]),
      args: ['-C', 'compliance/reg', 'log', 'NC-0001'],
      code: 0,
      says: ['created  open', 'status changed by hand  open → corrected', 'moved from the top folder  corrected'],
    },
  ],
  'renumbers that pass': [
    {
      name: 'validate --history over a renumber by hand, without a trailer',
      setup: history([], { [NC1]: null, [NC2]: { ...OPEN, id: 'NC-0002' } }, false),
      args: [...VALIDATE, '--history'],
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'cim log follows a renumber by hand back to the old id',
      setup: history([], { [NC1]: null, [NC2]: { ...OPEN, id: 'NC-0002' } }, false),
      args: ['log', 'NC-0002'],
      code: 0,
      says: ['created (as NC-0001)', 'renumbered NC-0001 → NC-0002', '~ id: NC-0001 → NC-0002'],
    },
    {
      name: 'cim log does not follow a renumber trailer over a different record',
      setup: history([[{ [NC1]: null, [NC2]: { ...OPEN, id: 'NC-0002', title: 'Another' } }, RENUMBER]], {
        'README.md': 'x\n',
      }),
      args: ['log', 'NC-0002'],
      code: 0,
      says: ['created'],
      never: ['NC-0001'],
    },
  ],
};
