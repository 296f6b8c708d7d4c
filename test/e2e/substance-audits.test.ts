// The audit programme and its auditors, with cim's own commands on the days they happen: the
// steps that would plant a defect are refused, and a register holding one fails
// `validate --strict` with the rule's id.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, type CliResult } from '../helpers/cli.js';
import { gitRepo } from '../helpers/git.js';

const ALL = '4,5,6,7,8,9,10,A.5,A.6,A.7,A.8';

const CONFIG = {
  organisation: 'Example Ltd',
  started_on: '2026-01-05',
  policy: { owner: 'dana', approver: 'sam', version: '1.0', reviewed_on: '2026-01-05' },
  people: [
    {
      id: 'dana',
      name: 'Dana Whitfield',
      roles: ['isms-manager', 'mrt-member', 'internal-auditor'],
      areas: ['security'],
    },
    {
      id: 'kim',
      name: 'Kim Osei',
      roles: ['internal-auditor'],
      areas: ['finance'],
      competence: [
        {
          course: 'ISO 27001 internal auditor',
          date: '2023-04-03',
          evidence: 'Certificate in the training record',
          expires_on: '2026-03-31',
        },
      ],
    },
    { id: 'ravi', name: 'Ravi Menon', roles: ['internal-auditor'], areas: [] },
    { id: 'mo', name: 'Mo Adler', roles: ['internal-auditor'], areas: ['security'] },
    { id: 'lee', name: 'Lee Park', roles: ['process-owner'], areas: ['it'] },
    { id: 'sam', name: 'Sam Reyes', roles: ['top-management', 'mrt-member'], areas: [] },
    { id: 'karen', name: 'Karen Holt (Cert Ltd)' },
  ],
  areas: [
    { id: 'it', name: 'IT operations', owner: 'lee', owns: ['A.5.15', 'A.5.18', 'A.8'] },
    { id: 'security', name: 'Information security', owner: 'dana', owns: ['9', '10'] },
    { id: 'finance', name: 'Finance', owner: 'sam' },
  ],
};

const register = (config: Record<string, unknown> = {}) => gitRepo({ 'cim.yaml': stringify({ ...CONFIG, ...config }) });

const cim = (dir: string, today: string, ...args: string[]): Promise<CliResult> =>
  runCli(args, { cwd: dir, env: { CIM_TODAY: today } });

const plan = (dir: string, today: string, flags: Record<string, string>) =>
  cim(
    dir,
    today,
    'audit',
    'plan',
    ...Object.entries({
      title: 'Internal audit',
      type: 'internal',
      scope: 'What the criteria name',
      planned: '2026-02',
      owner: 'dana',
      ...flags,
    }).flatMap(([k, v]) => [`--${k}`, v]),
  );

function refused(result: CliResult, says: string): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(says);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

function fails(result: CliResult, rule: string, says: string): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(new RegExp(`error\\s+${rule.replace('/', '\\/')}`));
  expect(result.stdout).toContain(says);
}

describe('auditor objectivity and competence (9.2.2, 7.2), as the steps are taken', () => {
  it('refuses an internal audit with no area to judge its auditors against', async () => {
    const dir = await register();
    refused(
      await plan(dir, '2026-02-01', { criteria: 'A.7.4', 'lead-auditor': 'ravi' }),
      'AUD-0001 is an internal audit that names no area it audits',
    );
    expect((await plan(dir, '2026-02-01', { criteria: 'A.7.4', 'lead-auditor': 'ravi', areas: 'finance' })).code).toBe(
      0,
    );
  });

  it('refuses an auditor from the area that owns a criterion, though other areas are named', async () => {
    const dir = await register();
    refused(
      await plan(dir, '2026-02-01', { criteria: '9.2', areas: 'finance', 'lead-auditor': 'ravi', auditors: 'mo' }),
      'auditor mo works in security, which cim.yaml says runs clauses or controls this internal audit covers',
    );
  });

  it('refuses the ISMS manager as auditor of clauses 4–10, and a lead who is no internal auditor', async () => {
    const dir = await register();
    refused(
      await plan(dir, '2026-02-01', { criteria: '7.2', areas: 'finance', 'lead-auditor': 'ravi', auditors: 'dana' }),
      'auditor dana is the ISMS manager, who runs the management system clauses 4–10 that AUD-0001 audits',
    );
    refused(
      await plan(dir, '2026-02-01', { criteria: 'A.7.4', areas: 'finance', 'lead-auditor': 'sam' }),
      'lead auditor sam of AUD-0001 does not hold the internal-auditor role',
    );
  });

  it('warns while a planned lead auditor’s training lapses, and refuses the start once it has', async () => {
    const dir = await register();
    expect(
      (await plan(dir, '2026-02-01', { criteria: 'A.5.18', 'lead-auditor': 'kim', planned: '2026-05' })).code,
    ).toBe(0);
    fails(
      await cim(dir, '2026-04-01', 'validate', '--strict'),
      'policy/auditor-competence',
      "AUD-0001 is planned for 2026-05, and lead auditor kim's competence (ISO 27001 internal auditor) lapsed on 2026-03-31",
    );
    refused(
      await cim(dir, '2026-05-04', 'audit', 'start', 'AUD-0001'),
      "lead auditor kim's competence (ISO 27001 internal auditor) lapsed on 2026-03-31, before AUD-0001's fieldwork began on 2026-05-04",
    );
  });
});

describe('the audit programme (9.2), as time passes', () => {
  it('reports a one-day internal audit of everything as implausible scope', async () => {
    const dir = await register();
    expect((await plan(dir, '2026-02-01', { criteria: ALL, 'lead-auditor': 'ravi' })).code).toBe(0);
    expect((await cim(dir, '2026-02-10', 'audit', 'start', 'AUD-0001')).code).toBe(0);
    expect((await cim(dir, '2026-02-10', 'audit', 'report', 'AUD-0001', '--conclusion', 'All effective.')).code).toBe(
      0,
    );
    fails(
      await cim(dir, '2026-02-20', 'validate', '--strict'),
      'policy/audit-scope',
      'AUD-0001 claims criteria worth 11 of the 11 groups (clauses 4–10, themes A.5–A.8) from 1 day of fieldwork',
    );
  });

  it('counts a certification audit apart from internal coverage, pro rata in the first cycle, and judges stage 2', async () => {
    const dir = await register({ certification: { body: 'Cert Ltd', stage2_on: '2026-09-01' } });
    expect((await plan(dir, '2026-03-02', { criteria: '9.2', 'lead-auditor': 'ravi', planned: '2026-03' })).code).toBe(
      0,
    );
    expect((await cim(dir, '2026-03-02', 'audit', 'start', 'AUD-0001')).code).toBe(0);
    expect((await cim(dir, '2026-03-04', 'audit', 'report', 'AUD-0001', '--conclusion', 'Effective.')).code).toBe(0);
    const certification = await plan(dir, '2026-03-10', {
      type: 'certification',
      body: 'Cert Ltd',
      criteria: ALL,
      'lead-auditor': 'karen',
      planned: '2026-04',
    });
    expect(certification.code).toBe(0);
    expect((await cim(dir, '2026-04-06', 'audit', 'start', 'AUD-0002')).code).toBe(0);
    expect((await cim(dir, '2026-04-10', 'audit', 'report', 'AUD-0002', '--conclusion', 'Ready.')).code).toBe(0);

    const june = await cim(dir, '2026-06-30', 'validate', '--strict');
    fails(
      june,
      'policy/coverage',
      '1 of 23 clauses internally audited since the register started on 2026-01-05: 16% into its first 3-year cycle, at least 3 should be',
    );
    expect(june.stdout).toContain(
      'certification and client audits covered 22 of them: their assurance, not internal audit',
    );
    fails(
      june,
      'policy/stage2-readiness',
      'the stage 2 audit is on 2026-09-01, and no management review is held or scheduled before it',
    );

    fails(
      await cim(dir, '2026-09-15', 'validate', '--strict'),
      'policy/stage2-readiness',
      'clauses not internally audited before the stage 2 audit on 2026-09-01: 4.1, 4.2',
    );
  });
});
