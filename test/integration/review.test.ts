// The management-review loop, taken with cim in a temporary git repository: a review held with
// its decisions and actions, approved with a conclusion, and its actions marked done afterwards,
// each its own commit that the history check accepts; and what a review of substance refuses.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { edit as editRecord } from '../../src/commands/edit.js';
import { addAction, decide, markDone } from '../../src/commands/review.js';
import { step } from '../../src/commands/step.js';
import { UserError } from '../../src/errors.js';
import { git, gitRepo } from '../helpers/git.js';
import { commit, ctx, findings } from '../helpers/history.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG } from '../helpers/register.js';

const NOTES = Object.fromEntries(
  ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'].map((k) => [`${k}-notes`, `What was said on input ${k}.`]),
);
const CONCLUSION = 'The ISMS remains suitable, adequate and effective for the organisation as it is now.';

/** A repository with one scheduled review (members alice and carol; carol is top management). */
async function scheduled(extra: Record<string, unknown> = {}, config: object = BASE_CONFIG): Promise<string> {
  return gitRepo({
    'cim.yaml': config,
    ...r.files(r.mrt({ scheduled_on: '2026-06-01', created: '2026-05-01' })),
    ...extra,
  });
}

const hold = (repo: string, values: Record<string, string> = {}) =>
  step(
    {
      kind: 'mrt',
      verb: 'hold',
      id: 'MRT-0001',
      values: { attendees: 'alice,carol', 'held-on': '2026-06-01', ...NOTES, ...values },
    },
    ctx(repo),
  );

const approve = (repo: string, values: Record<string, string> = {}) =>
  step(
    {
      kind: 'mrt',
      verb: 'approve',
      id: 'MRT-0001',
      values: { 'approved-by': 'carol', conclusion: CONCLUSION, ...values },
    },
    ctx(repo),
  );

async function record(repo: string): Promise<Record<string, unknown>> {
  return parse(await readFile(join(repo, 'reviews/MRT-0001.yaml'), 'utf8')) as Record<string, unknown>;
}

async function trailer(repo: string, key: string): Promise<string> {
  return (await git(repo, 'log', '-1', `--format=%(trailers:key=${key},valueonly)`)).trim();
}

/** The message of the UserError a promise is refused with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(UserError);
  return (e as UserError).message;
}

describe('the steps a review records what it produced by', () => {
  it('records a decision, an action and its completion after approval, one commit each, with a clean history', async () => {
    const repo = await scheduled();
    await hold(repo);
    const d = await decide(
      { id: 'MRT-0001', type: 'resource', text: 'Fund a second on-call engineer from January.' },
      ctx(repo),
    );
    expect(d).toMatchObject({ ref: '1', status: 'held' });
    expect(await trailer(repo, 'Cim-Action')).toBe('decide');
    const a1 = await addAction(
      { id: 'MRT-0001', text: 'Hire the engineer.', owner: 'alice', due: '2026-09-30' },
      ctx(repo),
    );
    const a2 = await addAction(
      { id: 'MRT-0001', text: 'Update the rota.', owner: 'carol', due: '2026-10-31' },
      ctx(repo),
    );
    expect([a1.ref, a2.ref]).toEqual(['A1', 'A2']);
    expect(await trailer(repo, 'Cim-Action')).toBe('action');
    await approve(repo);
    const done = await markDone(
      { id: 'MRT-0001', ref: 'a1', on: '2026-06-20', evidence: 'Offer letter signed and filed in HR-2291.' },
      ctx(repo),
    );
    expect(done).toMatchObject({ ref: 'A1', status: 'approved' });
    expect(await trailer(repo, 'Cim-Action')).toBe('done');
    const data = await record(repo);
    expect(data.decisions).toEqual([{ text: 'Fund a second on-call engineer from January.', type: 'resource' }]);
    expect(data.actions).toEqual([
      {
        ref: 'A1',
        text: 'Hire the engineer.',
        owner: 'alice',
        due: '2026-09-30',
        status: 'done',
        done_on: '2026-06-20',
        evidence: 'Offer letter signed and filed in HR-2291.',
      },
      { ref: 'A2', text: 'Update the rota.', owner: 'carol', due: '2026-10-31', status: 'open' },
    ]);
    expect(await findings(repo, { history: true })).toEqual([]);
  });

  it('holds a review with its decisions and actions in the one hold commit', async () => {
    const repo = await scheduled();
    const { heldAppends } = await import('../../src/commands/review.js');
    await step(
      {
        kind: 'mrt',
        verb: 'hold',
        id: 'MRT-0001',
        values: { attendees: 'alice,carol', ...NOTES },
        appends: heldAppends(
          ['improvement: Review supplier access quarterly.', 'change: Move backups to the second site.'],
          ['alice 2026-08-31: Write the supplier access procedure.'],
        ),
      },
      ctx(repo),
    );
    const data = await record(repo);
    expect(data.decisions).toEqual([
      { text: 'Review supplier access quarterly.', type: 'improvement' },
      { text: 'Move backups to the second site.', type: 'change' },
    ]);
    expect(data.actions).toEqual([
      { ref: 'A1', text: 'Write the supplier access procedure.', owner: 'alice', due: '2026-08-31', status: 'open' },
    ]);
    expect(Number((await git(repo, 'rev-list', '--count', 'HEAD')).trim())).toBe(2);
    expect(await findings(repo, { history: true })).toEqual([]);
  });

  it('refuses decisions and actions on a review not held, or whose minutes are approved', async () => {
    const repo = await scheduled();
    expect(await refusal(decide({ id: 'MRT-0001', type: 'change', text: 'Something.' }, ctx(repo)))).toMatch(
      /MRT-0001 is scheduled/,
    );
    await hold(repo, {});
    expect(await refusal(decide({ id: 'MRT-0001', type: 'nonsense', text: 'X.' }, ctx(repo)))).toMatch(
      /--type nonsense is not a kind of decision/,
    );
    await decide({ id: 'MRT-0001', type: 'change', text: 'Move backups to the second site.' }, ctx(repo));
    await approve(repo);
    expect(
      await refusal(addAction({ id: 'MRT-0001', text: 'Late.', owner: 'alice', due: '2026-09-30' }, ctx(repo))),
    ).toMatch(/MRT-0001 is approved/);
  });

  it('marks an action done once, with evidence that says something, on a day after the meeting', async () => {
    const repo = await scheduled();
    await hold(repo);
    await addAction({ id: 'MRT-0001', text: 'Hire the engineer.', owner: 'alice', due: '2026-09-30' }, ctx(repo));
    expect(await refusal(markDone({ id: 'MRT-0001', ref: 'A9', evidence: 'Offer signed.' }, ctx(repo)))).toMatch(
      /MRT-0001 has no action A9/,
    );
    expect(await refusal(markDone({ id: 'MRT-0001', ref: 'A1', evidence: 'n/a' }, ctx(repo)))).toMatch(
      /does not say what shows it was done/,
    );
    expect(
      await refusal(
        markDone({ id: 'MRT-0001', ref: 'A1', on: '2026-05-01', evidence: 'Offer letter signed.' }, ctx(repo)),
      ),
    ).toMatch(/before MRT-0001 was held/);
    expect(
      await refusal(
        markDone({ id: 'MRT-0001', ref: 'A1', on: '2026-07-01', evidence: 'Offer letter signed.' }, ctx(repo)),
      ),
    ).toMatch(/after today/);
    await markDone({ id: 'MRT-0001', ref: 'A1', evidence: 'Offer letter signed and filed.' }, ctx(repo));
    expect(await refusal(markDone({ id: 'MRT-0001', ref: 'A1', evidence: 'Offer letter signed.' }, ctx(repo)))).toMatch(
      /already done/,
    );
  });

  it('finds a hand edit of approved minutes, even one made with an action marked done', async () => {
    const repo = await scheduled();
    await hold(repo);
    await decide({ id: 'MRT-0001', type: 'change', text: 'Move backups to the second site.' }, ctx(repo));
    await addAction({ id: 'MRT-0001', text: 'Hire the engineer.', owner: 'alice', due: '2026-09-30' }, ctx(repo));
    await approve(repo);
    const data = await record(repo);
    const actions = data.actions as Record<string, unknown>[];
    const done = { ...actions[0], status: 'done', done_on: '2026-06-20', evidence: 'Offer letter signed.' };
    // Marked done by hand, the only change: what `cim mrt done` writes, so nothing is found.
    await commit(repo, { 'reviews/MRT-0001.yaml': { ...data, actions: [done] } });
    expect(await findings(repo, { history: true })).toEqual([]);
    // With the decision reworded at the same time: the minutes were edited.
    await commit(repo, {
      'reviews/MRT-0001.yaml': { ...data, actions: [done], decisions: [{ text: 'Reworded.', type: 'change' }] },
    });
    expect((await findings(repo, { history: true })).map(([rule]) => rule)).toEqual(['history/final-edited']);
  });

  it('finds an action reworded as it is marked done, and one taken back to open', async () => {
    const repo = await scheduled();
    await hold(repo);
    await addAction({ id: 'MRT-0001', text: 'Hire the engineer.', owner: 'alice', due: '2026-09-30' }, ctx(repo));
    const data = await record(repo);
    const [a] = data.actions as Record<string, unknown>[];
    await commit(repo, {
      'reviews/MRT-0001.yaml': {
        ...data,
        actions: [
          { ...a, text: 'Something easier.', status: 'done', done_on: '2026-06-20', evidence: 'It is done now.' },
        ],
      },
    });
    expect((await findings(repo, { history: true })).map(([rule]) => rule)).toEqual(['history/field-edited']);
  });
});

describe('what cim edit leaves to the steps', () => {
  it("refuses a review's decisions and actions, and an NC's extensions, naming the step that records them", async () => {
    const repo = await scheduled(r.files(r.nc()));
    await hold(repo);
    const edit = (id: string, set: string) => editRecord({ id, set: [set] }, ctx(repo));
    expect(await refusal(edit('MRT-0001', 'decisions=[]'))).toMatch(/decisions is set by the lifecycle, not by edit/);
    const actions = await edit('MRT-0001', 'actions=[]').then(
      () => '',
      (e: unknown) => (e as UserError).hint ?? '',
    );
    expect(actions).toContain('cim mrt action');
    expect(await refusal(edit('NC-0001', 'extensions=[]'))).toMatch(/extensions is set by the lifecycle/);
    expect(Number((await git(repo, 'rev-list', '--count', 'HEAD')).trim())).toBe(2);
  });
});

describe('a review of substance', () => {
  it('is held with someone from top management there', async () => {
    const repo = await scheduled();
    expect(await refusal(hold(repo, { attendees: 'alice' }))).toMatch(/no one with the top-management role attended/);
  });

  it('is attended by its members; others are guests', async () => {
    const repo = await scheduled();
    expect(await refusal(hold(repo, { attendees: 'alice,carol,bob' }))).toMatch(/bob attended but is not a member/);
    await hold(repo, { guests: 'bob' });
    expect((await record(repo)).guests).toEqual(['bob']);
  });

  it('refuses notes that say nothing on an input the agenda had something under', async () => {
    const repo = await scheduled(r.files(r.nc({ raised_on: '2026-05-10', created: '2026-05-10' })));
    const message = await refusal(hold(repo, { 'd1-notes': 'n/a' }));
    expect(message).toMatch(/--d1-notes "n\/a" says nothing, yet the agenda had something under that input/);
    // Input e (external audits) had nothing on this agenda: "None" stands.
    await hold(repo, { 'e-notes': 'None' });
    expect((await record(repo)).inputs).toMatchObject({ e: { notes: 'None' } });
  });

  it('refuses notes that say nothing beside the records presented under them', async () => {
    const repo = await scheduled(r.files(r.nc({ raised_on: '2026-05-10', created: '2026-05-10' })));
    expect(await refusal(hold(repo, { 'g-notes': 'tbd', 'g-items': 'NC-0001' }))).toMatch(
      /the notes on input g say "tbd", yet a record was presented under it/,
    );
  });

  it('approves minutes with a decision, a conclusion that says something and an approver not alone', async () => {
    const repo = await scheduled();
    await hold(repo);
    expect(await refusal(approve(repo))).toMatch(/records no decision/);
    await decide({ id: 'MRT-0001', type: 'improvement', text: 'Review supplier access quarterly.' }, ctx(repo));
    expect(await refusal(approve(repo, { conclusion: 'Fine.' }))).toMatch(/says too little to judge the ISMS by/);
    await approve(repo);
    expect((await record(repo)).conclusion).toBe(CONCLUSION);
  });

  it('refuses approval by the only attendee', async () => {
    const config = {
      ...BASE_CONFIG,
      people: BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, roles: [...p.roles, 'top-management'] } : p)),
    };
    const repo = await scheduled({}, config);
    await hold(repo, { attendees: 'alice' });
    await decide({ id: 'MRT-0001', type: 'improvement', text: 'Review supplier access quarterly.' }, ctx(repo));
    expect(await refusal(approve(repo, { 'approved-by': 'alice' }))).toMatch(
      /alice approved the minutes of a review only they attended/,
    );
    await approve(repo, { 'approved-by': 'carol' });
  });

  it('closes an NC as reviewed at a review only when the review presented it', async () => {
    const analysed = {
      status: 'verified',
      raised_on: '2026-05-10',
      created: '2026-05-10',
      correction: { action: 'Fixed.', consequences: 'None.', date: '2026-05-11' },
      analysis: {
        method: '5-whys',
        root_cause: 'Nobody owned the quarterly review task.',
        similar: { exist: false, could_occur: false },
      },
      action_required: false,
      action_justification: 'The correction removed the only instance and the task now has an owner.',
    };
    const repo = await scheduled(r.files(r.nc(analysed)));
    await hold(repo);
    const close = () =>
      step(
        { kind: 'nc', verb: 'close', id: 'NC-0001', values: { 'reviewed-in': 'MRT-0001', 'closed-by': 'carol' } },
        ctx(repo),
      );
    const message = await refusal(close());
    expect(message).toMatch(/MRT-0001 does not list it among what it presented/);
  });
});
