// Holes in the history check found by someone with write access trying to get past it: merges that
// drop a record, a prefix change that hides deletions, hand edits of what a step recorded, a log row
// written by the commit itself, and a register moved within its repository. Each is caught (or, for
// the move, followed), and what cim's own commands do still passes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit } from '../../src/commands/edit.js';
import { addFinding } from '../../src/commands/finding.js';
import { log } from '../../src/commands/history.js';
import { renumber } from '../../src/commands/renumber.js';
import { step } from '../../src/commands/step.js';
import { git, gitRepo } from '../helpers/git.js';
import { branch, commit, ctx, findings } from '../helpers/history.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const NC1 = 'nonconformities/NC-0001.yaml';
const NC2 = 'nonconformities/NC-0002.yaml';
const OFI1 = 'improvements/OFI-0001.yaml';
const MRT1 = 'reviews/MRT-0001.yaml';

const correction = { action: 'Ran the missed review.', consequences: 'None found.', date: '2026-02-01' };
const analysis = {
  method: '5-whys',
  root_cause: 'The review had no owner.',
  similar: { exist: false, could_occur: false },
};
const VERIFIED = { status: 'verified', correction, analysis, action_required: true };

/** A merge of `from` into the current branch, stopped before committing (conflicts left as they are). */
async function mergeNoCommit(repo: string, ...from: string[]): Promise<void> {
  await git(repo, 'merge', '-q', '--no-ff', '--no-commit', ...from).catch(() => undefined);
}

async function text(repo: string, file: string): Promise<string> {
  return readFile(join(repo, file), 'utf8');
}

describe('merges that drop a record', () => {
  it('a merge that deletes a record added on the other side is a deletion', async () => {
    const repo = await branch(r.nc());
    await commit(repo, { 'README.md': 'n\n' }, 'work');
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { [NC2]: r.nc({}, 'NC-0002')[1] }, 'Raise NC-0002');
    await git(repo, 'switch', '-q', 'feature');
    await mergeNoCommit(repo, 'main');
    await git(repo, 'rm', '-qf', NC2);
    const sha = await commit(repo, {}, 'Merge main into feature');
    const expected = [['history/deleted', expect.stringContaining(`NC-0002 was deleted in ${sha}`)]];
    expect(await findings(repo)).toEqual(expected);
    expect(await findings(repo, { history: true })).toEqual(expected);
    const { entries } = await log({ id: 'NC-0002' }, ctx(repo));
    expect(entries.map((e) => [e.action, e.commit.slice(0, 7) === sha])).toEqual([
      ['created', false],
      ['deleted', true],
    ]);
  });

  it('an octopus merge that deletes a record one of its branches added is a deletion', async () => {
    const repo = await branch(r.nc());
    await commit(repo, { [NC2]: r.nc({}, 'NC-0002')[1] }, 'Raise NC-0002');
    await git(repo, 'switch', '-q', '-c', 'other', 'main');
    await commit(repo, { 'README.md': 'n\n' }, 'work');
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { 'NOTES.md': 'n\n' }, 'notes');
    await mergeNoCommit(repo, 'feature', 'other');
    await git(repo, 'rm', '-qf', NC2);
    const sha = await commit(repo, {}, 'Merge feature and other');
    expect((await git(repo, 'rev-list', '--parents', '-n1', 'HEAD')).trim().split(' ')).toHaveLength(4);
    expect(await findings(repo, { history: true })).toEqual([
      ['history/deleted', expect.stringContaining(`NC-0002 was deleted in ${sha}`)],
    ]);
  });

  it('a merge that takes a renumber from main, on a branch that had not touched the record, passes', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(), r.nc({}, 'NC-0002')) });
    await git(repo, 'switch', '-q', '-c', 'feature');
    await commit(repo, { [NC2]: r.nc({ title: 'Edited on the branch' }, 'NC-0002')[1] });
    await git(repo, 'switch', '-q', 'main');
    await renumber({ from: 'NC-0001', to: 'NC-0042' }, ctx(repo));
    await git(repo, 'switch', '-q', 'feature');
    await git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge main', 'main');
    expect(await findings(repo, { history: true })).toEqual([]);
    expect(await findings(repo)).toEqual([]);
  });

  /** NC-0001 renumbered to NC-0042 on `feature` while main corrects it, and main merged into feature. */
  async function renumberedAndCorrected(): Promise<string> {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    await git(repo, 'switch', '-q', '-c', 'feature');
    await renumber({ from: 'NC-0001', to: 'NC-0042' }, ctx(repo));
    await git(repo, 'switch', '-q', 'main');
    await step(
      { kind: 'nc', verb: 'correct', id: 'NC-0001', values: { action: 'Ran it.', consequences: 'None.' } },
      ctx(repo),
    );
    await git(repo, 'switch', '-q', 'feature');
    await mergeNoCommit(repo, 'main');
    return repo;
  }

  it('a merge that carries a step taken on one side over to the id given on the other passes', async () => {
    const repo = await renumberedAndCorrected();
    await commit(repo, {}, 'Merge main');
    expect(await text(repo, 'nonconformities/NC-0042.yaml')).toMatch(/id: NC-0042[^]*status: corrected/);
    expect(await findings(repo, { history: true })).toEqual([]);
  });

  it('a merge that keeps the renumber from one side and drops the step taken on the other is a deletion', async () => {
    const repo = await renumberedAndCorrected();
    await git(repo, 'checkout', 'feature', '--', 'nonconformities/NC-0042.yaml');
    const sha = await commit(repo, {}, 'Merge main, keeping ours');
    expect(await findings(repo, { history: true })).toEqual([
      ['history/deleted', expect.stringContaining(`NC-0001 was deleted in ${sha}`)],
    ]);
  });

  it('a record taken to different states on each side: the merge keeps the further one, or it undoes steps', async () => {
    const repo = await branch(r.nc());
    const analysed = { status: 'analysed', correction, analysis, action_required: true };
    await commit(repo, { [NC1]: r.nc({ status: 'corrected', correction })[1] });
    await commit(repo, { [NC1]: r.nc(analysed)[1] });
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { [NC1]: r.nc({ status: 'corrected', correction: { ...correction, action: 'Other.' } })[1] });
    await git(repo, 'switch', '-q', 'feature');
    await mergeNoCommit(repo, 'main');
    await commit(repo, { [NC1]: r.nc(analysed)[1] }, 'Merge main, keeping the analysis');
    expect(await findings(repo, { history: true })).toEqual([]);
    await git(repo, 'switch', '-q', 'main');
    await mergeNoCommit(repo, 'feature');
    const sha = await commit(repo, { [NC1]: r.nc({ status: 'open' })[1] }, 'Merge feature, reopening by hand');
    expect(await findings(repo, { history: true })).toEqual([
      ['history/transition', expect.stringContaining(`NC-0001 is open after the merge in ${sha}`)],
    ]);
  });

  it('an evil merge that edits a final record, or the evidence of an open one, is caught', async () => {
    const withdrawn = (reason: string) => ({
      status: 'withdrawn',
      withdrawn: { on: '2026-02-01', reason, approved_by: 'carol' },
    });
    const repo = await branch(r.nc(withdrawn('Raised in error.')), r.nc(VERIFIED, 'NC-0002'));
    await commit(repo, { 'README.md': 'n\n' }, 'work');
    await git(repo, 'switch', '-q', 'main');
    await commit(repo, { 'NOTES.md': 'n\n' }, 'notes');
    await git(repo, 'switch', '-q', 'feature');
    await mergeNoCommit(repo, 'main');
    const [, verified] = r.nc({ ...VERIFIED, analysis: { ...analysis, root_cause: 'Rewritten.' } }, 'NC-0002');
    const sha = await commit(repo, { [NC1]: r.nc(withdrawn('Rewritten.'))[1], [NC2]: verified }, 'Merge main');
    expect(await findings(repo)).toEqual([
      ['history/final-edited', expect.stringContaining(`withdrawn.reason changed in ${sha}`)],
      ['history/field-edited', expect.stringContaining(`analysis.root_cause changed in ${sha}`)],
    ]);
  });
});

describe('fields a step records, edited by hand', () => {
  it('an attendee removed and an input rewritten in a held review are caught, naming the fields', async () => {
    const repo = await branch(r.heldMrt());
    const minutes = (await text(repo, MRT1))
      .replace(/attendees:\n(\s+)- alice\n\s+- carol/, 'attendees:\n$1- alice')
      .replace('Input b discussed.', 'Nothing changed.');
    const sha = await commit(repo, { [MRT1]: minutes });
    expect(await findings(repo)).toEqual([
      [
        'history/field-edited',
        expect.stringMatching(
          new RegExp(
            `^MRT-0001 is held, but attendees, inputs\\.b\\.notes changed in ${sha} .*, which no step taken while it is held records$`,
          ),
        ),
      ],
    ]);
  });

  it('the root cause and the correction date of a verified NC rewritten are caught; raised_on, which cim edit changes, is not', async () => {
    const repo = await branch(r.nc(VERIFIED));
    const [, data] = r.nc({
      ...VERIFIED,
      raised_on: '2026-01-05',
      correction: { ...correction, date: '2026-01-20' },
      analysis: { ...analysis, root_cause: 'Someone forgot.' },
    });
    const sha = await commit(repo, { [NC1]: data });
    const found = await findings(repo);
    expect(found).toEqual([
      ['history/field-edited', expect.stringContaining(`correction.date, analysis.root_cause changed in ${sha}`)],
    ]);
    expect(found[0]![1]).toMatch(/^NC-0001 is verified, but /);
  });

  it('a step taken by hand that also rewrites what an earlier step recorded is caught', async () => {
    const repo = await branch(r.nc({ status: 'corrected', correction }));
    const [, data] = r.nc({
      status: 'analysed',
      correction: { ...correction, action: 'Nothing.' },
      analysis,
      action_required: false,
      action_justification: 'Once only.',
    });
    const sha = await commit(repo, { [NC1]: data });
    expect(await findings(repo)).toEqual([
      [
        'history/field-edited',
        expect.stringContaining(`NC-0001 moved from corrected to analysed, but correction.action changed in ${sha}`),
      ],
    ]);
  });

  it('the id, the creation date or an earlier objective review rewritten by hand are caught', async () => {
    const review = { date: '2026-03-01', result: 'On track.', on_track: true };
    const repo = await branch(r.nc(), r.objective({ reviews: [review] }));
    await commit(repo, { [NC1]: r.nc({ created: '2025-12-01' })[1] });
    await commit(repo, { 'objectives/OBJ-0001.yaml': r.objective({ reviews: [{ ...review, on_track: false }] })[1] });
    const found = await findings(repo);
    expect(found.map(([rule, message]) => [rule, message.split(' changed')[0]])).toEqual([
      ['history/field-edited', 'NC-0001 is open, but created'],
      ['history/field-edited', 'OBJ-0001 is active, but reviews'],
    ]);
  });

  it('fields that cim edit may change still change freely, by hand too', async () => {
    const repo = await branch(r.nc(VERIFIED), r.heldMrt());
    await commit(repo, {
      [NC1]: r.nc({
        ...VERIFIED,
        title: 'Renamed',
        owner: 'bob',
        close_by: '2026-12-31',
        raised_on: '2026-01-09',
        notes: 'N.',
      })[1],
      [MRT1]: r.heldMrt({ decisions: [{ text: 'Buy a tool.', type: 'resource' }] })[1],
    });
    expect(await findings(repo)).toEqual([]);
  });

  it('a value that a later step records, given where there was none, passes: it alters nothing recorded', async () => {
    const reported = {
      status: 'reported',
      conducted: { from: '2026-06-01', to: '2026-06-02' },
      report: { date: '2026-06-03', conclusion: 'Fine.', findings: [] },
    };
    const repo = await branch(r.audit(reported));
    await commit(repo, { 'audits/AUD-0001.yaml': r.audit({ ...reported, reported_to: 'MRT-0001' })[1] });
    expect(await findings(repo)).toEqual([]);
  });

  it('a history of steps taken with cim, findings, edits and renumbers included, passes', async () => {
    const repo = await branch(
      r.audit({ status: 'in-progress', conducted: { from: '2026-06-01' } }),
      r.objective(),
      r.mrt({ scheduled_on: '2026-06-29' }),
      r.exception({ status: 'approved', approved_by: 'carol', approved_on: '2026-03-01', expires_on: '2026-08-31' }),
    );
    const c = ctx(repo);
    await step({ kind: 'audit', verb: 'report', id: 'AUD-0001', values: { conclusion: 'Mostly effective.' } }, c);
    await addFinding(
      {
        id: 'AUD-0001',
        type: 'minor',
        statement: 'No review in Q3.',
        requirement: 'A.5.18',
        raise: true,
        title: 'No review',
        owner: 'alice',
      },
      c,
    );
    await addFinding(
      { id: 'AUD-0001', type: 'observation', statement: 'Logs kept long.', noAction: 'Within policy.' },
      c,
    );
    await step({ kind: 'nc', verb: 'correct', id: 'NC-0001', values: { action: 'Ran it.', consequences: 'None.' } }, c);
    await edit(
      { id: 'NC-0001', set: ['title=Access review missed', 'raised_on=2026-06-29', 'close_by=2026-12-26'] },
      c,
    );
    await step(
      {
        kind: 'nc',
        verb: 'analyse',
        id: 'NC-0001',
        values: {
          method: '5-whys',
          'root-cause': 'No owner.',
          'similar-exist': 'no',
          'similar-could-occur': 'no',
          'action-required': 'yes',
        },
      },
      c,
    );
    await step(
      { kind: 'objective', verb: 'review', id: 'OBJ-0001', values: { result: 'On track.', 'on-track': 'yes' } },
      c,
    );
    await step(
      { kind: 'objective', verb: 'review', id: 'OBJ-0001', values: { result: 'Behind.', 'on-track': 'no' } },
      c,
    );
    await step(
      {
        kind: 'exception',
        verb: 'renew',
        id: 'EXC-0001',
        values: { 'expires-on': '2026-12-31', 'approved-by': 'carol' },
      },
      c,
    );
    const notes = Object.fromEntries(Object.keys(r.ALL_INPUTS).map((k) => [`${k}-notes`, `Input ${k}.`]));
    await step({ kind: 'mrt', verb: 'hold', id: 'MRT-0001', values: { attendees: 'alice,carol', ...notes } }, c);
    await renumber({ from: 'MRT-0001', to: 'MRT-0002' }, c);
    await step(
      { kind: 'nc', verb: 'withdraw', id: 'NC-0001', values: { reason: 'Raised in error.', 'approved-by': 'carol' } },
      c,
    );
    expect((await git(repo, 'log', '--format=%s', 'main..')).split('\n').filter(Boolean)).toHaveLength(12);
    expect(await findings(repo)).toEqual([]);
  });
});

describe('a prefix changed in cim.yaml', () => {
  const rejected = r.ofi({ status: 'rejected', decision: { on: '2026-02-01', by: 'carol', reason: 'Not this year.' } });

  it('does not hide a record deleted in the same commit', async () => {
    const repo = await branch(rejected);
    const sha = await commit(repo, { [OFI1]: null, 'cim.yaml': { ...BASE_CONFIG, prefixes: { ofi: 'IMP' } } });
    expect(await findings(repo)).toEqual([
      ['history/deleted', expect.stringContaining(`OFI-0001 was deleted in ${sha}`)],
    ]);
  });

  it('lets the records move to the new prefix when each new file is the old record', async () => {
    const repo = await branch(rejected);
    const [, data] = rejected;
    await commit(repo, {
      [OFI1]: null,
      'improvements/IMP-0001.yaml': { ...data, id: 'IMP-0001' },
      'cim.yaml': { ...BASE_CONFIG, prefixes: { ofi: 'IMP' } },
    });
    expect(await findings(repo)).toEqual([]);
    const { entries } = await log({ id: 'IMP-0001' }, ctx(repo));
    expect(entries.map((e) => [e.record, e.action])).toEqual([
      ['OFI-0001', 'created'],
      ['IMP-0001', 'renumbered'],
    ]);
    // The old id is found in its kind's folder, although cim.yaml no longer gives its prefix.
    const old = (await log({ id: 'OFI-0001' }, ctx(repo))).entries;
    expect(old.map((e) => [e.record, e.action, e.renumberedTo])).toEqual([
      ['OFI-0001', 'created', undefined],
      ['OFI-0001', 'renumbered', 'IMP-0001'],
    ]);
  });

  it('a record under the old prefix edited while final is still caught', async () => {
    const repo = await branch(rejected);
    await commit(repo, { 'cim.yaml': { ...BASE_CONFIG, prefixes: { ofi: 'IMP' } } });
    const sha = await commit(repo, { [OFI1]: { ...rejected[1], title: 'Rewritten' } });
    expect(await findings(repo)).toEqual([
      ['history/final-edited', expect.stringContaining(`title changed in ${sha}`)],
    ]);
  });
});

describe('cim log shows what the content shows, not what the commit claims', () => {
  const trailers = (id: string, action: string, extra = '') =>
    `ofi(${id}): ${action}\n\nCim-Record: ${id}\nCim-Action: ${action}${extra}`;

  it('a deletion committed as a step is shown as a deletion', async () => {
    const repo = await branch(r.ofi());
    await commit(repo, { [OFI1]: null }, trailers('OFI-0001', 'reject'));
    const { entries } = await log({ id: 'OFI-0001' }, ctx(repo));
    expect(entries.map((e) => e.action)).toEqual(['created', 'deleted']);
  });

  it('an action trailer that writes a row of its own is not printed', async () => {
    const repo = await branch(r.ofi());
    const [, accepted] = r.ofi({ title: 'Retitled' });
    await commit(repo, { [OFI1]: accepted }, trailers('OFI-0001', 'accept  proposed → accepted  Sam Reyes · 1a2b3c4'));
    const { entries } = await log({ id: 'OFI-0001' }, ctx(repo));
    expect(entries.map((e) => e.action)).toEqual(['created', 'edited']);
  });

  it('a jump by hand labelled as a step says the status was changed by hand', async () => {
    const repo = await branch(r.ofi());
    await commit(
      repo,
      { [OFI1]: r.ofi({ status: 'closed', closed_on: '2026-03-01' })[1] },
      trailers('OFI-0001', 'close', '\nCim-Today: not a date\nCim-Allow-Future: trust me'),
    );
    const { entries } = await log({ id: 'OFI-0001' }, ctx(repo));
    expect(entries.at(-1)).toMatchObject({ action: 'status changed by hand', from: 'proposed', to: 'closed' });
    expect(entries.at(-1)).not.toHaveProperty('today');
    expect(entries.at(-1)).not.toHaveProperty('allowedFuture');
  });

  it('a same-state step or an edit is named only when the change fits it', async () => {
    const repo = await branch(r.nc(VERIFIED));
    await commit(repo, { [NC1]: r.nc({ ...VERIFIED, title: 'Retitled' })[1] }, trailers('NC-0001', 'edit'));
    await commit(
      repo,
      { [NC1]: r.nc({ ...VERIFIED, title: 'Retitled', analysis: { ...analysis, root_cause: 'Other.' } })[1] },
      trailers('NC-0001', 'edit'),
    );
    const { entries } = await log({ id: 'NC-0001' }, ctx(repo));
    expect(entries.map((e) => e.action)).toEqual(['created', 'edit', 'edited']);
  });

  it('the steps cim takes keep their names', async () => {
    const repo = await gitRepo({
      'cim.yaml': BASE_CONFIG,
      ...r.files(r.audit({ status: 'in-progress', conducted: { from: '2026-06-01' } }), r.objective()),
    });
    const c = ctx(repo);
    await step({ kind: 'audit', verb: 'report', id: 'AUD-0001', values: { conclusion: 'Fine.' } }, c);
    await addFinding(
      {
        id: 'AUD-0001',
        type: 'minor',
        statement: 'No review.',
        requirement: 'A.5.18',
        raise: true,
        title: 'No review',
        owner: 'alice',
      },
      c,
    );
    await edit({ id: 'NC-0001', set: ['title=Renamed'] }, c);
    await step(
      { kind: 'objective', verb: 'review', id: 'OBJ-0001', values: { result: 'On track.', 'on-track': 'yes' } },
      c,
    );
    expect((await log({ id: 'AUD-0001' }, c)).entries.map((e) => e.action)).toEqual([
      'created',
      'report',
      'finding, raise',
    ]);
    expect((await log({ id: 'NC-0001' }, c)).entries.map((e) => e.action)).toEqual(['finding, raise', 'edit']);
    expect((await log({ id: 'OBJ-0001' }, c)).entries.map((e) => e.action)).toEqual(['created', 'review']);
  });
});

describe('a register moved within its repository', () => {
  /** A repository with a README at its top and a register in `compliance/isms` with steps taken. */
  async function moved(): Promise<{ repo: string; reg: string; sha: string }> {
    const repo = await gitRepo({
      'README.md': 'Top\n',
      'compliance/isms/cim.yaml': BASE_CONFIG,
      [`compliance/isms/${OFI1}`]: r.ofi()[1],
    });
    const old = join(repo, 'compliance/isms');
    await step(
      { kind: 'ofi', verb: 'reject', id: 'OFI-0001', values: { reason: 'Not this year.', by: 'carol' } },
      ctx(old),
    );
    await git(repo, 'mv', 'compliance/isms', 'compliance/reg');
    const sha = await commit(repo, {}, 'Move the register');
    return { repo, reg: join(repo, 'compliance/reg'), sha };
  }

  it('replays the history from before the move', async () => {
    const { reg } = await moved();
    expect(await findings(reg, { history: true })).toEqual([]);
  });

  it('catches what was done by hand before the move', async () => {
    const { repo, reg } = await moved();
    await git(repo, 'mv', 'compliance/reg', 'compliance/isms');
    await commit(repo, {}, 'Move it back');
    const sha = await commit(repo, {
      [`compliance/isms/${OFI1}`]: r.ofi({ status: 'proposed', title: 'Reopened by hand' })[1],
    });
    await git(repo, 'mv', 'compliance/isms', 'compliance/reg');
    await commit(repo, {}, 'Move it again');
    expect(await findings(reg, { history: true })).toEqual([
      ['history/transition', expect.stringContaining(`OFI-0001 moved from rejected to proposed in ${sha}`)],
    ]);
  });

  it('a record left behind in the move is a deletion', async () => {
    const repo = await gitRepo({
      'README.md': 'Top\n',
      'compliance/isms/cim.yaml': BASE_CONFIG,
      [`compliance/isms/${OFI1}`]: r.ofi()[1],
      [`compliance/isms/${NC1}`]: r.nc()[1],
    });
    await git(repo, 'mv', 'compliance/isms', 'compliance/reg');
    await git(repo, 'rm', '-qf', `compliance/reg/${NC1}`);
    const sha = await commit(repo, {}, 'Move the register');
    expect(await findings(join(repo, 'compliance/reg'), { history: true })).toEqual([
      ['history/deleted', expect.stringContaining(`NC-0001 was deleted in ${sha}`)],
    ]);
  });

  it('cim log shows the steps taken before the move, and the move', async () => {
    const { reg, sha } = await moved();
    const { entries } = await log({ id: 'OFI-0001' }, ctx(reg));
    expect(entries.map((e) => [e.action, e.commit.slice(0, 7) === sha ? 'move' : ''])).toEqual([
      ['created', ''],
      ['reject', ''],
      ['moved', 'move'],
    ]);
    expect(entries.at(-1)).toMatchObject({ movedFrom: 'compliance/isms' });
  });

  it('validate --base replays a move made on the branch', async () => {
    const repo = await gitRepo({
      'README.md': 'Top\n',
      'compliance/isms/cim.yaml': BASE_CONFIG,
      [`compliance/isms/${OFI1}`]: r.ofi()[1],
    });
    await git(repo, 'switch', '-q', '-c', 'feature');
    const closed = r.ofi({ status: 'closed', closed_on: '2026-03-01' })[1];
    const sha = await commit(repo, { [`compliance/isms/${OFI1}`]: closed });
    await git(repo, 'mv', 'compliance/isms', 'compliance/reg');
    await commit(repo, {}, 'Move the register');
    expect(await findings(join(repo, 'compliance/reg'))).toEqual([
      ['history/transition', expect.stringContaining(`OFI-0001 moved from proposed to closed in ${sha}`)],
    ]);
  });
});
