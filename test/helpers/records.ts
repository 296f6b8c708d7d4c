// Minimal valid records of every kind, to be changed one field at a time by tests.
// Each builder returns [path, data] so tests can write `Object.fromEntries([nc(), ca()])`.

type Data = Record<string, unknown>;
type File = [string, Data];

const base = (id: string, title: string, status: string, extra: Data): Data => ({
  id,
  title,
  status,
  owner: 'alice',
  created: '2026-01-10',
  ...extra,
});

export function nc(overrides: Data = {}, id = 'NC-0001'): File {
  return [
    `nonconformities/${id}.yaml`,
    base(id, 'Access reviews not performed', 'open', {
      grade: 'minor',
      source: { type: 'self-identified' },
      requirement: ['A.5.18'],
      area: 'it',
      raised_by: 'alice',
      raised_on: '2026-01-10',
      description: 'Quarterly access reviews were skipped in Q4.',
      ...overrides,
    }),
  ];
}

export function ca(overrides: Data = {}, id = 'CA-0001'): File {
  return [
    `actions/${id}.yaml`,
    base(id, 'Automate access review reminders', 'planned', {
      nc: 'NC-0001',
      action: 'Schedule reminders in the ticketing system.',
      addresses: 'Nothing reminded anyone that the quarterly review was due',
      due: '2026-12-31',
      ...overrides,
    }),
  ];
}

export function audit(overrides: Data = {}, id = 'AUD-0001'): File {
  return [
    `audits/${id}.yaml`,
    base(id, 'Internal audit of IT', 'planned', {
      type: 'internal',
      scope: 'IT operations',
      criteria: ['9.2', 'A.5.15'],
      areas: ['it'],
      planned: '2026-09',
      lead_auditor: 'bob',
      ...overrides,
    }),
  ];
}

export function ofi(overrides: Data = {}, id = 'OFI-0001'): File {
  return [
    `improvements/${id}.yaml`,
    base(id, 'Single sign-on for HR tools', 'proposed', {
      source: { type: 'self-identified' },
      description: 'Move HR tools behind single sign-on.',
      benefit: 'Fewer passwords to manage.',
      ...overrides,
    }),
  ];
}

export function incident(overrides: Data = {}, id = 'INC-0001'): File {
  return [
    `incidents/${id}.yaml`,
    base(id, 'Laptop lost', 'reported', {
      occurred_on: '2026-01-05',
      detected_on: '2026-01-06',
      reported_by: 'alice',
      severity: 'medium',
      impact: ['confidentiality'],
      description: 'A laptop was left on a train.',
      ...overrides,
    }),
  ];
}

export function change(overrides: Data = {}, id = 'CHG-0001'): File {
  return [
    `changes/${id}.yaml`,
    base(id, 'Move mail to a new provider', 'proposed', {
      scope: 'technology',
      description: 'Migrate mailboxes.',
      reason: 'Contract ends.',
      consequences: 'Short outage during cut-over.',
      resources: 'Two days of IT time.',
      responsible: 'alice',
      ...overrides,
    }),
  ];
}

export function mrt(overrides: Data = {}, id = 'MRT-0001'): File {
  return [
    `reviews/${id}.yaml`,
    base(id, 'Management review H1', 'scheduled', {
      scheduled_on: '2026-03-01',
      members: ['alice', 'carol'],
      ...overrides,
    }),
  ];
}

/** Every 9.3.2 input, as a held review needs. */
export const ALL_INPUTS = Object.fromEntries(
  ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g'].map((k) => [k, { notes: `Input ${k} discussed.` }]),
);

export function heldMrt(overrides: Data = {}, id = 'MRT-0001'): File {
  return mrt(
    { status: 'held', held_on: '2026-03-01', attendees: ['alice', 'carol'], inputs: ALL_INPUTS, ...overrides },
    id,
  );
}

export function objective(overrides: Data = {}, id = 'OBJ-0001'): File {
  return [
    `objectives/${id}.yaml`,
    base(id, 'Patch within 14 days', 'active', {
      statement: 'Apply critical patches within 14 days.',
      measure: 'Share of critical patches applied within 14 days.',
      target: '95%',
      due: '2026-12-31',
      evaluation: 'Monthly patch report reviewed by the ISMS manager.',
      ...overrides,
    }),
  ];
}

export function lrc(overrides: Data = {}, id = 'LRC-0001'): File {
  return [
    `requirements/${id}.yaml`,
    base(id, 'NIS2 transposition', 'identified', {
      source_type: 'law',
      reference: 'National NIS2 act, section 21',
      identified_on: '2026-01-10',
      ...overrides,
    }),
  ];
}

export function exception(overrides: Data = {}, id = 'EXC-0001'): File {
  return [
    `exceptions/${id}.yaml`,
    base(id, 'Legacy VPN without MFA', 'requested', {
      policy: 'Access Control Policy',
      requirement: 'Remote access uses multi-factor authentication.',
      justification: 'The legacy VPN concentrator cannot do MFA until replaced.',
      risk: 'Password-only remote access for three engineers.',
      compensating_controls: 'IP allow-list and monthly log review.',
      requested_by: 'alice',
      requested_on: '2026-01-10',
      ...overrides,
    }),
  ];
}

export function files(...entries: File[]): Record<string, Data> {
  return Object.fromEntries(entries);
}
