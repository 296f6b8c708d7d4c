import { z } from 'zod';
import { endOf } from '../dates.js';
import { defineKind } from '../kind.js';
import { area, date, ended, line, month, person, ref, requirements, text } from '../fields.js';
import { AUDIT_AGREEMENT, AUDIT_BODY, AUDIT_FINDING_ACTION, AUDIT_FINDING_REF } from '../validate/rule-ids.js';

export const AUDIT_TYPES = [
  'internal',
  'certification',
  'surveillance',
  'recertification',
  'client',
  'third-party',
] as const;
export const EXTERNAL_TYPES: readonly string[] = ['certification', 'surveillance', 'recertification'];
export const AGREEMENT_TYPES: readonly string[] = ['client', 'third-party'];
export const FINDING_TYPES = ['major', 'minor', 'observation', 'ofi', 'conformity', 'good-practice'] as const;

const finding = z
  .strictObject({
    ref: z
      .string()
      .regex(/^F[1-9]\d*$/, 'must be F1, F2, …')
      .describe('Finding reference within the audit: F1, F2, …'),
    type: z.enum(FINDING_TYPES).describe(`Finding type: ${FINDING_TYPES.join(', ')}`),
    requirement: requirements('Clauses or controls the finding concerns').optional(),
    statement: text('What the auditor found'),
    evidence: text('Evidence the auditor saw').optional(),
    raised: ref(['nc', 'ofi'], 'The NC or OFI raised from this finding').optional(),
    no_action: text('Why no NC or OFI is raised (observations and OFIs only)').optional(),
  })
  .describe('One audit finding');

export const audit = defineKind({
  name: 'audit',
  title: 'Audit',
  plural: 'Audits',
  prefix: 'AUD',
  folder: 'audits',
  clause: '9.2',
  description: 'An internal, certification, client or third-party audit: plan, conduct, report, close',
  states: ['planned', 'in-progress', 'reported', 'closed', 'cancelled'],
  meaning: {
    planned: { live: true, due: ['start'], facts: ['upcoming', 'in-hand'] },
    'in-progress': { live: true, facts: ['in-hand'] },
    reported: { live: true, facts: ['conducted', 'reported'] },
    closed: { live: false, facts: ['conducted'] },
    cancelled: { live: false, void: true },
  },
  deadlines: { start: { what: 'start', on: (r) => endOf(r.planned) } },
  fields: {
    type: z.enum(AUDIT_TYPES).describe(`Audit type: ${AUDIT_TYPES.join(', ')}`),
    scope: text('What the audit covers'),
    criteria: requirements('Clauses and controls audited; 9 or A.8 names a whole clause or theme'),
    areas: z.array(area('An audited area')).optional().describe('Areas audited'),
    planned: month('When the audit is planned'),
    lead_auditor: person('Lead auditor'),
    auditors: z.array(person('An auditor')).optional().describe('Other auditors'),
    auditees: z.array(person('An auditee')).optional().describe('People interviewed'),
    body: line('Certification body or auditing organisation (external audits)').optional(),
    agreement: line('Contract or NDA the audit is conducted under (client and third-party audits)').optional(),
    conducted: z
      .strictObject({
        from: date('First day of fieldwork'),
        to: date('Last day of fieldwork').optional(),
      })
      .optional()
      .describe('When the audit was conducted'),
    report: z
      .strictObject({
        date: date('Date of the report'),
        conclusion: text('Overall conclusion of the audit'),
        findings: z.array(finding).describe('Findings; an empty list means none were raised'),
      })
      .optional()
      .describe('The audit report'),
    reported_to: ref(['mrt'], 'The management review the results were reported to').optional(),
    cancelled: ended('cancelled').optional(),
  },
  transitions: [
    {
      verb: 'plan',
      from: [],
      to: 'planned',
      requires: ['title', 'type', 'scope', 'criteria', 'planned', 'lead_auditor', 'owner'],
      summary: 'Plan an audit',
    },
    { verb: 'start', from: ['planned'], to: 'in-progress', requires: ['conducted.from'], summary: 'Start fieldwork' },
    {
      verb: 'report',
      from: ['in-progress'],
      to: 'reported',
      requires: ['conducted.to', 'report'],
      summary: 'Record the report: conclusion and findings',
    },
    {
      verb: 'close',
      from: ['reported'],
      to: 'closed',
      requires: ['reported_to'],
      summary: 'Close once every finding was acted on and results reported to the MRT',
    },
    {
      verb: 'cancel',
      from: ['planned', 'in-progress'],
      to: 'cancelled',
      requires: ['cancelled'],
      summary: 'Cancel it, with a reason',
    },
  ],
  emptyLists: { 'report.findings': [] },
  dateOrder: ['conducted.from', 'conducted.to', 'report.date', 'cancelled.on'],
  refine: (r, problem) => {
    const issue = (path: (string | number)[], message: string, rule: string, hint: string) =>
      problem(path, rule, message, hint);
    if (EXTERNAL_TYPES.includes(r.type) && r.body === undefined) {
      issue(['body'], `a ${r.type} audit names its certification body`, AUDIT_BODY, 'add body: the certification body');
    }
    if (AGREEMENT_TYPES.includes(r.type) && r.agreement === undefined) {
      issue(
        ['agreement'],
        `a ${r.type} audit is conducted only under an agreement`,
        AUDIT_AGREEMENT,
        'add agreement: the contract or NDA reference',
      );
    }
    const seen = new Set<string>();
    r.report?.findings.forEach((f, i) => {
      if (seen.has(f.ref)) {
        issue(
          ['report', 'findings', i, 'ref'],
          `finding ${f.ref} appears twice`,
          AUDIT_FINDING_REF,
          'number findings F1, F2, … once each',
        );
      }
      seen.add(f.ref);
      if (f.raised !== undefined && f.no_action !== undefined) {
        issue(
          ['report', 'findings', i, 'no_action'],
          `finding ${f.ref} has both raised and no_action`,
          AUDIT_FINDING_ACTION,
          'keep raised (the NC or OFI) or no_action (the reason), not both',
        );
      }
    });
  },
});

// What a finding leads to. A record raised from a finding names the audit as its source, with the
// source type the audit's type implies; which kind of record a finding raises follows its type.

/** The source type of a record raised from an audit of each type. */
export const RAISED_SOURCE_TYPE = Object.fromEntries(
  AUDIT_TYPES.map((t) => [
    t,
    t === 'internal' ? 'internal-audit' : AGREEMENT_TYPES.includes(t) ? 'client-audit' : 'external-audit',
  ]),
) as Readonly<Record<(typeof AUDIT_TYPES)[number], 'internal-audit' | 'client-audit' | 'external-audit'>>;

/** The kind of record a finding of each type raises (by name); the other types raise nothing. */
export const RAISED_KIND: Readonly<Partial<Record<(typeof FINDING_TYPES)[number], string>>> = {
  major: 'nc',
  minor: 'nc',
  observation: 'ofi',
  ofi: 'ofi',
};

/**
 * Adding a finding: a step outside the lifecycle table, since it leaves the audit in its state.
 * It adds to the report's findings of a reported audit, and may raise a record.
 */
export const FINDING_STEP = {
  kind: 'audit',
  verb: 'finding',
  from: ['reported'],
  to: 'reported',
  /** The field the step adds to. */
  field: 'report.findings',
} as const;
