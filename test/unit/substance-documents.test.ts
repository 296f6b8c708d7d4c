// Document control and settings that defeat the policy: each rule once where it fires and once
// where the same cim.yaml, corrected, passes; the policy's text the same for two dates.
import { describe, expect, it } from 'vitest';
import { policyModel } from '../../src/docs/policy.js';
import { render } from '../../src/docs/render.js';
import { validate } from '../../src/domain/validate/index.js';
import { loadRegister } from '../../src/io/register.js';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDocs, DOCS_FOLDER, recognise, statedDates } from '../../src/commands/docs-check.js';
import { logDocument, policyDocument } from '../../src/commands/documents.js';
import { UserError } from '../../src/errors.js';
import { BASE_CONFIG, check, rules, tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import {
  DOCS_STALE,
  DOCS_UNCHECKED,
  POLICY_DEPARTURE,
  POLICY_SELF_APPROVED,
  POLICY_SETTING_LIMIT,
  POLICY_VERSION_HISTORY,
  POLICY_VERSION_UNAPPROVED,
} from '../../src/domain/validate/rule-ids.js';

type Data = Record<string, unknown>;

const MINE = new Set([
  POLICY_DEPARTURE,
  POLICY_SELF_APPROVED,
  POLICY_SETTING_LIMIT,
  POLICY_VERSION_HISTORY,
  POLICY_VERSION_UNAPPROVED,
]);

const approved = { approved_by: 'carol', approved_on: '2026-01-15' };
const entry = (version: string, date: string, over: Data = {}) => ({
  version,
  date,
  author: 'alice',
  changes: `Version ${version}`,
  ...approved,
  ...over,
});
const withPolicy = (policy: Data) => ({ ...BASE_CONFIG, policy: { ...BASE_CONFIG.policy, ...policy } });
const withSettings = (settings: Data) => ({ ...BASE_CONFIG, ...settings });

/** The diagnostics of one rule, for a cim.yaml. */
async function found(config: Data, rule: string) {
  const result = await check({ 'cim.yaml': config });
  expect(rules(result, 'error')).toEqual([]);
  return result.diagnostics.filter((d) => d.rule === rule);
}

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly fires: Data;
  readonly passes: Data;
  /** Words the message says when it fires. */
  readonly says: string;
}

const departure = (setting: string, over: Data = {}) => ({
  setting,
  reason: 'Agreed with the certification body for the first year of the register',
  approved_by: 'carol',
  ...over,
});

const CASES: readonly Case[] = [
  {
    name: 'a policy with no version history',
    rule: POLICY_VERSION_HISTORY,
    fires: withPolicy({ history: [] }),
    passes: withPolicy({ history: [entry('1.0', '2026-01-15')] }),
    says: 'version history is empty',
  },
  {
    name: 'a version that is not the latest entry of the history',
    rule: POLICY_VERSION_HISTORY,
    fires: withPolicy({ version: '1.1', history: [entry('1.0', '2026-01-15')] }),
    passes: withPolicy({ version: '1.1', history: [entry('1.0', '2025-01-15'), entry('1.1', '2026-01-15')] }),
    says: 'the latest entry of its history is version 1.0',
  },
  {
    name: 'a version older than the latest entry',
    rule: POLICY_VERSION_HISTORY,
    fires: withPolicy({ version: '1.0', history: [entry('1.0', '2025-01-15'), entry('1.1', '2026-01-15')] }),
    passes: withPolicy({ version: '1.1', history: [entry('1.0', '2025-01-15'), entry('1.1', '2026-01-15')] }),
    says: '(1.0 is an older entry)',
  },
  {
    name: 'one version twice in the history',
    rule: POLICY_VERSION_HISTORY,
    fires: withPolicy({ history: [entry('1.0', '2025-01-15'), entry('1.0', '2026-01-15')] }),
    passes: withPolicy({ version: '1.1', history: [entry('1.0', '2025-01-15'), entry('1.1', '2026-01-15')] }),
    says: 'appears more than once',
  },
  {
    name: 'a version with no approver',
    rule: POLICY_VERSION_UNAPPROVED,
    fires: withPolicy({ history: [entry('1.0', '2026-01-15', { approved_by: undefined })] }),
    passes: withPolicy({ history: [entry('1.0', '2026-01-15')] }),
    says: 'does not record who approved it',
  },
  {
    name: 'a version with no approval date',
    rule: POLICY_VERSION_UNAPPROVED,
    fires: withPolicy({ history: [entry('1.0', '2026-01-15', { approved_on: undefined })] }),
    passes: withPolicy({ history: [entry('1.0', '2026-01-15')] }),
    says: 'does not record when',
  },
  {
    name: 'an old version with no approval',
    rule: POLICY_VERSION_UNAPPROVED,
    fires: withPolicy({
      version: '1.1',
      history: [
        entry('1.0', '2025-01-15', { approved_by: undefined, approved_on: undefined }),
        entry('1.1', '2026-01-15'),
      ],
    }),
    passes: withPolicy({ version: '1.1', history: [entry('1.0', '2025-01-15'), entry('1.1', '2026-01-15')] }),
    says: 'version 1.0 of the policy does not record who approved it or when',
  },
  {
    name: 'the policy owner named as its approver',
    rule: POLICY_SELF_APPROVED,
    fires: withPolicy({ approver: 'alice' }),
    passes: withPolicy({ approver: 'carol' }),
    says: "the policy's approver is its owner, alice",
  },
  {
    name: 'the latest version approved by the owner',
    rule: POLICY_SELF_APPROVED,
    fires: withPolicy({ history: [entry('1.0', '2026-01-15', { author: 'bob', approved_by: 'alice' })] }),
    passes: withPolicy({ history: [entry('1.0', '2026-01-15', { author: 'bob', approved_by: 'carol' })] }),
    says: 'approved by its owner, alice',
  },
  {
    name: 'a version approved by its author',
    rule: POLICY_SELF_APPROVED,
    fires: withPolicy({
      version: '1.1',
      history: [entry('1.0', '2025-01-15', { author: 'bob', approved_by: 'bob' }), entry('1.1', '2026-01-15')],
    }),
    passes: withPolicy({
      version: '1.1',
      history: [entry('1.0', '2025-01-15', { author: 'bob', approved_by: 'carol' }), entry('1.1', '2026-01-15')],
    }),
    says: 'version 1.0 of the policy was approved by its author, bob',
  },
  {
    name: 'management reviews over 12 months apart',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({ management_review: { cadence_months: 18 } }),
    passes: withSettings({ management_review: { cadence_months: 12 } }),
    says: 'management_review.cadence_months is 18 months, beyond the at most 12 months',
  },
  {
    name: 'an audit cycle over 3 years',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({ audit_programme: { cycle_years: 4 } }),
    passes: withSettings({ audit_programme: { cycle_years: 3 } }),
    says: 'audit_programme.cycle_years is 4 years',
  },
  {
    name: 'a major nonconformity allowed over 90 days to close',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({ deadlines: { major: { respond_days: 14, close_days: 120 } } }),
    passes: withSettings({ deadlines: { major: { respond_days: 14, close_days: 90 } } }),
    says: 'deadlines.major.close_days is 120 days',
  },
  {
    name: 'effectiveness reviewed under 14 days after implementation',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({ corrective_actions: { effectiveness_review_min_days: 7 } }),
    passes: withSettings({ corrective_actions: { effectiveness_review_min_days: 14 } }),
    says: 'beyond the at least 14 days',
  },
  {
    name: 'exceptions approved for over a year',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({ exceptions: { max_days: 730 } }),
    passes: withSettings({ exceptions: { max_days: 365 } }),
    says: 'exceptions.max_days is 730 days',
  },
  {
    name: 'a setting beyond its limit with a departure that gives no reason',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({
      exceptions: { max_days: 730 },
      departures: [departure('exceptions.max_days', { reason: 'n/a' })],
    }),
    passes: withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_days')] }),
    says: 'the departure recorded for it gives no reason of substance ("n/a")',
  },
  {
    name: 'a setting beyond its limit with a departure of a word or two',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({
      exceptions: { max_days: 730 },
      departures: [departure('exceptions.max_days', { reason: 'board agreed' })],
    }),
    passes: withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_days')] }),
    says: 'gives no reason of substance',
  },
  {
    name: 'a setting beyond its limit with a departure no one approved',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({
      audit_programme: { cycle_years: 4 },
      departures: [departure('audit_programme.cycle_years', { approved_by: undefined })],
    }),
    passes: withSettings({
      audit_programme: { cycle_years: 4 },
      departures: [departure('audit_programme.cycle_years')],
    }),
    says: 'names no approver',
  },
  {
    name: 'a setting beyond its limit with a departure its policy owner approved',
    rule: POLICY_SETTING_LIMIT,
    fires: withSettings({
      audit_programme: { cycle_years: 4 },
      departures: [departure('audit_programme.cycle_years', { approved_by: 'alice' })],
    }),
    passes: withSettings({
      audit_programme: { cycle_years: 4 },
      departures: [departure('audit_programme.cycle_years')],
    }),
    says: "is approved by the policy's own owner, alice",
  },
  {
    name: 'a policy reviewed less than once a year',
    rule: POLICY_SETTING_LIMIT,
    fires: withPolicy({ review_interval_months: 24 }),
    passes: withPolicy({ review_interval_months: 12 }),
    says: 'policy.review_interval_months is 24 months',
  },
  {
    name: 'a departure from a setting within its limit',
    rule: POLICY_DEPARTURE,
    fires: withSettings({
      management_review: { cadence_months: 6 },
      departures: [departure('management_review.cadence_months')],
    }),
    passes: withSettings({
      management_review: { cadence_months: 18 },
      departures: [departure('management_review.cadence_months')],
    }),
    says: 'is not needed: it is 6 months',
  },
  {
    name: 'a departure naming no setting',
    rule: POLICY_DEPARTURE,
    fires: withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_dyas')] }),
    passes: withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_days')] }),
    says: 'exceptions.max_dyas, which is not a setting of cim.yaml',
  },
  {
    name: 'a departure from a setting with no limit',
    rule: POLICY_DEPARTURE,
    fires: withSettings({ departures: [departure('deadlines.minor.close_days')] }),
    passes: withSettings({ departures: [] }),
    says: 'a setting cim sets no limit on',
  },
  {
    name: 'a departure recorded twice',
    rule: POLICY_DEPARTURE,
    fires: withSettings({
      exceptions: { max_days: 730 },
      departures: [departure('exceptions.max_days'), departure('exceptions.max_days')],
    }),
    passes: withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_days')] }),
    says: 'is recorded twice',
  },
];

describe('document control and settings rules', () => {
  it.each(CASES)('$rule fires on $name, and passes once corrected', async ({ rule, fires, passes, says }) => {
    const fired = await found(fires, rule);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.severity).toBe('warning');
    expect(fired[0]!.file).toBe('cim.yaml');
    expect(fired[0]!.message).toContain(says);
    expect(fired[0]!.hint).toMatch(/cim\.yaml/);
    expect(await found(passes, rule)).toEqual([]);
  });

  it('is an error with --strict', async () => {
    const result = await check({ 'cim.yaml': withPolicy({ history: [] }) }, { strict: true });
    expect(rules(result, 'error')).toContain(POLICY_VERSION_HISTORY);
    expect(rules(result, 'warning')).toEqual([]);
  });

  it('places a warning on the line of the setting in cim.yaml', async () => {
    const text = [
      'organisation: Test Co',
      'started_on: 2025-01-01',
      'policy:',
      '  owner: alice',
      '  approver: carol',
      '  version: "1.1"',
      '  reviewed_on: 2026-01-15',
      '  history:',
      '    - { version: "1.0", date: 2026-01-15, author: alice, changes: First issue }',
      'people:',
      '  - { id: alice, name: Alice Example }',
      '  - { id: carol, name: Carol Example }',
      'management_review:',
      '  cadence_months: 24',
      '',
    ].join('\n');
    const result = await check({ 'cim.yaml': text });
    const at = (rule: string) => result.diagnostics.filter((d) => d.rule === rule).map((d) => d.line);
    expect(at(POLICY_VERSION_HISTORY)).toEqual([6]);
    expect(at(POLICY_VERSION_UNAPPROVED)).toEqual([9]);
    expect(at(POLICY_SETTING_LIMIT)).toEqual([14]);
  });

  it('finds every default setting within its limit', async () => {
    const short = { ...BASE_CONFIG, policy: { ...BASE_CONFIG.policy } };
    const result = await check({ 'cim.yaml': short });
    expect(rules(result).filter((r) => MINE.has(r))).toEqual([]);
  });
});

/** The policy as `cim policy` renders it, as of a date. */
async function policyText(config: Data, asOf: string): Promise<string> {
  const root = await tempRegister({ 'cim.yaml': config });
  const result = validate(await loadRegister(root, process.env), { asOf });
  expect(rules(result, 'error')).toEqual([]);
  const model = policyModel(result.register!, asOf, result.diagnostics);
  return render(model, { root, template: 'policy.md.hbs', format: 'md', title: 'policy' });
}

const ANNEX = '\n## Annex: compliance measurement as of ';

describe('the policy document', () => {
  it('has the same text for two dates of one version: only the dated annex differs', async () => {
    const june = await policyText(BASE_CONFIG, '2026-06-30');
    const later = await policyText(BASE_CONFIG, '2027-03-31');
    expect(june).not.toBe(later);
    const body = (text: string) => text.slice(0, text.indexOf(ANNEX));
    expect(body(june)).toBe(body(later));
    expect(body(june).length).toBeGreaterThan(5000);
    expect(body(june)).not.toMatch(/2026-06-30|30 June 2026|31 March 2027|overdue/);
    expect(june).toContain(`${ANNEX}30 June 2026\n`);
    expect(later).toContain(`${ANNEX}31 March 2027\n`);
  });

  it('defines the words it uses', async () => {
    const text = await policyText(BASE_CONFIG, '2026-06-30');
    for (const term of [
      'Nonconformity',
      'Major nonconformity',
      'Minor nonconformity',
      'Observation',
      'Correction',
      'Corrective action',
      'Opportunity for improvement',
    ])
      expect(text).toMatch(new RegExp(`^- \\*\\*${term}\\*\\*: \\S`, 'm'));
  });

  it('names the people of each role cim.yaml gives, and no role no one holds', async () => {
    const text = await policyText(BASE_CONFIG, '2026-06-30');
    expect(text).toContain('| Policy owner | Accountable for this policy; writes each version of it | Alice Example |');
    expect(text).toContain('| Policy approver | Approves each version of this policy | Carol Example |');
    expect(text).toMatch(/^\| ISMS manager \| .* \| Alice Example \|$/m);
    expect(text).toMatch(/^\| Management Review Team \| .* \| Alice Example and Carol Example \|$/m);
    expect(text).toMatch(/^\| Internal auditors \| .* \| Bob Example \|$/m);
    expect(text).not.toMatch(/^\| (Process owners|Risk owners|Staff) \|/m);
  });

  it('states who approved the version in force, from its history', async () => {
    const text = await policyText(BASE_CONFIG, '2026-06-30');
    expect(text).toContain('| Approved by | Carol Example |');
    expect(text).toContain('| 1.0 | 15 January 2026 | Alice Example | Carol Example | 15 January 2026 | First issue |');
    const unapproved = await policyText(
      withPolicy({ approver: 'bob', history: [entry('1.0', '2026-01-15', { approved_by: undefined })] }),
      '2026-06-30',
    );
    expect(unapproved).toContain('| Approved by | not recorded |');
  });

  it('lists the departures cim.yaml records, with their reasons', async () => {
    const config = withSettings({ exceptions: { max_days: 730 }, departures: [departure('exceptions.max_days')] });
    const text = await policyText(config, '2026-06-30');
    expect(text).toContain(
      '| exceptions.max_days | 730 days | at most 365 days | Agreed with the certification body for the first year of the register | Carol Example |',
    );
    expect(await policyText(BASE_CONFIG, '2026-06-30')).toContain('Every setting is within its usual limit.');
    const unneeded = withSettings({ departures: [departure('exceptions.max_days')] });
    expect(await policyText(unneeded, '2026-06-30')).toContain('Every setting is within its usual limit.');
    const unrecorded = await policyText(withSettings({ exceptions: { max_days: 730 } }), '2026-06-30');
    expect(unrecorded).toContain(
      '| exceptions.max_days | 730 days | at most 365 days | no departure recorded | not recorded |',
    );
  });

  it('promises no independence it does not check', async () => {
    const text = await policyText(BASE_CONFIG, '2026-06-30');
    expect(text).not.toMatch(/\bnever\b|areas of greatest risk|disciplinary/);
  });
});

describe('validate --docs', () => {
  it.each([
    ['policy.md', 'policy'],
    ['policy.html', 'policy --format html'],
    ['agenda-MRT-0009.json', 'agenda MRT-0009 --format json'],
    ['programme-2026.md', 'programme 2026'],
    ['log.csv', 'export log --format csv'],
    ['status.txt', undefined],
    ['policy.pdf', undefined],
    ['README.md', undefined],
  ])('takes docs/%s for the output of `cim %s`', (name, command) => {
    expect(recognise(name)?.command).toBe(command);
  });

  it.each([
    ['As of 2026-06-30: 3 nonconformities', ['2026-06-30']],
    ['| Prepared as of | 9 December 2026 |', ['2026-12-09']],
    ['<td>Prepared as of</td>\n<td>1 May 2026</td>', ['2026-05-01']],
    ['{ "annex": { "asOf": "30 June 2026" } }', ['2026-06-30']],
    ['measurement as of 30 June 2026 … as of 30 June 2026', ['2026-06-30']],
    ['reviewed on 30 June 2026, as of Smarch 2026', []],
  ])('reads the date %j states', (text, dates) => {
    expect(statedDates(text)).toEqual(dates);
  });

  /** A register whose docs/ holds the documents cim generates as of a date, and then `files`. */
  async function withDocs(files: Record<string, string | null>, asOf = '2026-06-30') {
    const root = await tempRegister(r.files(r.nc()));
    const result = validate(await loadRegister(root, process.env), { asOf });
    const opened = { root, asOf, register: result.register!, result };
    await mkdir(join(root, DOCS_FOLDER));
    const made: Record<string, string> = {
      'policy.md': policyDocument(opened, 'md').text,
      'policy.json': policyDocument(opened, 'json').text,
      'log.md': logDocument(opened, 'md').text,
      'log.csv': logDocument(opened, 'csv').text,
      'notes.md': 'not a document cim generates\n',
    };
    for (const [name, text] of Object.entries({ ...made, ...files }))
      if (text !== null) await writeFile(join(root, DOCS_FOLDER, name), text);
    return {
      root,
      made,
      check: async (at = '2027-02-01') => checkDocs(root, await loadRegister(root, process.env), at),
    };
  }

  it('passes documents that are what cim generates as of the date they state, whatever today is', async () => {
    const { check: docs } = await withDocs({});
    expect(await docs()).toEqual([]);
  });

  it('reports a document that differs, at the line where it does, with the command that regenerates it', async () => {
    const { made, check: docs, root } = await withDocs({});
    const lines = made['log.md']!.split('\n');
    lines[2] = 'As of 2026-06-30: everything is fine.';
    await writeFile(join(root, DOCS_FOLDER, 'log.md'), lines.join('\n'));
    const found = await docs();
    expect(found).toEqual([
      expect.objectContaining({ severity: 'error', rule: DOCS_STALE, file: 'docs/log.md', line: 3 }),
    ]);
    expect(found[0]!.message).toContain('generates from the register now as of the date it states (2026-06-30)');
    expect(found[0]!.hint).toContain('`cim export log --as-of 2026-06-30 -o docs/log.md`');
  });

  it('asks for a new version when the policy text changed under the version it states', async () => {
    const { made, check: docs, root } = await withDocs({});
    await writeFile(join(root, DOCS_FOLDER, 'policy.md'), made['policy.md']!.replace('### 1. Purpose', '### 1. Aims'));
    const [found] = await docs();
    expect(found).toMatchObject({ rule: DOCS_STALE, file: 'docs/policy.md' });
    expect(found!.message).toContain("in the policy's text, and the version it states is unchanged");
    expect(found!.hint).toContain('a new text is a new version: add it to policy.history');
  });

  it('reports a document cim can no longer generate, and leaves alone what is not cim’s', async () => {
    const { check: docs } = await withDocs({ 'agenda-MRT-0042.md': '# An agenda\n', 'status.txt': 'anything\n' });
    const found = await docs();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: DOCS_STALE, file: 'docs/agenda-MRT-0042.md' });
    expect(found[0]!.message).toContain('cannot be generated from the register now');
    expect(found[0]!.hint).toContain('remove docs/agenda-MRT-0042.md');
  });

  it('does not follow a link in docs/, and says so', async () => {
    const { check: docs, root } = await withDocs({ 'log.md': null });
    await symlink('/etc/hostname', join(root, DOCS_FOLDER, 'log.md'));
    expect(await docs()).toEqual([
      expect.objectContaining({ severity: 'warning', rule: DOCS_UNCHECKED, file: 'docs/log.md' }),
    ]);
  });

  it('judges a document that states no date as of the dates the others state, else as of --as-of', async () => {
    const csv = 'record,kind\nNC-0001,nc\n';
    const alone = await withDocs({ 'policy.md': null, 'policy.json': null, 'log.md': null, 'log.csv': csv });
    const [found] = await alone.check('2027-02-01');
    expect(found).toMatchObject({ rule: DOCS_STALE, file: 'docs/log.csv', line: 1 });
    expect(found!.message).toContain('generates from the register now as of (2027-02-01)');
    const beside = await withDocs({ 'log.csv': csv });
    const [again] = await beside.check('2027-02-01');
    expect(again!.message).toContain('generates from the register now as of (2026-06-30)');
  });

  it('refuses a register with no docs/ folder (exit 2), naming how to make one', async () => {
    const root = await tempRegister({});
    const error = await checkDocs(root, await loadRegister(root, process.env), '2026-06-30').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('the register has no docs/ folder, so --docs has nothing to check');
    expect((error as UserError).hint).toContain('cim policy -o docs/policy.md');
  });
});
