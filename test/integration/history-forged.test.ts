// The history check judges content, not claims: commits made by hand by someone who can push to a
// branch, each trying to delete, reopen, back-date or edit a final record, and each caught by
// `cim validate --base` with the commit named; and the genuine moves that must still pass.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { log } from '../../src/commands/history.js';
import { renumber } from '../../src/commands/renumber.js';
import { step } from '../../src/commands/step.js';
import { git, gitRepo } from '../helpers/git.js';
import { branch, commit, ctx, findings, write } from '../helpers/history.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const NC1 = 'nonconformities/NC-0001.yaml';
const NC2 = 'nonconformities/NC-0002.yaml';
const CLOSED = {
  status: 'closed',
  reviewed_in: 'MRT-0001',
  closed_by: 'carol',
  closed_on: '2026-03-02',
};
const RENUMBER_TRAILERS = (from: string, to: string) =>
  `nc(${to}): renumber from ${from}\n\nCim-Record: ${to}\nCim-Action: renumber\nCim-Renumbered: ${from} -> ${to}`;

/** The same, dated day `day` of January 2099 (after the first commit, made now) for author and committer, which decides the order of git log. */
async function commitAt(repo: string, day: number, files: Record<string, string | object | null>, message = 'edit') {
  await write(repo, files);
  await git(repo, 'add', '-A');
  const date = `2099-01-${String(day).padStart(2, '0')}T12:00:00Z`;
  await promisify(execFile)('git', ['commit', '-q', '-m', message], {
    cwd: repo,
    env: {
      PATH: process.env.PATH,
      HOME: repo,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
}

const without = (data: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

describe('deletions and renames', () => {
  it('a renumber trailer over a plain deletion is still a deletion', async () => {
    const repo = await branch(r.nc());
    const sha = await commit(repo, { [NC1]: null }, RENUMBER_TRAILERS('NC-0001', 'NC-0002'));
    const found = await findings(repo);
    expect(found.map(([rule]) => rule)).toEqual(['history/deleted']);
    expect(found[0]![1]).toMatch(new RegExp(`NC-0001 was deleted in ${sha} \\(\\d{4}-\\d\\d-\\d\\d, Test User\\)`));
  });

  it('a renumber trailer naming a new record that is not the old one: the deletion counts, the new one is new', async () => {
    const repo = await branch(r.nc());
    const moved = { ...r.nc({ ...CLOSED }, 'NC-0002')[1] };
    const sha = await commit(repo, { [NC1]: null, [NC2]: moved }, RENUMBER_TRAILERS('NC-0001', 'NC-0002'));
    expect(await findings(repo)).toEqual([
      ['history/deleted', expect.stringContaining(`NC-0001 was deleted in ${sha}`)],
      ['history/initial', expect.stringContaining(`NC-0002 first appears in ${sha}`)],
    ]);
  });

  it('a rename that also edits the record is a deletion, even with the trailer', async () => {
    const repo = await branch(r.nc());
    const moved = r.nc({ title: 'Something else' }, 'NC-0002')[1];
    await commit(repo, { [NC1]: null, [NC2]: moved }, RENUMBER_TRAILERS('NC-0001', 'NC-0002'));
    expect((await findings(repo)).map(([rule]) => rule)).toEqual(['history/deleted']);
  });

  it('a rename by hand, without the trailer, passes when the new file is the old record under the new id', async () => {
    const repo = await branch(r.nc(), r.ca());
    await commit(repo, {
      [NC1]: null,
      [NC2]: r.nc({}, 'NC-0002')[1],
      'actions/CA-0001.yaml': r.ca({ nc: 'NC-0002' })[1],
    });
    expect(await findings(repo)).toEqual([]);
  });

  it('renumbers with cim pass --history, references in final records included, and so do the steps between', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.ca(), r.mrt({ items: ['NC-0001'] })) });
    await step({ kind: 'ca', verb: 'cancel', id: 'CA-0001', values: { reason: 'Superseded.' } }, ctx(repo));
    await renumber({ from: 'NC-0001', to: 'NC-0042' }, ctx(repo));
    await step(
      { kind: 'nc', verb: 'correct', id: 'NC-0042', values: { action: 'Ran the review.', consequences: 'None.' } },
      ctx(repo),
    );
    await renumber({ from: 'NC-0042', to: 'NC-0043' }, ctx(repo));
    expect(await readFile(join(repo, 'actions/CA-0001.yaml'), 'utf8')).toContain('nc: NC-0043');
    expect(await findings(repo, { history: true })).toEqual([]);
  });

  it('a final record whose reference is rewritten and that is also edited in the renumber commit is caught', async () => {
    const cancelled = { status: 'cancelled', cancelled: { on: '2026-02-01', reason: 'Superseded.' } };
    const repo = await branch(r.nc(), r.ca(cancelled));
    const sha = await commit(
      repo,
      {
        [NC1]: null,
        [NC2]: r.nc({}, 'NC-0002')[1],
        'actions/CA-0001.yaml': r.ca({ ...cancelled, nc: 'NC-0002', title: 'Rewritten' })[1],
      },
      RENUMBER_TRAILERS('NC-0001', 'NC-0002'),
    );
    expect(await findings(repo)).toEqual([
      ['history/final-edited', expect.stringMatching(new RegExp(`CA-0001 is cancelled.*title.*in ${sha}`))],
    ]);
  });
});

describe('versions without a valid status', () => {
  it('a status-less version between closed and open is an error, and open is judged from closed', async () => {
    const [, closed] = r.nc(CLOSED);
    const repo = await branch([NC1, closed]);
    const removed = await commit(repo, { [NC1]: without(closed, 'status') });
    const reopened = await commit(repo, { [NC1]: { ...closed, status: 'open' } });
    expect(await findings(repo)).toEqual([
      ['history/status', expect.stringContaining(`NC-0001 has no status in ${removed}`)],
      ['history/transition', expect.stringContaining(`NC-0001 moved from closed to open in ${reopened}`)],
    ]);
  });

  it.each([
    ['a number', 7, 'status 7, which is not text'],
    ['a state of another kind', 'approved', 'status "approved", which is not a nonconformity state'],
    ['a list', ['closed'], 'status ["closed"], which is not text'],
  ])('a status that is %s is an error of its commit', async (_what, status, says) => {
    const [, closed] = r.nc(CLOSED);
    const repo = await branch([NC1, closed]);
    const sha = await commit(repo, { [NC1]: { ...closed, status } });
    await commit(repo, { [NC1]: { ...closed, status: 'open' } });
    const found = await findings(repo);
    expect(found).toEqual([
      ['history/status', expect.stringContaining(`NC-0001 has ${says}, in ${sha}`)],
      ['history/transition', expect.stringContaining('from closed to open')],
    ]);
  });

  it('a record first written without a status and then closed did not start in an initial state', async () => {
    const repo = await branch(r.nc());
    const [, fresh] = r.nc(CLOSED, 'NC-0002');
    const first = await commit(repo, { [NC2]: without(fresh, 'status') });
    const closed = await commit(repo, { [NC2]: fresh });
    expect(await findings(repo)).toEqual([
      ['history/initial', expect.stringContaining(`NC-0002 first has a valid status, closed, in ${closed}`)],
      ['history/status', expect.stringContaining(`NC-0002 has no status in ${first}`)],
    ]);
  });

  it('a record first written as unreadable YAML and then mended as closed did not start in an initial state', async () => {
    const repo = await branch(r.nc());
    await commit(repo, { [NC2]: 'id: NC-0002\ntitle: [unclosed\n' });
    const mended = await commit(repo, { [NC2]: r.nc(CLOSED, 'NC-0002')[1] });
    expect(await findings(repo)).toEqual([
      ['history/initial', expect.stringContaining(`NC-0002 first has a valid status, closed, in ${mended}`)],
    ]);
  });

  it('a final record edited through a malformed middle version is caught', async () => {
    const [, closed] = r.nc(CLOSED);
    const repo = await branch([NC1, closed]);
    const middle = await commit(repo, { [NC1]: { ...closed, status: 7, title: 'Rewritten' } });
    const last = await commit(repo, { [NC1]: { ...closed, title: 'Rewritten' } });
    expect(await findings(repo)).toEqual([
      [
        'history/final-edited',
        expect.stringContaining(`NC-0001 is closed, which is final, but title changed in ${last}`),
      ],
      ['history/status', expect.stringContaining(`NC-0001 has status 7, which is not text, in ${middle}`)],
    ]);
  });

  it('a final record edited through an unreadable middle version is caught', async () => {
    const [, closed] = r.nc(CLOSED);
    const repo = await branch([NC1, closed]);
    await commit(repo, { [NC1]: `${stringify(closed)}notes: [\n` });
    const last = await commit(repo, { [NC1]: { ...closed, title: 'Rewritten' } });
    expect(await findings(repo)).toEqual([
      ['history/final-edited', expect.stringContaining(`title changed in ${last}`)],
    ]);
  });

  it('a version whose YAML anchor holds itself is read as unreadable, not followed for ever', async () => {
    const [, closed] = r.nc(CLOSED);
    const repo = await branch([NC1, closed]);
    await commit(repo, { [NC1]: `${stringify(closed)}correction: &loop\n  action: *loop\n` });
    const last = await commit(repo, { [NC1]: { ...closed, title: 'Rewritten' } });
    expect(await findings(repo)).toEqual([
      ['history/final-edited', expect.stringContaining(`title changed in ${last}`)],
    ]);
  });
});

describe('merges', () => {
  it('a merge that changes a record itself is judged against each parent', async () => {
    const repo = await branch(r.nc(), r.nc({}, 'NC-0002'));
    await commit(repo, { [NC2]: r.nc({ title: 'Edited on the branch' }, 'NC-0002')[1] });
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { 'nonconformities/NC-0003.yaml': r.nc({}, 'NC-0003')[1] });
    await git(repo, 'merge', '-q', '--no-ff', '--no-commit', 'feature');
    await writeFile(join(repo, NC1), stringify(r.nc({ status: 'closed' })[1]));
    await git(repo, 'commit', '-qam', 'Merge feature');
    const sha = (await git(repo, 'rev-parse', '--short=7', 'HEAD')).trim();
    expect(await findings(repo, { history: true })).toEqual([
      ['history/transition', expect.stringContaining(`NC-0001 moved from open to closed in ${sha}`)],
    ]);
  });

  it("a merge that keeps one side's version of a record undoes the other side's steps", async () => {
    const repo = await branch(r.nc());
    await commit(repo, { 'README.md': 'x\n' });
    await git(repo, 'switch', '-q', 'main');
    const text = stringify(r.nc()[1]);
    await commit(repo, { [NC1]: text.replace('status: open', 'status: corrected') });
    await git(repo, 'switch', '-q', 'feature');
    await git(repo, 'merge', '-q', '--no-commit', 'main');
    await writeFile(join(repo, NC1), text);
    await git(repo, 'commit', '-qam', 'Merge main, keeping ours');
    const sha = (await git(repo, 'rev-parse', '--short=7', 'HEAD')).trim();
    expect(await findings(repo, { history: true })).toEqual([
      [
        'history/transition',
        expect.stringMatching(new RegExp(`NC-0001 is open after the merge in ${sha}.*one side had it corrected`)),
      ],
    ]);
  });

  it('a renumber with cim on a branch, merged into a main that moved on, passes', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.ca(), r.nc({}, 'NC-0002')) });
    await git(repo, 'switch', '-q', '-c', 'feature');
    await step({ kind: 'ca', verb: 'cancel', id: 'CA-0001', values: { reason: 'Superseded.' } }, ctx(repo));
    await renumber({ from: 'NC-0001', to: 'NC-0042' }, ctx(repo));
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { [NC2]: r.nc({ title: 'Edited on main' }, 'NC-0002')[1] });
    await git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
    expect(await findings(repo, { history: true })).toEqual([]);
    expect((await log({ id: 'NC-0042' }, ctx(repo))).entries.map((e) => [e.record, e.action])).toEqual([
      ['NC-0001', 'created'],
      ['NC-0042', 'renumber'],
    ]);
  });

  it('judges a merge in a register that is a folder of the repository', async () => {
    const repo = await gitRepo({ 'isms/cim.yaml': BASE_CONFIG, [`isms/${NC1}`]: r.nc()[1], 'README.md': 'x\n' });
    await git(repo, 'switch', '-q', '-c', 'feature');
    await commit(repo, { 'README.md': 'y\n' });
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { 'isms/nonconformities/NC-0002.yaml': r.nc({}, 'NC-0002')[1] });
    await git(repo, 'merge', '-q', '--no-ff', '--no-commit', 'feature');
    await writeFile(join(repo, 'isms', NC1), stringify(r.nc({ status: 'closed' })[1]));
    await git(repo, 'commit', '-qam', 'Merge feature');
    expect(await findings(join(repo, 'isms'), { history: true })).toEqual([
      ['history/transition', expect.stringContaining('NC-0001 moved from open to closed')],
    ]);
  });

  it('a merge of legal steps taken on two branches passes, whatever order git lists them in', async () => {
    // The branch breaks the YAML and mends it, main takes a step meanwhile, and git merges both.
    const repo = await branch(r.nc());
    const text = stringify(r.nc()[1]);
    await commitAt(repo, 1, { [NC1]: `${text}notes: [\n` });
    await git(repo, 'switch', '-q', 'main');
    await commitAt(repo, 2, { [NC1]: text.replace('status: open', 'status: corrected') });
    await git(repo, 'switch', '-q', 'feature');
    await commitAt(repo, 3, { [NC1]: `${text}notes: Mended.\n` });
    await git(repo, 'switch', '-q', 'main');
    await git(repo, 'merge', '-q', '--no-commit', 'feature');
    await commitAt(repo, 4, {}, 'Merge feature');
    expect(await readFile(join(repo, NC1), 'utf8')).toMatch(/status: corrected[^]*notes: Mended/);
    expect(await findings(repo, { history: true })).toEqual([]);
  });
});
