// Nonconformities of substance, end to end with the built cim: each defect an auditor would find
// in an NC, its corrective actions or its audit finding is refused as it is planted, or fails
// `validate --strict`; and what the new steps write passes `validate --history`.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, testEnv, type CliResult } from '../helpers/cli.js';

const CONFIG = `organisation: Example Ltd
started_on: 2026-01-05
policy: { owner: dana, approver: sam, version: "1.0", reviewed_on: 2026-01-05 }
people:
  - { id: dana, name: Dana Whitfield, roles: [isms-manager, mrt-member], areas: [security] }
  - { id: kim, name: Kim Osei, roles: [internal-auditor], areas: [finance] }
  - { id: lee, name: Lee Park, roles: [process-owner], areas: [it] }
  - { id: sam, name: Sam Reyes, roles: [top-management, mrt-member], areas: [] }
  - { id: nia, name: Nia Brandt, roles: [], areas: [] }
areas:
  - { id: it, name: IT operations, owner: lee }
  - { id: security, name: Information security, owner: dana }
  - { id: finance, name: Finance, owner: sam }
deadlines:
  major: { respond_days: 14, close_days: 90 }
  minor: { respond_days: 30, close_days: 180 }
corrective_actions:
  effectiveness_review_min_days: 0
`;

let dir: string;

/** Runs cim in the register on the day given. */
const cim = (today: string, ...args: string[]): Promise<CliResult> =>
  runCli(['-C', dir, '--no-input', ...args], { env: { CIM_TODAY: today } });

async function ok(today: string, ...args: string[]): Promise<CliResult> {
  const r = await cim(today, ...args);
  if (r.code !== 0) throw new Error(`cim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

interface Read {
  readonly [field: string]: unknown;
  readonly report: { readonly findings: readonly { readonly raised?: string }[] };
}

const record = async (file: string) => parse(await readFile(join(dir, file), 'utf8')) as Read;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cim-nc-'));
  const env = await testEnv();
  await ok('2026-01-05', 'init', dir, '--organisation', 'Example Ltd');
  await writeFile(join(dir, 'cim.yaml'), CONFIG);
  execFileSync('git', ['commit', '-qam', 'Set up people and areas'], { cwd: dir, env });
  await ok(
    '2026-01-10',
    ...['audit', 'plan', '--title', 'Internal audit of IT', '--type', 'internal', '--scope', 'IT operations'],
    ...[
      '--criteria',
      '9.2,A.5.18',
      '--areas',
      'it',
      '--planned',
      '2026-01',
      '--lead-auditor',
      'kim',
      '--owner',
      'dana',
    ],
  );
  await ok('2026-01-12', 'audit', 'start', 'AUD-0001');
  await ok('2026-01-14', 'audit', 'report', 'AUD-0001', '--conclusion', 'Access control is largely effective.');
  await ok(
    '2026-01-14',
    ...['audit', 'finding', 'AUD-0001', '--type', 'minor', '--requirement', 'A.5.18'],
    ...['--statement', 'Quarterly access reviews were not performed in Q3.'],
  );
  await ok(
    '2026-01-14',
    ...['audit', 'finding', 'AUD-0001', '--type', 'major', '--requirement', 'A.8.5'],
    ...['--statement', 'Administrator accounts have no second factor.'],
  );
  await ok(
    '2026-02-01',
    ...['mrt', 'schedule', '--title', 'Management review', '--scheduled-on', '2026-02-01', '--members', 'dana,sam'],
    '--owner',
    'dana',
  );
  await ok(
    '2026-02-01',
    ...['mrt', 'hold', 'MRT-0001', '--attendees', 'dana,sam', '--a-notes', 'No earlier actions', '--b-notes', 'None'],
    ...['--c-notes', 'None', '--d1-notes', 'NCs reported', '--d2-notes', 'On target', '--d3-notes', 'AUD-0001'],
    ...['--d4-notes', 'On track', '--e-notes', 'None', '--f-notes', 'On plan', '--g-notes', 'None'],
  );
}, 120_000);

const openNc = (today: string, ref: string, extra: string[] = []) =>
  cim(
    today,
    ...['nc', 'open', '--source-ref', ref, '--title', 'Access reviews not performed', '--grade', 'minor'],
    ...['--requirement', 'A.5.18', '--area', 'it', '--owner', 'lee'],
    ...['--description', 'Quarterly access reviews were not performed in Q3.', ...extra],
  );

describe('an NC opened from an audit finding', () => {
  it('names itself on the finding in the same commit, raised on the day of the report', async () => {
    await ok('2026-01-20', ...openArgs());
    const nc = await record('nonconformities/NC-0001.yaml');
    expect(nc.source).toEqual({ type: 'internal-audit', ref: 'AUD-0001#F1' });
    expect(nc.raised_on).toBe('2026-01-14');
    expect(nc.raised_by).toBe('kim');
    const audit = await record('audits/AUD-0001.yaml');
    expect(audit.report.findings[0]?.raised).toBe('NC-0001');
    const files = execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], { cwd: dir }).toString();
    expect(files.trim().split('\n').sort()).toEqual(['audits/AUD-0001.yaml', 'nonconformities/NC-0001.yaml']);
    const log = await ok('2026-01-20', 'log', 'AUD-0001');
    expect(log.stdout).toMatch(/finding, raise {2}reported/);
  });

  it('is refused when the finding already raised a record', async () => {
    const r = await openNc('2026-01-20', 'AUD-0001#F1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AUD-0001#F1 already raised NC-0001');
  });

  it('is refused as an OFI when the finding raises an NC', async () => {
    const r = await cim(
      '2026-01-20',
      ...['ofi', 'propose', '--source-ref', 'AUD-0001#F2', '--title', 'Second factor', '--owner', 'lee'],
      ...['--description', 'Add a second factor', '--benefit', 'Fewer account takeovers'],
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AUD-0001#F2 is a major finding, which raises an NC, not an OFI');
  });
});

function openArgs(): string[] {
  return [
    ...['nc', 'open', '--source-ref', 'AUD-0001#F1', '--title', 'Access reviews not performed', '--grade', 'minor'],
    ...['--requirement', 'A.5.18', '--area', 'it', '--owner', 'lee'],
    ...['--description', 'Quarterly access reviews were not performed in Q3.'],
  ];
}

describe('the analysis and the corrective action of NC-0001', () => {
  it('refuses a root cause that restates the description, or says only "human error"', async () => {
    await ok(
      '2026-01-21',
      'nc',
      'correct',
      'NC-0001',
      '--action',
      'Ran the missed Q3 review',
      '--consequences',
      'Two stale accounts disabled',
    );
    const analyse = (cause: string) =>
      cim(
        '2026-01-22',
        'nc',
        'analyse',
        'NC-0001',
        '--method',
        '5-whys',
        '--root-cause',
        cause,
        '--similar-exist',
        'no',
        '--similar-could-occur',
        'yes',
        '--action-required',
        'yes',
      );
    const restated = await analyse('Quarterly access reviews were not performed in Q3');
    expect(restated.code).toBe(1);
    expect(restated.stderr).toContain("NC-0001's root cause restates its description: a symptom, not a cause");
    const bare = await analyse('Human error');
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('names no cause');
    await ok(
      '2026-01-22',
      'nc',
      'analyse',
      'NC-0001',
      '--method',
      '5-whys',
      '--root-cause',
      'The review had no owner and no reminder',
      '--similar-exist',
      'no',
      '--similar-could-occur',
      'yes',
      '--action-required',
      'yes',
    );
  });

  it('refuses a corrective action without addresses, or one that repeats the correction', async () => {
    const plan = (...extra: string[]) =>
      cim(
        '2026-01-23',
        'ca',
        'plan',
        '--nc',
        'NC-0001',
        '--title',
        'Owner for access reviews',
        '--owner',
        'lee',
        '--due',
        '2026-06-30',
        ...extra,
      );
    const missing = await plan('--action', 'Give the review to the IT lead as a recurring ticket');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--addresses');
    const repeated = await plan('--action', 'Ran the missed Q3 review', '--addresses', 'The review had no owner');
    expect(repeated.code).toBe(1);
    expect(repeated.stderr).toContain('a correction fixes the instance; a corrective action removes the cause');
    const placeholder = await plan(
      '--action',
      'Give the review to the IT lead as a recurring ticket',
      '--addresses',
      'tbd',
    );
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toContain('names no cause it removes');
    await ok(
      '2026-01-23',
      'ca',
      'plan',
      '--nc',
      'NC-0001',
      '--title',
      'Owner for access reviews',
      '--owner',
      'lee',
      '--due',
      '2026-06-30',
      '--action',
      'Give the review to the IT lead as a recurring ticket',
      '--addresses',
      'The review had no owner and no reminder',
    );
  });

  it('refuses evidence of one or two words', async () => {
    await ok('2026-01-24', 'nc', 'action', 'NC-0001');
    await ok('2026-01-24', 'ca', 'start', 'CA-0001');
    const done = await cim('2026-01-25', 'ca', 'implement', 'CA-0001', '--evidence', 'Done');
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('shows nothing an auditor could check');
    await ok('2026-01-25', 'ca', 'implement', 'CA-0001', '--evidence', 'Recurring ticket IT-42 created');
    const short = await cim(
      '2026-01-26',
      'ca',
      'review',
      'CA-0001',
      '--reviewed-by',
      'dana',
      '--result',
      'effective',
      '--evidence',
      'Looks fine',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('does not show that the cause was removed');
    await ok(
      '2026-01-26',
      'ca',
      'review',
      'CA-0001',
      '--reviewed-by',
      'dana',
      '--result',
      'effective',
      '--evidence',
      'Q4 review done on time by the IT lead',
    );
  });
});

describe('moving close_by', () => {
  it('is refused as an edit, and recorded with an approver by cim nc extend', async () => {
    const edit = await cim('2026-02-02', 'edit', 'NC-0001', '--set', 'close_by=2026-12-31');
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain('no extension of it is recorded');
    expect(edit.stderr).toContain('cim nc extend NC-0001');
    const own = await cim(
      '2026-02-02',
      'nc',
      'extend',
      'NC-0001',
      '--to',
      '2026-12-31',
      '--reason',
      'Wait for the next quarterly review',
      '--approved-by',
      'lee',
    );
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('approved the extension of their own');
    await ok(
      '2026-02-02',
      'nc',
      'extend',
      'NC-0001',
      '--to',
      '2026-12-31',
      '--reason',
      'Wait for the next quarterly review',
      '--approved-by',
      'sam',
    );
    const nc = await record('nonconformities/NC-0001.yaml');
    expect(nc.close_by).toBe('2026-12-31');
    expect(nc.extensions).toEqual([
      {
        from: '2026-07-13',
        to: '2026-12-31',
        on: '2026-02-02',
        reason: 'Wait for the next quarterly review',
        approved_by: 'sam',
      },
    ]);
  });

  it('a late closure says why, and once recorded does not fail validate --strict afterwards', async () => {
    await ok('2026-02-03', 'nc', 'verify', 'NC-0001');
    // A second NC, self-identified and minor, closed after its close_by.
    await ok(
      '2026-02-03',
      'nc',
      'open',
      '--source-type',
      'self-identified',
      '--title',
      'Badge left unattended',
      '--grade',
      'minor',
      '--requirement',
      'A.7.7',
      '--area',
      'it',
      '--owner',
      'lee',
      '--description',
      'A visitor badge was left on a desk overnight.',
      '--raised-by',
      'dana',
      '--close-by',
      '2026-02-20',
    );
    await ok(
      '2026-02-04',
      'nc',
      'correct',
      'NC-0002',
      '--action',
      'The badge was collected and deactivated',
      '--consequences',
      'No use of the badge was logged',
    );
    const analyse = (...extra: string[]) =>
      cim(
        '2026-02-05',
        'nc',
        'analyse',
        'NC-0002',
        '--method',
        '5-whys',
        '--root-cause',
        'Badges had no return point at the end of the day',
        '--similar-exist',
        'no',
        '--similar-could-occur',
        'no',
        '--action-required',
        'no',
        ...extra,
      );
    const bare = await analyse('--action-justification', 'n/a');
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('is no justification');
    await ok(
      '2026-02-05',
      'nc',
      'analyse',
      'NC-0002',
      '--method',
      '5-whys',
      '--root-cause',
      'Badges had no return point at the end of the day',
      '--similar-exist',
      'no',
      '--similar-could-occur',
      'no',
      '--action-required',
      'no',
      '--action-justification',
      'A return box was fitted at reception the same week',
    );
    await ok(
      '2026-03-01',
      'mrt',
      'schedule',
      '--title',
      'Management review',
      '--scheduled-on',
      '2026-03-01',
      '--members',
      'dana,sam',
      '--owner',
      'dana',
    );
    await ok(
      '2026-03-01',
      'mrt',
      'hold',
      'MRT-0002',
      '--attendees',
      'dana,sam',
      '--a-notes',
      'None',
      '--b-notes',
      'None',
      '--c-notes',
      'None',
      '--d1-notes',
      'NC-0002',
      '--d2-notes',
      'On target',
      '--d3-notes',
      'AUD-0001 reported its findings',
      '--d4-notes',
      'On track',
      '--e-notes',
      'None',
      '--f-notes',
      'On plan',
      '--g-notes',
      'None',
      '--items',
      'NC-0002',
    );
    const close = (...extra: string[]) =>
      cim('2026-03-01', 'nc', 'close', 'NC-0002', '--reviewed-in', 'MRT-0002', '--closed-by', 'sam', ...extra);
    const waiverless = await close('--closed-late', 'The review that accepted it met after the deadline');
    expect(waiverless.code).toBe(1);
    expect(waiverless.stderr).toContain('closed without corrective action, but nobody');
    const self = await close(
      '--action-waiver-approved-by',
      'lee',
      '--action-waiver-accepted-in',
      'MRT-0002',
      '--closed-late',
      'The review that accepted it met after the deadline',
    );
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('approved taking no corrective action on their own');
    const silent = await close('--action-waiver-approved-by', 'sam', '--action-waiver-accepted-in', 'MRT-0002');
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain('9 days after its close_by 2026-02-20, and does not say why');
    await ok(
      '2026-03-01',
      'nc',
      'close',
      'NC-0002',
      '--reviewed-in',
      'MRT-0002',
      '--closed-by',
      'sam',
      '--action-waiver-approved-by',
      'sam',
      '--action-waiver-accepted-in',
      'MRT-0002',
      '--closed-late',
      'The review that accepted it met after the deadline',
    );
    const later = await cim('2027-06-01', 'validate', '--strict', '--as-of', '2026-03-02');
    expect(later.stdout).not.toContain('NC-0002');
  });
});

describe('a major NC', () => {
  it('cannot waive corrective action, and its action is not reviewed by the NC owner', async () => {
    await ok(
      '2026-02-10',
      'nc',
      'open',
      '--source-ref',
      'AUD-0001#F2',
      '--title',
      'Admin accounts without MFA',
      '--grade',
      'major',
      '--requirement',
      'A.8.5',
      '--area',
      'it',
      '--owner',
      'dana',
      '--description',
      'Administrator accounts have no second factor.',
    );
    await ok(
      '2026-02-10',
      'nc',
      'correct',
      'NC-0003',
      '--action',
      'Hardware keys enrolled for every admin',
      '--consequences',
      'Sign-in logs showed no misuse',
    );
    const waived = await cim(
      '2026-02-11',
      'nc',
      'analyse',
      'NC-0003',
      '--method',
      '5-whys',
      '--root-cause',
      'Admin accounts were created outside the identity provider policy',
      '--similar-exist',
      'no',
      '--similar-could-occur',
      'yes',
      '--action-required',
      'no',
      '--action-justification',
      'The keys enrolled are enough to stop it recurring',
    );
    expect(waived.code).toBe(1);
    expect(waived.stderr).toContain('major nonconformity: corrective action cannot be waived');
    await ok(
      '2026-02-11',
      'nc',
      'analyse',
      'NC-0003',
      '--method',
      '5-whys',
      '--root-cause',
      'Admin accounts were created outside the identity provider policy',
      '--similar-exist',
      'no',
      '--similar-could-occur',
      'yes',
      '--action-required',
      'yes',
    );
    await ok(
      '2026-02-11',
      'ca',
      'plan',
      '--nc',
      'NC-0003',
      '--title',
      'Admins only through the IdP',
      '--owner',
      'lee',
      '--due',
      '2026-03-31',
      '--action',
      'Create admin accounts only through the identity provider, which enforces keys',
      '--addresses',
      'Admin accounts created outside the identity provider policy',
    );
    await ok('2026-02-12', 'ca', 'start', 'CA-0002');
    await ok('2026-02-13', 'ca', 'implement', 'CA-0002', '--evidence', 'Console admin creation disabled, change IT-77');
    const owner = await cim(
      '2026-02-14',
      'ca',
      'review',
      'CA-0002',
      '--reviewed-by',
      'dana',
      '--result',
      'effective',
      '--evidence',
      'Every admin account since has a hardware key',
    );
    expect(owner.code).toBe(1);
    expect(owner.stderr).toContain('the owner of the major nonconformity NC-0003');
    await ok(
      '2026-02-14',
      'ca',
      'review',
      'CA-0002',
      '--reviewed-by',
      'sam',
      '--result',
      'effective',
      '--evidence',
      'Every admin account since has a hardware key',
    );
  });
});

describe("a certification body's audit", () => {
  it('raises an NC only with the body reference and plan date, and warns when the plan is overdue', async () => {
    await ok(
      '2026-03-02',
      'audit',
      'plan',
      '--title',
      'Surveillance audit',
      '--type',
      'surveillance',
      '--scope',
      'The ISMS',
      '--criteria',
      '9.2',
      '--planned',
      '2026-03',
      '--lead-auditor',
      'nia',
      '--owner',
      'dana',
      '--body',
      'Northbridge Certification',
    );
    await ok('2026-03-03', 'audit', 'start', 'AUD-0002');
    await ok('2026-03-04', 'audit', 'report', 'AUD-0002', '--conclusion', 'The ISMS is maintained.');
    const raise = [
      'audit',
      'finding',
      'AUD-0002',
      '--type',
      'minor',
      '--requirement',
      '9.2',
      '--statement',
      'Two internal audits ran late.',
      '--raise',
      '--title',
      'Internal audits late',
      '--owner',
      'dana',
      '--area',
      'security',
    ];
    const bare = await cim('2026-03-04', ...raise);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("records neither the body's reference nor when its plan is due");
    await ok('2026-03-04', ...raise, '--body-ref', 'NB-26-031', '--plan-due', '2026-04-01');
    const nc = await record('nonconformities/NC-0004.yaml');
    expect(nc.certification).toEqual({ body_ref: 'NB-26-031', plan_due: '2026-04-01' });
    const late = await cim('2026-04-02', 'validate', '--strict', '--as-of', '2026-04-02');
    expect(late.code).toBe(1);
    expect(late.stdout).toContain('policy/nc-plan-overdue');
    await ok('2026-04-02', 'edit', 'NC-0004', '--set', 'certification.plan_accepted_on=2026-03-30');
    const accepted = await cim('2026-04-02', 'validate', '--as-of', '2026-04-02');
    expect(accepted.stdout).not.toContain('policy/nc-plan-overdue');
  });

  it('refuses an observation set aside with a placeholder', async () => {
    const r = await cim(
      '2026-03-04',
      'audit',
      'finding',
      'AUD-0002',
      '--type',
      'observation',
      '--statement',
      'Metrics lack targets.',
      '--dismiss',
      'n/a',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('from the certification body is set aside with "n/a"');
  });
});

describe('the history the new steps write', () => {
  it('passes validate --history', async () => {
    const r = await cim('2026-04-02', 'validate', '--history', '--as-of', '2026-04-02');
    expect(r.stdout).not.toContain('history/');
    expect(r.code).toBe(0);
  });
});
