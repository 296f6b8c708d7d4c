// Shell completion's candidates: the real command tree and kind tables, with the register's facts
// given by hand, so each case is the words typed and what a TAB offers.
import { describe, expect, it } from 'vitest';
import {
  type Facts,
  needsRegister,
  offer,
  pathsWanted,
  unquoted,
  wordsFrom,
} from '../../src/cli/completion/candidates.js';
import { CATALOG, complete, targetFor } from '../../src/cli/completion/complete.js';
import { KIND_COMMANDS } from '../../src/cli/kind-names.js';
import { buildProgram } from '../../src/cli/main.js';
import { completionFacts } from '../../src/commands/completion-facts.js';
import { nc } from '../helpers/records.js';
import { BASE_CONFIG, writeTree } from '../helpers/register.js';

const FACTS: Facts = {
  records: [
    { id: 'NC-0001', kind: 'nc', status: 'open', title: 'Backups untested', final: false, openActions: [] },
    { id: 'NC-0002', kind: 'nc', status: 'verified', title: 'Leavers kept access', final: false, openActions: [] },
    { id: 'NC-0003', kind: 'nc', status: 'analysed', title: 'Patching late', final: false, openActions: [] },
    { id: 'NC-0004', kind: 'nc', status: 'closed', title: 'Old finding', final: true, openActions: [] },
    { id: 'NC-0005', kind: 'nc', status: 'actioned', title: 'Logs not kept', final: false, openActions: [] },
    { id: 'CA-0001', kind: 'ca', status: 'planned', title: 'Test restores', final: false, openActions: [] },
    {
      id: 'MRT-0001',
      kind: 'mrt',
      status: 'held',
      title: 'Review 2026',
      final: false,
      openActions: [['A2', 'Book the audit']],
    },
  ],
  people: [
    ['alice', 'Alice Example'],
    ['bob', 'Bob Example'],
    ['$(touch pwned)', 'Not a plain word'],
  ],
  areas: [
    ['it', 'IT'],
    ['hr', 'HR'],
  ],
};

const program = buildProgram(KIND_COMMANDS);
const ctx = { cwd: '/', env: {}, now: new Date(2026, 5, 1, 12) };

/** The values a TAB offers after `cim <words>`. */
async function tab(...words: string[]): Promise<string[]> {
  return offer(await targetFor(program, words, ctx), CATALOG, FACTS).map((c) => c.value);
}

describe('commands and verbs', () => {
  it('offers the commands, the kinds among them, and not the hidden callback', async () => {
    const offered = await tab('');
    expect(offered).toEqual(expect.arrayContaining(['list', 'show', 'completion', 'nc', 'ca', 'mrt']));
    expect(offered).not.toContain('complete');
  });
  it('offers only commands starting with what is typed', async () => expect(await tab('sh')).toEqual(['show']));
  it("offers a kind's verbs, its extra steps too", async () =>
    expect(await tab('nc', '')).toEqual(expect.arrayContaining(['open', 'correct', 'close', 'withdraw', 'extend'])));
  it('offers the review steps of mrt', async () =>
    expect(await tab('mrt', '')).toEqual(expect.arrayContaining(['schedule', 'hold', 'decide', 'done'])));
  it('offers the shells', async () => expect(await tab('completion', '')).toEqual(['bash', 'zsh', 'fish']));
  it('offers kinds where an argument is a kind', async () =>
    expect(await tab('list', '')).toEqual(KIND_COMMANDS.map(([name]) => name)));
  it('offers config beside the kinds to schema', async () =>
    expect(await tab('schema', '')).toEqual([...KIND_COMMANDS.map(([name]) => name), 'config']));
});

describe('record ids, by what the command accepts', () => {
  it('close: only the NCs in a state close leads from', async () =>
    expect(await tab('nc', 'close', '')).toEqual(['NC-0002', 'NC-0003']));
  it('correct: only open NCs', async () => expect(await tab('nc', 'correct', '')).toEqual(['NC-0001']));
  it('extend: every NC still open', async () =>
    expect(await tab('nc', 'extend', '')).toEqual(['NC-0001', 'NC-0002', 'NC-0003', 'NC-0005']));
  it('after global options and with a prefix', async () =>
    expect(await tab('-C', 'reg', '--json', 'nc', 'close', 'NC-0003')).toEqual(['NC-0003']));
  it('creating verbs take no id', async () => expect(await tab('nc', 'open', '')).toEqual([]));
  it('show and log: every record', async () => {
    expect(await tab('show', '')).toHaveLength(FACTS.records.length);
    expect(await tab('log', 'MRT')).toEqual(['MRT-0001']);
  });
  it('edit: no record in a final state, which edit refuses', async () => {
    const offered = await tab('edit', '');
    expect(offered).not.toContain('NC-0004');
    expect(offered).toContain('NC-0001');
  });
  it('attach: any record, then files', async () => {
    expect(await tab('attach', '')).toContain('NC-0004');
    expect(pathsWanted(await targetFor(program, ['attach', 'NC-0004', ''], ctx))).toBe('files');
  });
  it("mrt done: the review's open actions", async () =>
    expect(await tab('mrt', 'done', 'MRT-0001', '')).toEqual(['A2']));
  it('nothing after the last argument', async () => expect(await tab('nc', 'close', 'NC-0002', '')).toEqual([]));
});

describe('flags and their values', () => {
  it("offers the verb's flags", async () =>
    expect(await tab('nc', 'close', 'NC-0002', '--')).toEqual(
      expect.arrayContaining(['--closed-by', '--reviewed-in', '--dry-run', '--no-commit']),
    ));
  it('offers the global options at the top', async () =>
    expect(await tab('-')).toEqual(expect.arrayContaining(['-C', '--json', '--no-input'])));
  it('people for person flags, never a word the shell would expand', async () => {
    expect(await tab('nc', 'open', '--owner', '')).toEqual(['alice', 'bob']);
    expect(await tab('attach', 'NC-0001', '--by', 'b')).toEqual(['bob']);
    expect(await tab('nc', 'extend', 'NC-0001', '--approved-by', '')).toEqual(['alice', 'bob']);
    expect(await tab('list', '--owner', '')).toEqual(['alice', 'bob']);
  });
  it('areas for area flags', async () => expect(await tab('nc', 'open', '--area', '')).toEqual(['it', 'hr']));
  it('grades', async () => expect(await tab('nc', 'open', '--grade', '')).toEqual(['major', 'minor']));
  it('finding types', async () =>
    expect(await tab('audit', 'finding', 'AUD-0001', '--type', 'o')).toEqual(['observation', 'ofi']));
  it('formats, also after --format=', async () => {
    expect(await tab('validate', '--format', '')).toEqual([
      'text',
      'json',
      'github',
      'gitlab',
      'junit',
      'sarif',
      'markdown',
    ]);
    expect(await tab('validate', '--format=g')).toEqual(['github', 'gitlab']);
  });
  it('the states of the kind named', async () => {
    expect(await tab('list', 'nc', '--status', '')).toEqual(CATALOG.find((k) => k.name === 'nc')!.states);
    expect(await tab('list', '--status', 'witho')).toEqual([]);
    expect(await tab('list', '--status', 'with')).toEqual(['withdrawn']);
  });
  it('record refs of the kinds a flag takes', async () =>
    expect(await tab('ca', 'plan', '--nc', '')).toEqual(['NC-0001', 'NC-0002', 'NC-0003', 'NC-0004', 'NC-0005']));
  it('the next item of a list, leaving out those given', async () =>
    expect(await tab('mrt', 'schedule', '--members', 'alice,')).toEqual(['alice,bob']));
  it('folders for -C', async () => expect(pathsWanted(await targetFor(program, ['-C', ''], ctx))).toBe('dirs'));
  it('nothing for a value with no known choices', async () => expect(await tab('show', '--as-of', '')).toEqual([]));
});

describe('the line', () => {
  it.each([
    [['--format', '=', 'md'], ['--format=md']],
    [['--format', '='], ['--format=']],
    [
      ['-C', '"my dir"'],
      ['-C', 'my dir'],
    ],
    [
      ['-C', "'it''s'"],
      ['-C', 'its'],
    ],
    [
      ['-C', 'my\\ dir'],
      ['-C', 'my dir'],
    ],
    [['='], ['=']],
  ])('%j is read as %j', (raw, words) => expect(wordsFrom(raw)).toEqual(words));
  it('keeps the -C folder', async () =>
    expect((await targetFor(program, ['-C', 'a/reg', 'show', ''], ctx)).dir).toBe('a/reg'));
  it('keeps a -C folder written -Cdir', async () =>
    expect((await targetFor(program, ['-Ca/reg', 'show', ''], ctx)).dir).toBe('a/reg'));
  it('reads the register only when the word needs it', async () => {
    expect(needsRegister(await targetFor(program, ['list', ''], ctx))).toBe(false);
    expect(needsRegister(await targetFor(program, ['nc', 'close', ''], ctx))).toBe(true);
  });
  it('an unclosed quote is read to the end of the word', () => expect(unquoted('"my di')).toBe('my di'));
});

const prefixed = (folder: string, files: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(files).map(([file, data]) => [folder + file, data]));

describe('the facts read from a register', () => {
  const review = {
    id: 'MRT-0001',
    title: 'Review 2026',
    status: 'held',
    actions: [
      { ref: 'A1', text: 'Done already', status: 'done' },
      { ref: 'A2', text: 'Book the audit', status: 'open' },
    ],
  };
  const records = {
    ...Object.fromEntries([nc({ status: 'closed' }, 'NC-0001'), nc({ status: 'open' }, 'NC-0002')]),
    'reviews/MRT-0001.yaml': review,
  };

  it('ids, states, finality, open actions, people and areas, from a folder inside the register', async () => {
    const root = await writeTree({ 'cim.yaml': BASE_CONFIG, ...records });
    const facts = await completionFacts('nonconformities', { ...ctx, cwd: root });
    expect(facts.records.map((r) => [r.id, r.status, r.final])).toEqual([
      ['NC-0001', 'closed', true],
      ['NC-0002', 'open', false],
      ['MRT-0001', 'held', false],
    ]);
    expect(facts.records.find((r) => r.id === 'MRT-0001')!.openActions).toEqual([['A2', 'Book the audit']]);
    expect(facts.people.map(([id]) => id)).toEqual(['alice', 'bob', 'carol']);
    expect(facts.areas).toEqual([
      ['it', 'IT'],
      ['hr', 'HR'],
    ]);
  });

  it('answers in the protocol, finding ~/ in -C under HOME', async () => {
    const home = await writeTree({ 'reg/cim.yaml': BASE_CONFIG, ...prefixed('reg/', records) });
    const answer = await complete(program, ['-C', '~/reg', 'nc', 'correct', ''], { ...ctx, env: { HOME: home } });
    expect(answer).toBe('NC-0002\topen: Access reviews not performed\n:4\n');
  });

  it('the records still, when cim.yaml is not YAML', async () => {
    const root = await writeTree({ 'cim.yaml': 'people: [unclosed\n', ...records });
    const facts = await completionFacts(undefined, { ...ctx, cwd: root });
    expect(facts.records).toHaveLength(3);
    expect(facts.people).toEqual([]);
  });
});
