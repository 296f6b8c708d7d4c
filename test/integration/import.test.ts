// `cim import` in a temporary git repository: every row written in one commit or nothing at all,
// every problem reported by row, records migrated in later states shown to the review of the
// branch, and `imported` guarded against edits afterwards.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { edit } from '../../src/commands/edit.js';
import { log } from '../../src/commands/history.js';
import { ImportRefused, importRecords, type ImportOptions } from '../../src/commands/import.js';
import { validateRegister } from '../../src/commands/validate.js';
import { UserError } from '../../src/errors.js';
import { git } from '../helpers/git.js';
import { branch, commit, ctx, write } from '../helpers/history.js';

const NC_HEADER = 'Title;Grade;Source type;Requirement;Area;Owner;Description;Raised by;Raised on';
const ncRow = (title: string, extra = '') =>
  `${title};minor;self-identified;A.5.18;it;alice;"Found in the ${title.toLowerCase()}.\r\nSecond line.";alice;2026-06-0${extra || '1'}`;
const csv = (...lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

const run = (root: string, opts: Partial<ImportOptions> & Pick<ImportOptions, 'sources'>) =>
  importRecords(opts, ctx(root));

async function refusal(promise: Promise<unknown>): Promise<ImportRefused> {
  const e: unknown = await promise.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ImportRefused);
  return e as ImportRefused;
}

/** HEAD and the files under the kind's folder: what a refused import must leave as it was. */
async function state(root: string): Promise<string> {
  const head = (await git(root, 'rev-parse', 'HEAD')).trim();
  const files = await readdir(join(root, 'nonconformities')).catch(() => [] as string[]);
  const status = await git(root, 'status', '--porcelain', '--untracked-files=all');
  return `${head}\n${files.join(',')}\n${status}`;
}

describe('cim import', () => {
  let root: string;
  beforeAll(async () => {
    root = await branch();
    await commit(root, { 'in/ncs.csv': csv(NC_HEADER, ncRow('Server room'), '', ncRow('Backup log', '2')) });
  });

  it('refuses every bad row at once and writes nothing', async () => {
    await write(root, {
      'in/bad.csv': csv(
        NC_HEADER,
        ncRow('Fine'),
        ncRow('Bad grade').replace('minor', 'tiny'),
        ncRow('Bad').replace(';it;', ';nowhere;'),
      ),
    });
    const before = await state(root);
    const e = await refusal(run(root, { sources: [{ kind: 'nc', file: 'in/bad.csv' }] }));
    expect(e.problems.map((p) => [p.file, p.row, p.column])).toEqual([
      ['in/bad.csv', 3, 'Grade'],
      ['in/bad.csv', 4, 'Area'],
    ]);
    expect(e.message).toContain('in/bad.csv:3: Grade');
    expect(e.exitCode).toBe(1);
    await git(root, 'clean', '-fdq', 'in');
    expect(await state(root)).toBe(before.replace(/\?\? in\/bad.csv\n/, ''));
  });

  it('refuses a status column without --migrate, naming the flag', async () => {
    await commit(root, { 'in/status.csv': csv(`${NC_HEADER};Status`, `${ncRow('X')};closed`) });
    const e = await refusal(run(root, { sources: [{ kind: 'nc', file: 'in/status.csv' }] }));
    expect(e.problems[0]).toMatchObject({ row: 1, column: 'Status' });
    expect(e.problems[0]?.message).toContain('--migrate');
  });

  it('shows on a dry run what it would create, and writes nothing', async () => {
    const before = await state(root);
    const out = await run(root, { sources: [{ kind: 'nc', file: 'in/ncs.csv' }], dryRun: true });
    expect(out.written).toBe(false);
    expect(out.records.map((r) => [r.id, r.status, r.title, r.row])).toEqual([
      ['NC-0001', 'open', 'Server room', 'in/ncs.csv:2'],
      ['NC-0002', 'open', 'Backup log', 'in/ncs.csv:4'],
    ]);
    expect(await state(root)).toBe(before);
  });

  it('writes every row in one commit, as the creating step makes them, and cim log shows the import', async () => {
    const head = (await git(root, 'rev-parse', 'HEAD')).trim();
    const out = await run(root, { sources: [{ kind: 'nc', file: 'in/ncs.csv' }] });
    expect(out.records.map((r) => r.id)).toEqual(['NC-0001', 'NC-0002']);
    expect((await git(root, 'rev-list', '--count', `${head}..HEAD`)).trim()).toBe('1');
    const message = await git(root, 'log', '-1', '--format=%B');
    expect(message).toContain('nc(NC-0001): import 2 records — ncs.csv');
    expect(message).toContain('Cim-Record: NC-0001, NC-0002\nCim-Action: import\nCim-Count: 2');
    const data = parse(await readFile(join(root, 'nonconformities/NC-0001.yaml'), 'utf8')) as Record<string, unknown>;
    // Defaults as `cim nc open` fills them in: created today, deadlines from cim.yaml by grade.
    expect(data).toMatchObject({
      status: 'open',
      created: '2026-06-30',
      description: 'Found in the server room.\nSecond line.',
    });
    expect(data.close_by).toBeDefined();
    expect(data.imported).toBeUndefined();
    for (const id of ['NC-0001', 'NC-0002']) {
      const { entries } = await log({ id }, ctx(root));
      expect(entries.map((e) => [e.record, e.action, e.to])).toEqual([[id, 'import', 'open']]);
    }
    const { result } = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(root));
    expect(result.diagnostics.filter((d) => d.rule.startsWith('history/'))).toEqual([]);
  });

  it('checks 5,000 rows in seconds, the register rules once for all of them', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ncRow(`Finding ${i}`));
    await write(root, { 'in/large.csv': csv(NC_HEADER, ...rows) });
    const started = Date.now();
    const out = await run(root, { sources: [{ kind: 'nc', file: 'in/large.csv' }], dryRun: true });
    expect(out.records).toHaveLength(5000);
    expect(out.records.at(-1)?.row).toBe('in/large.csv:5001');
    expect(Date.now() - started).toBeLessThan(30_000);
    await git(root, 'clean', '-fdq', 'in');
  }, 60_000);

  it('refuses an id column naming a taken id', async () => {
    await commit(root, { 'in/taken.csv': csv(`Id;${NC_HEADER}`, `NC-0002;${ncRow('Again')}`) });
    const e = await refusal(run(root, { sources: [{ kind: 'nc', file: 'in/taken.csv' }] }));
    expect(e.problems[0]).toMatchObject({ row: 2, column: 'Id', message: 'id NC-0002 is taken in the register' });
  });

  it('a record given imported by hand is an error of the history check', async () => {
    const nc = await readFile(join(root, 'nonconformities/NC-0001.yaml'), 'utf8');
    await commit(root, {
      'nonconformities/NC-0001.yaml': `${nc}imported:\n  from: old.csv\n  on: 2026-06-01\n  by: alice\n`,
    });
    const { result } = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(root));
    const found = result.diagnostics.filter((d) => d.rule.startsWith('history/'));
    expect(found.map((d) => [d.severity, d.rule, d.file])).toEqual([
      ['error', 'history/imported-edited', 'nonconformities/NC-0001.yaml'],
    ]);
    expect(found[0]?.message).toContain('NC-0001 was given imported');
  });
});

const MIGRATED_NC = [
  'id,status,title,grade,source type,requirement,area,owner,description,raised by,raised on,correction.action,correction.consequences,correction.date,analysis.method,analysis.root_cause,analysis.category,analysis.similar.exist,analysis.similar.could_occur,analysis.date,action_required',
  'NC-0010,verified,Leavers kept VPN access,minor,self-identified,A.5.18,it,alice,Two leavers could still log in to the VPN.,alice,2026-03-02,Both accounts disabled,No logins after the leaving date,2026-03-03,5-whys,The leaver checklist had no VPN step,process,no,yes,2026-03-10,yes',
];
const MIGRATED_CA = [
  'id,status,created,title,nc,action,addresses,owner,due,started_on,implemented_on,evidence,effectiveness.reviewed_on,effectiveness.reviewed_by,effectiveness.result,effectiveness.evidence',
  'CA-0010,verified,2026-03-10,VPN step in the leaver checklist,NC-0010,Add VPN removal to the checklist,The leaver checklist had no VPN step,alice,2026-04-30,2026-03-12,2026-03-20,Leaver checklist v3 in the HR wiki with the VPN removal step,2026-05-01,carol,effective,Three leavers since and every one removed on the day',
];

describe('cim import --migrate', () => {
  let root: string;
  beforeAll(async () => {
    root = await branch();
    await commit(root, { 'in/ncs.csv': csv(...MIGRATED_NC), 'in/cas.csv': csv(...MIGRATED_CA) });
  });

  const both = [
    { kind: 'nc', file: 'in/ncs.csv' },
    { kind: 'ca', file: 'in/cas.csv' },
  ];

  it('asks who imports when the git identity matches nobody in cim.yaml', async () => {
    const e: unknown = await run(root, { sources: both, migrate: true, dryRun: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect([(e as UserError).exitCode, (e as UserError).hint]).toEqual([2, expect.stringContaining('--by') as string]);
  });

  it('refuses a record in a later state without the fields of every step to it', async () => {
    await commit(root, {
      'in/short.csv': csv(MIGRATED_NC[0]!.replace(',correction.date', ''), MIGRATED_NC[1]!.replace(',2026-03-03', '')),
    });
    const e = await refusal(run(root, { sources: [{ kind: 'nc', file: 'in/short.csv' }], migrate: true, by: 'alice' }));
    expect(e.problems.map((p) => p.message)).toEqual([
      'verified needs correction.date, which the correct step records',
    ]);
  });

  it('refuses an NC whose CA is not in the same import: the files are judged together', async () => {
    const e = await refusal(run(root, { sources: [both[0]!], migrate: true, by: 'alice' }));
    expect(e.problems[0]).toMatchObject({ file: 'in/ncs.csv', row: 2 });
  });

  it('imports records in later states from several files in one commit, recording where they came from', async () => {
    const out = await run(root, { sources: both, migrate: true, by: 'alice' });
    expect(out.records.map((r) => [r.id, r.status])).toEqual([
      ['NC-0010', 'verified'],
      ['CA-0010', 'verified'],
    ]);
    const data = parse(await readFile(join(root, 'actions/CA-0010.yaml'), 'utf8')) as Record<string, unknown>;
    expect(data.imported).toEqual({ from: 'in/cas.csv', on: '2026-06-30', by: 'alice' });
    expect(data.created).toBe('2026-03-10');
    expect(await git(root, 'log', '-1', '--format=%B')).toContain('Cim-Record: NC-0010, CA-0010\nCim-Action: import');
  });

  it('is a warning of validate --base naming each record and its state, and not of --history', async () => {
    const base = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(root));
    const history = base.result.diagnostics.filter((d) => d.rule.startsWith('history/'));
    expect(history.map((d) => [d.severity, d.rule, d.file])).toEqual([
      ['warning', 'history/imported', 'actions/CA-0010.yaml'],
      ['warning', 'history/imported', 'nonconformities/NC-0010.yaml'],
    ]);
    expect(history[1]?.message).toMatch(
      /^NC-0010 was imported from in\/ncs.csv in \w+ .* as verified, not through its steps/,
    );
    const all = await validateRegister({ history: true, asOf: '2026-06-30' }, ctx(root));
    expect(all.result.diagnostics.filter((d) => d.rule.startsWith('history/'))).toEqual([]);
  });

  it('cim edit refuses to set or change imported', async () => {
    for (const set of ['imported.from=other.csv', 'imported={from: x, on: 2026-01-01, by: bob}']) {
      const e: unknown = await edit({ id: 'NC-0010', set: [set] }, ctx(root)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toContain('set by `cim import --migrate`');
    }
  });

  it('a hand edit adding, changing or removing imported is an error of the history check', async () => {
    const ca = await readFile(join(root, 'actions/CA-0010.yaml'), 'utf8');
    await commit(root, {
      'actions/CA-0010.yaml': ca.replace('by: alice', 'by: bob'),
    });
    const found = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(root));
    const edited = found.result.diagnostics.filter((d) => d.rule === 'history/imported-edited');
    expect(edited.map((d) => [d.severity, d.file])).toEqual([['error', 'actions/CA-0010.yaml']]);
    expect(edited[0]?.message).toContain('CA-0010 had its imported changed or removed');
  });
});

const INPUTS = ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'];
const MIGRATED_MRT = [
  `id,status,created,title,owner,scheduled_on,members,held_on,attendees,${INPUTS.map((k) => `inputs.${k}.notes`).join(',')},items`,
  `MRT-0010,held,2026-05-01,Management review H1,alice,2026-06-20,alice;carol,2026-06-20,alice;carol,${INPUTS.map((k) => `Input ${k} discussed.`).join(',')},NC-0010`,
];
const CLOSED_NC = [
  `${MIGRATED_NC[0]},reviewed_in,closed_by,closed_on`,
  `${MIGRATED_NC[1]!.replace('NC-0010,verified', 'NC-0010,closed')},MRT-0010,carol,2026-06-25`,
];

describe('cim import --migrate of a closed NC', () => {
  it('takes its CA and the review it was closed at in the same run, each naming the others', async () => {
    const root = await branch();
    await commit(root, {
      'in/ncs.csv': csv(...CLOSED_NC),
      'in/cas.csv': csv(...MIGRATED_CA),
      'in/mrts.csv': csv(...MIGRATED_MRT),
    });
    const [ncs, cas, mrts] = ['nc', 'ca', 'mrt'].map((kind) => ({ kind, file: `in/${kind}s.csv` }));
    // Without the review it names, the NC cannot be closed.
    const alone = await refusal(run(root, { sources: [ncs!, cas!], migrate: true, by: 'alice', dryRun: true }));
    expect(alone.problems.map((p) => `${p.file}:${p.row}`)).toContain('in/ncs.csv:2');
    // A review held before today, created today unless the row says otherwise: the column is named.
    await write(root, {
      'in/undated.csv': csv(MIGRATED_MRT[0]!.replace(',created', ''), MIGRATED_MRT[1]!.replace(',2026-05-01', '')),
    });
    const undated = { kind: 'mrt', file: 'in/undated.csv' };
    const dated = await refusal(
      run(root, { sources: [ncs!, cas!, undated], migrate: true, by: 'alice', dryRun: true }),
    );
    expect(dated.problems.map((p) => [p.file, p.row, p.message])).toEqual([
      ['in/undated.csv', 2, 'held_on 2026-06-20 is before created 2026-06-30'],
    ]);
    expect(dated.problems[0]?.hint).toContain('give the row a created column');
    await git(root, 'clean', '-fdq', 'in');
    const out = await run(root, { sources: [ncs!, cas!, mrts!], migrate: true, by: 'alice' });
    expect(out.records.map((r) => `${r.id} ${r.status}`)).toEqual([
      'NC-0010 closed',
      'CA-0010 verified',
      'MRT-0010 held',
    ]);
    const { result } = await validateRegister({ base: 'main', asOf: '2026-06-30' }, ctx(root));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.rule === 'history/imported')).toHaveLength(3);
  });
});
