// Incidents, objectives, OFIs, changes, legal changes and exceptions, built only with cim's own
// commands: each defect an auditor would find is either refused as it is planted (exit 1, with the
// rule's message) or, when it is a matter of time passing, fails `validate --strict`.
// Run `npm run build` first.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';

let repo: string;

/** Runs cim in the test register on the day given. */
const cim = (today: string, ...args: string[]): Promise<CliResult> =>
  runCli(args, { cwd: repo, env: { CIM_TODAY: today } });

/** Runs a step that must succeed. */
async function ok(today: string, ...args: string[]): Promise<CliResult> {
  const result = await cim(today, ...args);
  expect(result.stderr).not.toMatch(/^cim: /m);
  expect(result.code).toBe(0);
  return result;
}

/** Runs a step that must be refused with exit 1 and the words given, leaving nothing behind. */
async function refused(today: string, args: string[], ...says: (string | RegExp)[]): Promise<void> {
  const result = await cim(today, ...args);
  expect(result.code).toBe(1);
  for (const s of says) expect(result.stderr).toMatch(s);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(await git(repo, 'status', '--porcelain')).toBe('');
}

const LESSON = 'MFA stopped the phished password; the alert came from impossible travel, not from the user.';
const REASON = 'MFA and the sign-in alert worked as designed; no control failed.';

beforeAll(async () => {
  repo = await gitRepo({ 'cim.yaml': BASE_CONFIG });
}, 60_000);

describe('incidents (A.5.24–5.28)', () => {
  beforeAll(async () => {
    await ok(
      '2026-01-10',
      ...['incident', 'report', '--title', 'Phished account', '--occurred-on', '2026-01-09'],
      ...['--detected-on', '2026-01-09', '--reported-by', 'bob', '--severity', 'high'],
      ...['--impact', 'confidentiality', '--description', 'A staff password was phished and used to sign in.'],
      ...['--owner', 'alice'],
    );
  }, 60_000);

  it('refuses to resolve an incident nobody classified as an event or an incident', async () => {
    await refused(
      '2026-01-10',
      ['incident', 'resolve', 'INC-0001', '--resolution', 'Password reset.'],
      'INC-0001 is resolved with no record of who assessed it as an event or an incident',
    );
  });

  it('refuses lessons learned that are a placeholder', async () => {
    await ok('2026-01-10', 'incident', 'investigate', 'INC-0001', '--as', 'incident', '--by', 'alice');
    await ok(
      '2026-01-11',
      ...['incident', 'resolve', 'INC-0001', '--resolution', 'Password reset, sessions revoked.'],
      ...['--contained-on', '2026-01-10', '--recovered-on', '2026-01-11'],
    );
    await refused(
      '2026-01-12',
      ['incident', 'close', 'INC-0001', '--lessons-learned', 'n/a', '--none', REASON],
      `INC-0001's lessons learned: "n/a" is a placeholder, not a lesson`,
    );
  });

  it('refuses a placeholder for why nothing was raised', async () => {
    await refused(
      '2026-01-12',
      ['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--none', 'n/a'],
      'INC-0001 records that no NC or OFI was needed, but "n/a" gives no reason why',
    );
  });

  it('refuses to close a high incident with nothing raised on no one’s approval', async () => {
    await refused(
      '2026-01-12',
      ['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--none', REASON],
      'INC-0001 is a high incident closed with no NC or OFI raised, and nobody but its owner decided that none was needed',
      'the decision was not presented at a management review',
    );
  });

  it('refuses the owner’s own approval of that decision', async () => {
    await refused(
      '2026-01-12',
      ['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--none', REASON, '--approved-by', 'alice'],
      'on the decision of its owner, alice: it needs someone other than the owner to approve it',
    );
  });

  it('refuses a decision said to be presented at a review not yet held', async () => {
    await ok(
      '2026-01-12',
      ...['mrt', 'schedule', '--title', 'Management review H1', '--scheduled-on', '2026-03-01'],
      ...['--members', 'alice,carol', '--owner', 'alice'],
    );
    await refused(
      '2026-01-12',
      [
        ...['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--none', REASON],
        ...['--approved-by', 'carol', '--presented-in', 'MRT-0001'],
      ],
      'is said to be presented at MRT-0001, which is scheduled, not held',
    );
  });

  it('refuses to close an incident owing a notification it never sent, and closes it once sent', async () => {
    await ok('2026-01-12', 'edit', 'INC-0001', '--set', 'notifications=[{party: Client X, due: 2026-01-13}]');
    await ok(
      '2026-01-12',
      ...['ofi', 'propose', '--title', 'Phishing-resistant MFA', '--source-type', 'incident'],
      ...['--source-ref', 'INC-0001', '--description', 'Move staff to phishing-resistant MFA.'],
      ...['--benefit', 'A phished password alone no longer signs anyone in.', '--owner', 'alice'],
    );
    await refused(
      '2026-01-12',
      ['incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--raised', 'OFI-0001'],
      'its notification to Client X (due 2026-01-13) was never sent',
    );
    await ok(
      '2026-01-12',
      ...['edit', 'INC-0001', '--set', 'notifications=[{party: Client X, due: 2026-01-13, sent_on: 2026-01-12}]'],
    );
    await ok('2026-01-12', 'incident', 'close', 'INC-0001', '--lessons-learned', LESSON, '--raised', 'OFI-0001');
  });

  it('reports a notification past its due date, and an incident found long after it happened', async () => {
    await ok(
      '2026-02-10',
      ...['incident', 'report', '--title', 'Exposed storage bucket', '--occurred-on', '2025-12-01'],
      ...['--detected-on', '2026-02-10', '--reported-by', 'bob', '--severity', 'medium'],
      ...['--impact', 'confidentiality', '--description', 'A storage bucket of test exports was public.'],
      ...['--owner', 'alice'],
    );
    await ok('2026-02-10', 'edit', 'INC-0002', '--set', 'notifications=[{party: ICO, due: 2026-02-13}]');
    const { code, stdout } = await cim('2026-02-20', 'validate', '--strict', '--as-of', '2026-02-20');
    expect(code).toBe(1);
    expect(stdout).toContain('policy/incident-notification-overdue');
    expect(stdout).toContain('INC-0002 owed ICO a notification by 2026-02-13');
    expect(stdout).toContain('policy/incident-detection-gap');
    expect(stdout).toContain('INC-0002 went undetected for 71 days');
  });

  it('takes the classification at resolve for an incident resolved without an investigation', async () => {
    await ok(
      '2026-02-21',
      ...['incident', 'resolve', 'INC-0002', '--resolution', 'Bucket made private; access logs show no reads.'],
      ...['--classification-as', 'incident', '--classification-by', 'alice', '--classification-on', '2026-02-10'],
    );
    const { stdout } = await cim('2026-02-21', 'show', 'INC-0002');
    expect(stdout).toMatch(/classification:\s+as: incident\s+by: alice\s+on: 2026-02-10/);
  });
});

describe('changes and exceptions: separation of duties', () => {
  it('refuses a change approved by the person responsible for it or by its owner', async () => {
    await ok(
      '2026-01-12',
      ...['change', 'propose', '--title', 'New mail provider', '--scope', 'technology'],
      ...['--description', 'Migrate mailboxes.', '--reason', 'Contract ends.', '--consequences', 'Short outage.'],
      ...['--resources', 'Two days of IT time.', '--responsible', 'bob', '--owner', 'alice'],
    );
    await refused(
      '2026-01-13',
      ['change', 'approve', 'CHG-0001', '--approved-by', 'bob'],
      'CHG-0001 was approved by bob, who is responsible for carrying it out',
    );
    await refused(
      '2026-01-13',
      ['change', 'approve', 'CHG-0001', '--approved-by', 'alice'],
      'CHG-0001 was approved by alice, who is its owner',
    );
    await ok('2026-01-13', 'change', 'approve', 'CHG-0001', '--approved-by', 'carol');
  });

  it('refuses an exception approved by the person who requested it', async () => {
    await ok(
      '2026-01-12',
      ...['exception', 'request', '--title', 'Legacy VPN', '--policy', 'Access Control Policy'],
      ...['--requirement', 'Remote access uses MFA.', '--justification', 'The VPN cannot do MFA.'],
      ...['--risk', 'Password-only access.', '--compensating-controls', 'IP allow-list.'],
      ...['--requested-by', 'bob', '--owner', 'alice'],
    );
    await refused(
      '2026-01-13',
      ['exception', 'approve', 'EXC-0001', '--approved-by', 'bob', '--expires-on', '2026-06-30'],
      'EXC-0001 was approved by bob, who requested it',
    );
    await ok('2026-01-13', 'exception', 'approve', 'EXC-0001', '--approved-by', 'carol', '--expires-on', '2026-06-30');
  });
});

describe('objectives, OFIs, changes and legal changes as time passes (6.2, 6.3, 10.1)', () => {
  it('asks a missed objective for its improvement decision, and an accepted OFI for its due date', async () => {
    await ok(
      '2026-01-12',
      ...['objective', 'set', '--title', 'Patch in 14 days', '--statement', 'Patch critical within 14 days.'],
      ...['--measure', 'TBD', '--target', '95% each quarter', '--owner', 'alice', '--due', '2026-06-30'],
      ...['--evaluation', 'Monthly patch report.'],
    );
    const miss = await cim('2026-01-13', 'objective', 'miss', 'OBJ-0001', '--result', '80%');
    expect(miss.code).toBe(2);
    expect(miss.stderr).toContain('missing --raised or --none');
    const accept = await cim('2026-01-13', 'ofi', 'accept', 'OFI-0001', '--by', 'carol');
    expect(accept.code).toBe(2);
    expect(accept.stderr).toContain('missing --due');
  });

  it('fails validate --strict on each defect that time brings', async () => {
    await ok(
      '2026-01-14',
      ...['ofi', 'propose', '--title', 'SSO for HR tools', '--source-type', 'self-identified'],
      ...['--description', 'Move HR tools behind single sign-on.', '--benefit', 'Fewer passwords.'],
      ...['--owner', 'alice'],
    );
    await ok('2026-01-14', 'ofi', 'accept', 'OFI-0001', '--by', 'carol', '--due', '2026-05-31');
    await ok('2026-02-01', 'change', 'implement', 'CHG-0001');
    await ok(
      '2026-01-14',
      ...['lrc', 'identify', '--title', 'NIS2 transposition', '--source-type', 'law'],
      ...['--reference', 'National NIS2 act, section 21', '--effective-on', '2026-06-01', '--owner', 'alice'],
    );
    const { code, stdout } = await cim('2026-07-15', 'validate', '--strict', '--as-of', '2026-07-15');
    expect(code).toBe(1);
    for (const [rule, says] of [
      ['policy/objective-placeholder', `OBJ-0001's measure is "TBD"`],
      ['policy/objective-review-overdue', 'OBJ-0001 is not reviewed since it was set on 2026-01-12'],
      ['policy/objective-overdue', 'OBJ-0001 was due to be achieved by 2026-06-30 and is still active'],
      ['policy/ofi-undecided', 'OFI-0002 was proposed on 2026-01-14 and is still undecided'],
      ['policy/ofi-overdue', 'OFI-0001 was accepted for implementation by 2026-05-31 and is still accepted'],
      ['policy/change-unreviewed', 'CHG-0001 was implemented on 2026-02-01 and has had no post-implementation review'],
      ['policy/lrc-unassessed', 'LRC-0001 took effect on 2026-06-01 and its effect on the ISMS has not been assessed'],
    ] as const) {
      expect(stdout).toContain(rule);
      expect(stdout).toContain(says);
    }
  });
});
