// Every verb of every kind, taken with cim in a temporary git repository: each step commits, and
// the register stays valid with a clean history throughout.
import { describe, expect, it } from 'vitest';
import { step } from '../../src/commands/step.js';
import { validateRegister } from '../../src/commands/validate.js';
import type { Context } from '../../src/context.js';
import { addAction, decide, markDone } from '../../src/commands/review.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { REVIEW_STEPS } from '../../src/domain/kinds/mrt.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';

const config = {
  ...BASE_CONFIG,
  people: BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p)),
  corrective_actions: { effectiveness_review_min_days: 0 },
};
const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
const inputs = Object.fromEntries(
  ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'].map((k) => [`${k}-notes`, `Input ${k}.`]),
);

/** [kind, verb, id or undefined, flags] in an order every step allows. */
const SCRIPT: [string, string, string | undefined, Record<string, string>][] = [
  [
    'mrt',
    'schedule',
    undefined,
    { title: 'H1 review', 'scheduled-on': '2026-06-30', members: 'alice,carol', owner: 'alice' },
  ],
  [
    'mrt',
    'schedule',
    undefined,
    { title: 'Extra review', 'scheduled-on': '2026-07-15', members: 'alice', owner: 'alice' },
  ],
  ['mrt', 'cancel', 'MRT-0002', { reason: 'Merged into H1.' }],
  [
    'audit',
    'plan',
    undefined,
    {
      title: 'IT audit',
      type: 'internal',
      scope: 'IT',
      criteria: '9.2,A.5.18',
      areas: 'it',
      planned: '2026-06',
      'lead-auditor': 'bob',
      owner: 'alice',
    },
  ],
  ['audit', 'start', 'AUD-0001', {}],
  ['audit', 'report', 'AUD-0001', { conclusion: 'Effective.' }],
  [
    'audit',
    'plan',
    undefined,
    {
      title: 'Supplier audit',
      type: 'client',
      scope: 'Us',
      criteria: 'A.5.19',
      planned: '2026-09',
      'lead-auditor': 'carol',
      owner: 'alice',
      agreement: 'MSA 12',
    },
  ],
  ['audit', 'cancel', 'AUD-0002', { reason: 'Client withdrew.' }],
  [
    'nc',
    'open',
    undefined,
    {
      title: 'Door open',
      grade: 'minor',
      'source-type': 'self-identified',
      requirement: 'A.7.2',
      area: 'it',
      owner: 'bob',
      description: 'The door was open.',
    },
  ],
  ['nc', 'correct', 'NC-0001', { action: 'Closed it.', consequences: 'None.' }],
  [
    'nc',
    'analyse',
    'NC-0001',
    {
      method: 'fishbone',
      'root-cause': 'Broken closer.',
      'similar-exist': 'no',
      'similar-could-occur': 'no',
      'action-required': 'yes',
    },
  ],
  [
    'ca',
    'plan',
    undefined,
    {
      nc: 'NC-0001',
      title: 'Fix closer',
      action: 'Replace the door closer.',
      addresses: 'Broken closer',
      owner: 'bob',
      due: '2026-07-31',
    },
  ],
  [
    'ca',
    'plan',
    undefined,
    {
      nc: 'NC-0001',
      title: 'Alarm',
      action: 'Add a door alarm.',
      addresses: 'Broken closer',
      owner: 'bob',
      due: '2026-07-31',
    },
  ],
  ['ca', 'cancel', 'CA-0002', { reason: 'Closer is enough.' }],
  ['nc', 'action', 'NC-0001', {}],
  ['ca', 'start', 'CA-0001', {}],
  ['ca', 'implement', 'CA-0001', { evidence: 'Work order 7.' }],
  ['ca', 'review', 'CA-0001', { result: 'effective', evidence: 'The door shuts every time.' }],
  ['nc', 'verify', 'NC-0001', {}],
  ['nc', 'reopen', 'NC-0001', { reason: 'It happened again.' }],
  ['nc', 'action', 'NC-0001', {}],
  ['nc', 'verify', 'NC-0001', {}],
  ['mrt', 'hold', 'MRT-0001', { attendees: 'alice,carol', items: 'NC-0001,AUD-0001', ...inputs }],
  ['mrt', 'decide', 'MRT-0001', { type: 'improvement', text: 'Fit self-closing hinges on every door.' }],
  ['mrt', 'action', 'MRT-0001', { text: 'Fit the hinges.', owner: 'bob', due: '2026-09-30' }],
  [
    'mrt',
    'approve',
    'MRT-0001',
    {
      'approved-by': 'carol',
      conclusion: 'The ISMS remains suitable, adequate and effective; the door NC was corrected.',
    },
  ],
  ['mrt', 'done', 'MRT-0001', { ref: 'A1', evidence: 'Work order 9 closed with photos of each door.' }],
  ['nc', 'close', 'NC-0001', { 'reviewed-in': 'MRT-0001', 'closed-by': 'carol' }],
  ['audit', 'close', 'AUD-0001', { 'reported-to': 'MRT-0001' }],
  [
    'nc',
    'open',
    undefined,
    {
      title: 'Wrong',
      grade: 'minor',
      'source-type': 'self-identified',
      requirement: 'A.7.2',
      area: 'it',
      owner: 'bob',
      description: 'Raised in error.',
    },
  ],
  ['nc', 'withdraw', 'NC-0002', { reason: 'Duplicate of NC-0001.' }],
  [
    'ofi',
    'propose',
    undefined,
    {
      title: 'SSO',
      'source-type': 'self-identified',
      description: 'Use SSO.',
      benefit: 'Fewer passwords.',
      owner: 'alice',
    },
  ],
  ['ofi', 'accept', 'OFI-0001', { in: 'MRT-0001', due: '2026-12-31' }],
  ['ofi', 'implement', 'OFI-0001', { evidence: 'Live.' }],
  ['ofi', 'close', 'OFI-0001', {}],
  [
    'ofi',
    'propose',
    undefined,
    {
      title: 'DLP',
      'source-type': 'self-identified',
      description: 'Buy DLP.',
      benefit: 'Fewer leaks.',
      owner: 'alice',
    },
  ],
  ['ofi', 'reject', 'OFI-0002', { reason: 'Too costly.', by: 'carol' }],
  [
    'incident',
    'report',
    undefined,
    {
      title: 'Lost laptop',
      severity: 'medium',
      impact: 'confidentiality',
      description: 'Left on a train.',
      owner: 'alice',
    },
  ],
  ['incident', 'investigate', 'INC-0001', { investigation: 'Disk encrypted.', as: 'incident' }],
  ['incident', 'resolve', 'INC-0001', { resolution: 'Remote wipe.' }],
  ['incident', 'close', 'INC-0001', { 'lessons-learned': 'Encryption works.', raised: 'OFI-0001' }],
  [
    'change',
    'propose',
    undefined,
    {
      title: 'New mail',
      scope: 'technology',
      description: 'Move mail.',
      reason: 'Cost.',
      consequences: 'Outage.',
      resources: 'Two days.',
      responsible: 'alice',
      owner: 'alice',
    },
  ],
  ['change', 'approve', 'CHG-0001', { 'approved-by': 'carol' }],
  ['change', 'implement', 'CHG-0001', {}],
  ['change', 'review', 'CHG-0001', { notes: 'Went well.', none: 'Nothing to improve.' }],
  [
    'change',
    'propose',
    undefined,
    {
      title: 'BYOD',
      scope: 'policy',
      description: 'Allow BYOD.',
      reason: 'Asked.',
      consequences: 'Risk.',
      resources: 'None.',
      responsible: 'alice',
      owner: 'alice',
    },
  ],
  ['change', 'reject', 'CHG-0002', { reason: 'Too risky.' }],
  [
    'objective',
    'set',
    undefined,
    {
      title: 'Patch fast',
      statement: 'Patch in 14 days.',
      measure: 'Share in time.',
      target: '95%',
      owner: 'alice',
      due: '2026-12-31',
      evaluation: 'Quarterly.',
    },
  ],
  ['objective', 'review', 'OBJ-0001', { result: '96%', 'on-track': 'yes' }],
  ['objective', 'achieve', 'OBJ-0001', { result: 'Met.' }],
  [
    'objective',
    'set',
    undefined,
    {
      title: 'Phishing',
      statement: 'Report phishing.',
      measure: 'Report rate.',
      target: '60%',
      owner: 'alice',
      due: '2026-12-31',
      evaluation: 'Monthly.',
    },
  ],
  ['objective', 'miss', 'OBJ-0002', { result: '41%.', raised: 'OFI-0001' }],
  [
    'objective',
    'set',
    undefined,
    {
      title: 'CE+',
      statement: 'Get CE+.',
      measure: 'Certificate.',
      target: 'Certified',
      owner: 'alice',
      due: '2026-12-31',
      evaluation: 'At MRT.',
    },
  ],
  ['objective', 'retire', 'OBJ-0003', { reason: 'Not needed.' }],
  ['lrc', 'identify', undefined, { title: 'New law', 'source-type': 'law', reference: 'Act 2026 s.3', owner: 'alice' }],
  ['lrc', 'assess', 'LRC-0001', { assessment: 'Needs a process change.' }],
  ['lrc', 'close', 'LRC-0001', { raised: 'CHG-0001' }],
  [
    'exception',
    'request',
    undefined,
    {
      title: 'Legacy VPN',
      policy: 'Access',
      requirement: 'MFA',
      justification: 'Old kit.',
      risk: 'Passwords.',
      'compensating-controls': 'IP allow-list.',
      owner: 'alice',
      'requested-on': '2026-01-05',
    },
  ],
  // Approved and renewed in the past, so that it has reached its expiry date by today.
  [
    'exception',
    'approve',
    'EXC-0001',
    { 'approved-by': 'carol', 'approved-on': '2026-01-10', 'expires-on': '2026-03-31' },
  ],
  [
    'exception',
    'renew',
    'EXC-0001',
    { 'approved-by': 'carol', 'approved-on': '2026-03-30', 'expires-on': '2026-06-30' },
  ],
  ['exception', 'expire', 'EXC-0001', {}],
  [
    'exception',
    'request',
    undefined,
    {
      title: 'Shared login',
      policy: 'Access',
      requirement: 'Named users',
      justification: 'Demo.',
      risk: 'No trace.',
      'compensating-controls': 'None.',
      owner: 'alice',
    },
  ],
  ['exception', 'reject', 'EXC-0002', { reason: 'Not needed.' }],
  [
    'exception',
    'request',
    undefined,
    {
      title: 'USB',
      policy: 'Media',
      requirement: 'Encrypt',
      justification: 'Old device.',
      risk: 'Loss.',
      'compensating-controls': 'Locked away.',
      owner: 'alice',
    },
  ],
  ['exception', 'approve', 'EXC-0003', { 'approved-by': 'carol', 'expires-on': '2026-12-31' }],
  ['exception', 'revoke', 'EXC-0003', { reason: 'Device replaced.' }],
];

/** One step: a lifecycle step, or one of the steps a held review records what it produced by. */
async function take(kind: string, verb: string, id: string | undefined, values: Record<string, string>, repo: string) {
  const v = (k: string) => values[k] ?? '';
  if (kind === REVIEW_STEPS.kind && verb === REVIEW_STEPS.decide.verb)
    return decide({ id: id!, text: v('text'), type: v('type') }, ctx(repo));
  if (kind === REVIEW_STEPS.kind && verb === REVIEW_STEPS.action.verb)
    return addAction({ id: id!, text: v('text'), owner: v('owner'), due: v('due') }, ctx(repo));
  if (kind === REVIEW_STEPS.kind && verb === REVIEW_STEPS.done.verb)
    return markDone({ id: id!, ref: v('ref'), evidence: v('evidence') }, ctx(repo));
  return step({ kind, verb, ...(id ? { id } : {}), values }, ctx(repo));
}

describe('every verb of every kind', () => {
  it('takes each step with cim, one commit each, leaving a valid register and a clean history', async () => {
    const repo = await gitRepo({ 'cim.yaml': config });
    for (const [kind, verb, id, values] of SCRIPT) {
      const result = await take(kind, verb, id, values, repo).catch((e: unknown) => {
        throw new Error(`cim ${kind} ${verb} ${id ?? ''}: ${(e as Error).message}`);
      });
      expect(result.commit, `${kind} ${verb}`).toBeDefined();
    }
    const covered = new Set(SCRIPT.map(([kind, verb]) => `${kind} ${verb}`));
    const all = [
      ...KINDS.flatMap((k) => k.transitions.map((t) => `${k.name} ${t.verb}`)),
      ...[REVIEW_STEPS.decide, REVIEW_STEPS.action, REVIEW_STEPS.done].map((s) => `${REVIEW_STEPS.kind} ${s.verb}`),
    ];
    expect(all.filter((v) => !covered.has(v))).toEqual([]);
    expect(Number((await git(repo, 'rev-list', '--count', 'HEAD')).trim())).toBe(SCRIPT.length + 1);
    const { result } = await validateRegister({ history: true, asOf: '2026-06-30' }, ctx(repo));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 120_000);
});
