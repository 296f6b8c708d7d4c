// The pure history judge: versions in, findings out, by content alone.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatLog } from '../../src/cli/log-format.js';
import type { LogEntry } from '../../src/commands/history.js';
import {
  diffData,
  findRenames,
  isTree,
  judgeHistory,
  renamed,
  substitute,
  UNREADABLE,
  type CommitChanges,
  type RecordChange,
  type Version,
} from '../../src/domain/history.js';
import { editedOutsideSteps } from '../../src/domain/history-fields.js';
import { KINDS } from '../../src/domain/kinds/index.js';

const nc = KINDS.find((k) => k.name === 'nc')!;
const loop = (): Record<string, unknown> => {
  const o: Record<string, unknown> = { id: 'NC-0001' };
  o.self = { back: o };
  return o;
};
const shared = { a: 1 };

describe('isTree', () => {
  it.each([
    ['a scalar', 'text', true],
    ['a record', { id: 'NC-0001', refs: ['CA-0001'] }, true],
    ['a value reached twice by aliases', { x: shared, y: [shared, shared] }, true],
    ['an object that holds itself', loop(), false],
    [
      'a list that holds itself',
      (() => {
        const l: unknown[] = [];
        l.push([l]);
        return l;
      })(),
      false,
    ],
  ])('%s: %s', (_what, value, tree) => expect(isTree(value)).toBe(tree));

  it('finds a cycle 100,000 levels below without running out of stack', () => {
    const top: Record<string, unknown> = {};
    let node = top;
    for (let i = 0; i < 100_000; i++) node = node.next = {};
    expect(isTree(top)).toBe(true);
    node.next = top;
    expect(isTree(top)).toBe(false);
  });
});

describe('diffData, substitute, renamed', () => {
  it('lists nothing for a value that holds itself, rather than walking it for ever', () => {
    expect(diffData({ id: 'NC-0001' }, loop())).toEqual([]);
  });

  it('points references to an old id, and to its findings, at the new one, and nothing else', () => {
    const ids = new Map([['AUD-0003', 'AUD-0009']]);
    expect(substitute({ ref: 'AUD-0003#F2', items: ['AUD-0003', 'AUD-00031'], note: 'see AUD-0003' }, ids)).toEqual({
      ref: 'AUD-0009#F2',
      items: ['AUD-0009', 'AUD-00031'],
      note: 'see AUD-0003',
    });
  });

  it.each([
    ['the id changed', { id: 'NC-0002', title: 'T' }, true],
    ['the id and a reference to itself changed', { id: 'NC-0002', title: 'T', refs: ['NC-0002'] }, true],
    ['the id and the title changed', { id: 'NC-0002', title: 'U' }, false],
    ['the id left as it was', { id: 'NC-0001', title: 'T' }, false],
  ])('a new file with %s is the record renamed: %s', (_what, after, is) => {
    const before = { id: 'NC-0001', title: 'T', ...('refs' in after ? { refs: ['NC-0001'] } : {}) };
    expect(renamed(before, after, 'NC-0001', 'NC-0002') !== undefined).toBe(is);
  });
});

/** A version of NC-0001: a status (or what stands in the status field; null for none), UNREADABLE,
 * 'deleted', or fields of the record. */
type Step = string | number | null | typeof UNREADABLE | Record<string, unknown>;

/** One commit per step on NC-0001, each judged against the one before. */
function judge(...steps: Step[]): string[] {
  const file = 'nonconformities/NC-0001.yaml';
  const version = (s: Step): Version | undefined => {
    if (s === 'deleted') return undefined;
    const data =
      s === UNREADABLE
        ? UNREADABLE
        : typeof s === 'object' && s !== null
          ? { id: 'NC-0001', ...s }
          : s === null
            ? { id: 'NC-0001' }
            : { id: 'NC-0001', status: s };
    return { key: data === UNREADABLE ? `unreadable-${Math.random()}` : JSON.stringify(data), data };
  };
  let before: Version | undefined;
  const commits: CommitChanges[] = steps.map((s, i) => {
    const after = version(s);
    const change: RecordChange = { file, kind: nc, id: 'NC-0001', before: [before], after };
    before = after;
    return { where: `in c${i}`, changes: [change] };
  });
  return judgeHistory(commits).map((f) => `${f.rule} ${f.message.match(/in c\d+/)?.[0]}`);
}

describe('judgeHistory', () => {
  it.each<[string, Step[], string[]]>([
    ['legal steps', ['open', 'corrected'], []],
    ['a jump', ['open', 'closed'], ['history/transition in c1']],
    ['a status removed and put back', ['open', null, 'open'], ['history/status in c1']],
    [
      'closed, no status, open',
      ['open', 'corrected', 'analysed', 'actioned', 'verified', 'closed', null, 'open'],
      ['history/status in c6', 'history/transition in c7'],
    ],
    ['a number for a status', ['open', 7, 'corrected'], ['history/status in c1']],
    ['a state of another kind', ['open', 'approved'], ['history/status in c1']],
    ['an unreadable version between', ['open', UNREADABLE, 'closed'], ['history/transition in c2']],
    ['first without a status, then closed', [null, 'closed'], ['history/status in c0', 'history/initial in c1']],
    ['first unreadable, then closed', [UNREADABLE, 'closed'], ['history/initial in c1']],
    ['first unreadable, then open', [UNREADABLE, 'open'], []],
    ['deleted', ['open', 'deleted'], ['history/deleted in c1']],
    ['deleted without a status', [null, 'deleted'], ['history/status in c0', 'history/deleted in c1']],
    ['never readable, then deleted', [UNREADABLE, 'deleted'], []],
    [
      'a final record edited through a malformed version',
      [
        { status: 'withdrawn', title: 'A' },
        { status: [], title: 'B' },
        { status: 'withdrawn', title: 'B' },
      ],
      ['history/initial in c0', 'history/status in c1', 'history/final-edited in c2'],
    ],
  ])('%s', (_what, steps, found) => expect(judge(...steps)).toEqual(found));

  it('passes a merge that keeps the steps of both sides and that one parent allows', () => {
    const file = 'nonconformities/NC-0001.yaml';
    const v = (status: string): Version => ({ key: status, data: { id: 'NC-0001', status } });
    const merge = (after: string): CommitChanges => ({
      where: 'in m',
      changes: [{ file, kind: nc, id: 'NC-0001', before: [v('corrected'), v('open')], after: v(after) }],
    });
    expect(judgeHistory([merge('corrected')])).toEqual([]);
    expect(judgeHistory([merge('analysed')])).toEqual([]);
    expect(judgeHistory([merge('closed')]).map((f) => f.rule)).toEqual(['history/transition']);
    expect(judgeHistory([merge('open')]).map((f) => f.message)).toEqual([
      'NC-0001 is open after the merge in m, but one side had it corrected, from which no steps lead to open',
    ]);
  });

  it('does not report again, in a merge, a version without a status that came from one side', () => {
    const file = 'nonconformities/NC-0001.yaml';
    const broken: Version = { key: 'b', data: { id: 'NC-0001' } };
    const open: Version = { key: 'o', data: { id: 'NC-0001', status: 'open' } };
    const change = (before: (Version | undefined)[], after: Version): CommitChanges => ({
      where: 'in c',
      changes: [{ file, kind: nc, id: 'NC-0001', before, after }],
    });
    expect(judgeHistory([change([open], broken), change([open, broken], broken)]).map((f) => f.rule)).toEqual([
      'history/status',
    ]);
  });

  it('takes a history that starts at an unreadable version as unknown before it', () => {
    const change: RecordChange = {
      file: 'nonconformities/NC-0001.yaml',
      kind: nc,
      id: 'NC-0001',
      before: [{ key: 'x', data: UNREADABLE }],
      after: { key: 'y', data: { id: 'NC-0001', status: 'analysed' } },
    };
    expect(judgeHistory([{ where: 'in c', changes: [change] }])).toEqual([]);
  });
});

describe('findRenames', () => {
  const change = (id: string, before: object | undefined, after: object | undefined): RecordChange => ({
    file: `nonconformities/${id}.yaml`,
    kind: nc,
    id,
    before: [before && { key: `${id}-old`, data: before }],
    after: after && { key: `${id}-new`, data: after },
  });

  it('pairs each removed record with the added one that is it under a new id, among thousands', () => {
    const n = 3000;
    const id = (i: number) => `NC-${String(i).padStart(4, '0')}`;
    const record = (i: number, as: string) => ({ id: as, title: `Record ${i}`, status: 'open', created: '2026-01-10' });
    const changes = [
      ...Array.from({ length: n }, (_, i) => change(id(i), record(i, id(i)), undefined)),
      ...Array.from({ length: n }, (_, i) => change(id(n + i), undefined, record(n - 1 - i, id(n + i)))),
    ];
    const found = findRenames(changes, (c) => c.before[0]?.data);
    expect(found).toHaveLength(n);
    expect(found.every((r) => Number(r.from.id.slice(3)) + Number(r.to.id.slice(3)) === 2 * n - 1)).toBe(true);
  });

  it('pairs an added record with one removed record only', () => {
    const data = (as: string) => ({ id: as, title: 'Same', status: 'open' });
    const changes = [
      change('NC-0001', data('NC-0001'), undefined),
      change('NC-0002', data('NC-0002'), undefined),
      change('NC-0003', undefined, data('NC-0003')),
    ];
    expect(findRenames(changes, (c) => c.before[0]?.data).map((r) => [r.from.id, r.to.id])).toEqual([
      ['NC-0001', 'NC-0003'],
    ]);
  });
});

describe('formatLog', () => {
  const base = { date: '2026-01-10', author: 'Alice Example', email: 'a@example.com', changes: [] };
  const entries: LogEntry[] = [
    { ...base, commit: 'a'.repeat(40), record: 'NC-0001', action: 'created', to: 'open', beforeRenumber: true },
    {
      ...base,
      commit: 'b'.repeat(40),
      record: 'NC-0002',
      action: 'renumber',
      from: 'open',
      to: 'open',
      renumberedFrom: 'NC-0001',
      changes: [{ path: 'id', before: 'NC-0001', after: 'NC-0002' }],
    },
  ];

  it("marks a record's changes under an earlier id, and names both ids of a renumber", () => {
    expect(formatLog(entries, new Chalk({ level: 0 }), true).split('\n')).toEqual([
      '2026-01-10  created (as NC-0001)  open  Alice Example · aaaaaaa',
      '2026-01-10  renumber NC-0001 → NC-0002  open  Alice Example · bbbbbbb',
      '    ~ id: NC-0001 → NC-0002',
    ]);
  });

  it('says in the register log which id a record was renumbered from', () => {
    expect(formatLog(entries, new Chalk({ level: 0 }), false).split('\n')[1]).toBe(
      '2026-01-10  NC-0002 renumber from NC-0001  open  Alice Example · bbbbbbb',
    );
  });
});

describe('editedOutsideSteps', () => {
  const kind = (name: string) => KINDS.find((k) => k.name === name)!;
  const review = (date: string, on_track = true) => ({ date, result: 'On track.', on_track });
  const finding = { ref: 'F1', type: 'minor', statement: 'No review.' };
  const correction = { action: 'Ran it.', consequences: 'None.', date: '2026-02-01' };
  const analysis = { method: '5-whys', root_cause: 'No owner.', similar: { exist: false, could_occur: false } };
  it.each<[string, string, string, string, object, object, string[]]>([
    ['a step recording its own fields', 'nc', 'open', 'corrected', {}, { correction }, []],
    [
      'a step that also rewrites an earlier one',
      'nc',
      'corrected',
      'analysed',
      { correction },
      { correction: { ...correction, action: 'Nothing.' }, analysis },
      ['correction.action'],
    ],
    [
      'a recorded value removed',
      'nc',
      'corrected',
      'corrected',
      { correction },
      {},
      ['correction.action (removed)', 'correction.consequences (removed)', 'correction.date (removed)'],
    ],
    [
      'a value a later step records, given ahead of it',
      'audit',
      'reported',
      'reported',
      {},
      { reported_to: 'MRT-0001' },
      [],
    ],
    [
      'fields any edit may change',
      'nc',
      'verified',
      'verified',
      { title: 'A', raised_on: '2026-01-01' },
      { title: 'B', raised_on: '2026-01-02' },
      [],
    ],
    ['the creation date', 'nc', 'open', 'open', { created: '2026-01-01' }, { created: '2025-01-01' }, ['created']],
    [
      'an attendee removed',
      'mrt',
      'held',
      'held',
      { attendees: ['alice', 'carol'] },
      { attendees: ['alice'] },
      ['attendees'],
    ],
    [
      'an attendee added',
      'mrt',
      'held',
      'held',
      { attendees: ['alice'] },
      { attendees: ['alice', 'carol'] },
      ['attendees'],
    ],
    [
      'a review added',
      'objective',
      'active',
      'active',
      { reviews: [review('2026-01-01')] },
      { reviews: [review('2026-01-01'), review('2026-02-01')] },
      [],
    ],
    [
      'an earlier review rewritten',
      'objective',
      'active',
      'active',
      { reviews: [review('2026-01-01')] },
      { reviews: [review('2026-01-01', false), review('2026-02-01')] },
      ['reviews'],
    ],
    [
      'an exception renewed',
      'exception',
      'approved',
      'approved',
      { approved_on: '2026-01-01', expires_on: '2026-06-30' },
      { approved_on: '2026-06-01', expires_on: '2026-12-31' },
      [],
    ],
    [
      'a finding added to a reported audit, with what it raised',
      'audit',
      'reported',
      'reported',
      { report: { date: '2026-02-01', conclusion: 'Fine.', findings: [finding] } },
      {
        report: {
          date: '2026-02-01',
          conclusion: 'Fine.',
          findings: [finding, { ...finding, ref: 'F2', raised: 'NC-0001' }],
        },
      },
      [],
    ],
    [
      'a reported finding rewritten',
      'audit',
      'reported',
      'reported',
      { report: { date: '2026-02-01', conclusion: 'Fine.', findings: [finding] } },
      { report: { date: '2026-02-01', conclusion: 'Fine.', findings: [{ ...finding, statement: 'All fine.' }] } },
      ['report.findings'],
    ],
    [
      'the conclusion of a reported audit rewritten',
      'audit',
      'reported',
      'reported',
      { report: { date: '2026-02-01', conclusion: 'Fine.', findings: [] } },
      { report: { date: '2026-02-01', conclusion: 'Poor.', findings: [] } },
      ['report.conclusion'],
    ],
  ])('%s', (_what, name, from, to, before, after, edited) => {
    const found = editedOutsideSteps(kind(name), from, to, before, after);
    expect(found.map((f) => `${f.path}${f.removed ? ' (removed)' : ''}`)).toEqual(edited);
  });
});

describe('judgeHistory of merges that lack a record', () => {
  const file = 'nonconformities/NC-0002.yaml';
  const v = (key: string): Version => ({ key, data: { id: 'NC-0002', status: 'open' } });
  const change = (before: (Version | undefined)[], after?: Version): RecordChange => ({
    file,
    kind: nc,
    id: 'NC-0002',
    before,
    after,
  });
  const rules = (...commits: RecordChange[][]) =>
    judgeHistory(commits.map((changes, i) => ({ where: `in c${i}`, changes }))).map((f) => `${f.rule} ${f.message}`);

  it('a record one parent has and the merge has not is a deletion, even where another parent never had it', () => {
    expect(rules([change([undefined], v('a'))], [change([undefined, v('a')])])).toEqual([
      'history/deleted NC-0002 was deleted in c1',
    ]);
  });

  it('a merge that takes a removal from the side that made it is not a deletion again', () => {
    expect(rules([change([undefined], v('a'))], [change([v('a')])], [change([undefined, v('a')])])).toEqual([
      'history/deleted NC-0002 was deleted in c1',
    ]);
  });

  it('a merge that drops what one side changed after the other side removed it is a deletion', () => {
    expect(
      rules(
        [change([undefined], v('a'))],
        [change([v('a')])],
        [change([v('a')], v('b'))],
        [change([undefined, v('b')])],
      ),
    ).toEqual(['history/deleted NC-0002 was deleted in c1', 'history/deleted NC-0002 was deleted in c3']);
  });
});

describe('formatLog of a register that moved', () => {
  const base = { date: '2026-01-10', author: 'Alice Example', email: 'a@example.com', changes: [] };
  it('names the folder the register was moved from', () => {
    const entries: LogEntry[] = [
      {
        ...base,
        commit: 'c'.repeat(40),
        record: 'OFI-0001',
        action: 'moved',
        to: 'rejected',
        movedFrom: 'compliance/isms',
      },
      { ...base, commit: 'd'.repeat(40), record: 'OFI-0002', action: 'edited', to: 'proposed', movedFrom: '' },
    ];
    expect(formatLog(entries, new Chalk({ level: 0 }), true).split('\n')).toEqual([
      '2026-01-10  moved from compliance/isms  rejected  Alice Example · ccccccc',
      '2026-01-10  edited, moved from the top folder  proposed  Alice Example · ddddddd',
    ]);
  });
});
