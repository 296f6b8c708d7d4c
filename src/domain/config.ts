// cim.yaml: the register's organisation, people, areas, deadlines and policy metadata.
// Every setting has a default, so a short cim.yaml is a valid one.
import { z } from 'zod';
import { area, date, line, person, requirement, SHORT_ID_PATTERN, text } from './fields.js';
import { KINDS } from './kinds/index.js';

/** As loose as git is (`ops@localhost`), but with no space, control or reordering character. */
const EMAIL_PATTERN =
  // eslint-disable-next-line no-control-regex
  /^[^@\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+@[^@\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+$/;

export const ROLES = [
  'isms-manager',
  'internal-auditor',
  'mrt-member',
  'top-management',
  'process-owner',
  'risk-owner',
  'staff',
] as const;

const days = (description: string, fallback: number, min = 1) =>
  z.number().int().min(min).default(fallback).describe(`${description} (days, default ${fallback})`);

const deadline = (grade: string, respond: number, close: number) =>
  z
    .strictObject({
      respond_days: days('Days from raising to the correction', respond),
      close_days: days('Days from raising to closure', close),
    })
    .default({ respond_days: respond, close_days: close })
    .describe(`Deadlines for ${grade} nonconformities`);

const prefixShape = Object.fromEntries(
  KINDS.map((k) => [
    k.name,
    z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, 'must be capital letters and digits, starting with a letter')
      .optional()
      .describe(`Id prefix for ${k.title.toLowerCase()} records (default ${k.prefix})`),
  ]),
);

export const configSchema = z
  .strictObject({
    organisation: line('Name of the organisation whose ISMS this register serves'),
    started_on: date('When the register was started; periodic checks count from here'),
    policy: z
      .strictObject({
        title: line('Policy title').default('Continual Improvement Policy'),
        owner: person('Policy owner, accountable for the policy'),
        approver: person('Who approves the policy'),
        version: line('Current version, e.g. "1.2"'),
        classification: line('Document classification').default('Internal'),
        reviewed_on: date('When the policy was last reviewed'),
        review_interval_months: z
          .number()
          .int()
          .positive()
          .default(12)
          .describe('Months between reviews; the policy is also reviewed after any significant change (default 12)'),
        history: z
          .array(
            z.strictObject({
              version: line('Version number'),
              date: date('Date of the version'),
              author: person('Who wrote it'),
              changes: text('What changed'),
            }),
          )
          .default([])
          .describe('Version history, for the Document Version Control table'),
      })
      .describe('The Continual Improvement Policy document'),
    people: z
      .array(
        z.strictObject({
          id: z
            .string()
            .regex(SHORT_ID_PATTERN, 'must be lower-case letters, digits, ".", "_" or "-"')
            .describe('Short id used in records'),
          name: line('Full name'),
          // As loose as git is: the address of a git identity (`ops@localhost`) matches its person.
          email: z
            .string()
            .regex(EMAIL_PATTERN, { error: 'is not an email address' })
            .optional()
            .describe('Email address, as in the git identity of this person'),
          roles: z
            .array(z.enum(ROLES).describe(ROLES.join(', ')))
            .default([])
            .describe('Roles in the ISMS'),
          areas: z.array(area('An area')).default([]).describe('Areas the person works in (for auditor independence)'),
        }),
      )
      .min(1, 'declare at least one person')
      .describe('People who appear in records'),
    areas: z
      .array(
        z.strictObject({
          id: z
            .string()
            .regex(SHORT_ID_PATTERN, 'must be lower-case letters, digits, ".", "_" or "-"')
            .describe('Short id used in records'),
          name: line('Area name'),
          owner: person('Person accountable for the area'),
        }),
      )
      .default([])
      .describe('Areas or functions of the organisation'),
    deadlines: z
      .strictObject({ major: deadline('major', 14, 90), minor: deadline('minor', 30, 180) })
      .default({ major: { respond_days: 14, close_days: 90 }, minor: { respond_days: 30, close_days: 180 } })
      .describe('Nonconformity deadlines by grade'),
    corrective_actions: z
      .strictObject({
        effectiveness_review_min_days: days(
          'Minimum days between implementing an action and reviewing its effectiveness',
          30,
          0,
        ),
      })
      .default({ effectiveness_review_min_days: 30 })
      .describe('Corrective action settings'),
    management_review: z
      .strictObject({
        cadence_months: z
          .number()
          .int()
          .positive()
          .default(6)
          .describe('Months between management reviews (default 6)'),
      })
      .default({ cadence_months: 6 })
      .describe('Management Review Team settings'),
    audit_programme: z
      .strictObject({
        cycle_years: z
          .number()
          .int()
          .positive()
          .default(3)
          .describe(
            'Every clause 4–10 and every applicable Annex A control is audited within this many years (default 3)',
          ),
        excluded_controls: z
          .array(
            z.strictObject({
              control: requirement('An Annex A control excluded in the Statement of Applicability'),
              reason: text('Why it is not applicable'),
            }),
          )
          .default([])
          .describe('Controls the Statement of Applicability excludes; they need no audit coverage'),
      })
      .default({ cycle_years: 3, excluded_controls: [] })
      .describe('Audit programme settings'),
    exceptions: z
      .strictObject({ max_days: days('Longest an exception may be approved for', 365) })
      .default({ max_days: 365 })
      .describe('Policy exception settings'),
    prefixes: z.strictObject(prefixShape).default({}).describe('Id prefixes, when the defaults do not suit'),
  })
  .describe('cim register configuration (cim.yaml)');

export type Config = z.output<typeof configSchema>;
export type Person = Config['people'][number];
