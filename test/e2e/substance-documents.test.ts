// Document control and settings as a user meets them: a register made with `cim init` and a
// cim.yaml written and committed, each defect failing `validate --strict` with its rule id, and the
// documents committed in docs/ checked by `validate --docs`. Run `npm run build` first.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';

type Data = Record<string, unknown>;

const JANUARY = { CIM_TODAY: '2026-01-15' };
const JUNE = { CIM_TODAY: '2026-06-30' };

/** A cim.yaml a small organisation would write: two people, the policy approved by the second. */
const CONFIG = {
  organisation: 'Test Co',
  started_on: '2026-01-01',
  policy: {
    owner: 'alice',
    approver: 'carol',
    version: '1.0',
    reviewed_on: '2026-01-15',
    history: [
      {
        version: '1.0',
        date: '2026-01-15',
        author: 'alice',
        changes: 'First issue',
        approved_by: 'carol',
        approved_on: '2026-01-15',
      },
    ],
  },
  people: [
    { id: 'alice', name: 'Alice Example', roles: ['isms-manager', 'mrt-member'], areas: ['it'] },
    { id: 'carol', name: 'Carol Example', roles: ['top-management', 'mrt-member'] },
  ],
  areas: [{ id: 'it', name: 'IT', owner: 'alice' }],
};

const withPolicy = (policy: Data): Data => ({ ...CONFIG, policy: { ...CONFIG.policy, ...policy } });
const withSettings = (settings: Data): Data => ({ ...CONFIG, ...settings });
const unapproved = { version: '1.0', date: '2026-01-15', author: 'alice', changes: 'First issue' };
const departure = (setting: string) => ({
  setting,
  reason: 'Agreed with the certification body while the register is in its first year',
  approved_by: 'carol',
});

/** A register made by `cim init`, its cim.yaml then replaced and committed. */
async function register(config?: Data): Promise<string> {
  const repo = await gitRepo({ 'README.md': 'ISMS\n' });
  const init = await runCli(['init', 'isms', '--organisation', 'Test Co', '--name', 'Alice Example'], {
    cwd: repo,
    env: JANUARY,
  });
  expect(init.code).toBe(0);
  const root = join(repo, 'isms');
  if (config) await commitConfig(root, config);
  return root;
}

async function commitConfig(root: string, config: Data): Promise<void> {
  await writeFile(join(root, 'cim.yaml'), stringify(config));
  await git(root, 'add', 'cim.yaml');
  await git(root, 'commit', '-q', '-m', 'cim.yaml: people and the policy');
}

const strict = (root: string, env = JANUARY) => runCli(['validate', '--strict'], { cwd: root, env });

describe('document control and settings, through the CLI', () => {
  it('a register cim init made fails --strict until its policy is approved by someone other than its owner', async () => {
    const root = await register();
    const fresh = await strict(root, JANUARY);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('policy/self-approved');
    expect(fresh.stdout).toContain('policy/version-unapproved');
    expect(fresh.stdout).toContain('cim.yaml');
    await commitConfig(root, CONFIG);
    const approved = await strict(root, JANUARY);
    expect(approved.stdout).toContain('✔ valid');
    expect(approved.code).toBe(0);
  });

  it.each([
    ['a version its history does not record', withPolicy({ version: '1.1' }), 'policy/version-history'],
    ['a version with no approval recorded', withPolicy({ history: [unapproved] }), 'policy/version-unapproved'],
    [
      'a version approved by its owner',
      withPolicy({ history: [{ ...unapproved, author: 'carol', approved_by: 'alice', approved_on: '2026-01-15' }] }),
      'policy/self-approved',
    ],
    [
      'management reviews 18 months apart',
      withSettings({ management_review: { cadence_months: 18 } }),
      'policy/setting-limit',
    ],
    ['an audit cycle of 4 years', withSettings({ audit_programme: { cycle_years: 4 } }), 'policy/setting-limit'],
    [
      'major nonconformities allowed 120 days',
      withSettings({
        deadlines: { major: { respond_days: 14, close_days: 120 }, minor: { respond_days: 30, close_days: 180 } },
      }),
      'policy/setting-limit',
    ],
    [
      'effectiveness reviewed after 7 days',
      withSettings({ corrective_actions: { effectiveness_review_min_days: 7 } }),
      'policy/setting-limit',
    ],
    ['exceptions of two years', withSettings({ exceptions: { max_days: 730 } }), 'policy/setting-limit'],
    [
      'a departure from a setting within its limit',
      withSettings({ departures: [departure('management_review.cadence_months')] }),
      'policy/departure',
    ],
    [
      'a departure from no setting',
      withSettings({ departures: [departure('management_review.cadense')] }),
      'policy/departure',
    ],
  ])('%s fails validate --strict', async (_name, config, rule) => {
    const result = await strict(await register(config));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`cim\\.yaml:\\d+:\\d+\\s+error\\s+${rule} `));
  });

  it('a setting beyond its limit passes once the departure is recorded with its reason and approver', async () => {
    const config = withSettings({
      management_review: { cadence_months: 18 },
      departures: [departure('management_review.cadence_months')],
    });
    const root = await register(config);
    expect((await strict(root)).code).toBe(0);
    const policy = await runCli(['policy'], { cwd: root, env: JUNE });
    expect(policy.stdout).toContain('| management_review.cadence_months | 18 months | at most 12 months |');
  });
});

describe('the policy and the documents in docs/, through the CLI', () => {
  it('the policy text is the same on two dates; only its dated annex differs', async () => {
    const root = await register(CONFIG);
    const june = (await runCli(['policy'], { cwd: root, env: JUNE })).stdout;
    const december = (await runCli(['policy', '--as-of', '2026-12-31'], { cwd: root, env: JUNE })).stdout;
    const annex = '\n## Annex: compliance measurement as of ';
    expect(june).toContain(`${annex}30 June 2026`);
    expect(december).toContain(`${annex}31 December 2026`);
    expect(june.slice(0, june.indexOf(annex))).toBe(december.slice(0, december.indexOf(annex)));
  });

  it('validate --docs passes the documents as generated, and reports one the register no longer bears out', async () => {
    const root = await register(CONFIG);
    await mkdir(join(root, 'docs'));
    for (const args of [
      ['policy', '-o', 'docs/policy.md'],
      ['export', 'log', '-o', 'docs/log.md'],
    ])
      expect((await runCli(args, { cwd: root, env: JUNE })).code).toBe(0);
    await git(root, 'add', 'docs');
    await git(root, 'commit', '-q', '-m', 'Documents as of 30 June 2026');

    // Months later the documents still hold: each is judged as of the date it states.
    const later = { CIM_TODAY: '2026-09-30' };
    const fresh = await runCli(['validate', '--docs'], { cwd: root, env: later });
    expect(fresh.stdout).toContain('✔ valid');
    expect(fresh.code).toBe(0);

    const opened = await runCli(
      [
        'nc',
        'open',
        '--title',
        'Backups not tested',
        '--grade',
        'minor',
        '--source-type',
        'self-identified',
        '--requirement',
        'A.8.13',
        '--area',
        'it',
        '--owner',
        'alice',
        '--description',
        'No restore test was run in the second quarter.',
        '--raised-by',
        'alice',
        '--raised-on',
        '2026-06-20',
      ],
      { cwd: root, env: later },
    );
    expect(opened.code).toBe(0);
    const stale = await runCli(['validate', '--docs'], { cwd: root, env: later });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/docs\/log\.md:\d+:1\s+error\s+docs\/stale /);
    expect(stale.stdout).toContain('regenerate it: `cim export log --as-of 2026-06-30 -o docs/log.md`');
    expect(stale.stdout).toMatch(/docs\/policy\.md:\d+:1\s+error\s+docs\/stale /);

    for (const args of [
      ['policy', '--as-of', '2026-06-30', '-o', 'docs/policy.md'],
      ['export', 'log', '--as-of', '2026-06-30', '-o', 'docs/log.md'],
    ])
      expect((await runCli(args, { cwd: root, env: later })).code).toBe(0);
    expect((await runCli(['validate', '--docs'], { cwd: root, env: later })).code).toBe(0);
  });

  it('a policy whose text changed under the same version is stale, and asks for a new version', async () => {
    const root = await register(CONFIG);
    await mkdir(join(root, 'docs'));
    expect((await runCli(['policy', '-o', 'docs/policy.md'], { cwd: root, env: JUNE })).code).toBe(0);
    await commitConfig(root, withSettings({ exceptions: { max_days: 180 } }));
    const result = await runCli(['validate', '--docs'], { cwd: root, env: JUNE });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("in the policy's text, and the version it states is unchanged");
    expect(result.stdout).toContain('a new text is a new version');
    expect(await readFile(join(root, 'docs/policy.md'), 'utf8')).toContain('for at most\n365 days');
  });

  it('validate --docs with no docs/ folder is a usage error (exit 2) naming how to make one', async () => {
    const result = await runCli(['validate', '--docs'], { cwd: await register(CONFIG), env: JUNE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the register has no docs/ folder, so --docs has nothing to check');
    expect(result.stderr).toContain('cim policy -o docs/policy.md');
  });
});
