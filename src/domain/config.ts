// cim.yaml: the register's organisation, people, areas, deadlines and policy metadata.
// Every setting has a default, so a short cim.yaml is a valid one.
import { z } from 'zod';
import { area, date, line, person, requirement, SHORT_ID_PATTERN, text } from './fields.js';
import { KINDS } from './kinds/index.js';
import { CONFIG_DUPLICATE_PREFIX } from './validate/rule-ids.js';

/** As loose as git is (`ops@localhost`), but with no space, control or reordering character. */
const EMAIL_PATTERN =
  // eslint-disable-next-line no-control-regex
  /^[^@\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+@[^@\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+$/;

/** The register's settings file, at its root. */
export const CONFIG_FILE = 'cim.yaml';

export const ROLES = [
  'isms-manager',
  'internal-auditor',
  'mrt-member',
  'top-management',
  'process-owner',
  'risk-owner',
  'staff',
] as const;

/**
 * A whole number of days, months or years within bounds a register could mean, so deadline
 * arithmetic is never fed an absurd value (1e8 days is no deadline, and no date).
 */
const count = (unit: string, min: number, max: number) => (description: string, fallback: number) => {
  const range = `a whole number of ${unit} from ${min} to ${max}`;
  return z
    .number()
    .int()
    .min(min, `must be ${range}`)
    .max(max, `must be ${range}`)
    .default(fallback)
    .describe(`${description} (${range}, default ${fallback})`);
};

// Ten years: the longest deadline, review gap, cycle or exception a register could mean.
const days = count('days', 1, 3650);
const daysOrNone = count('days', 0, 3650);
const months = count('months', 1, 120);
const years = count('years', 1, 10);

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
        review_interval_months: months(
          'Months between reviews; the policy is also reviewed after any significant change',
          12,
        ),
        history: z
          .array(
            z.strictObject({
              version: line('Version number'),
              date: date('Date of the version'),
              author: person('Who wrote it'),
              changes: text('What changed'),
              approved_by: person('Who approved this version').optional(),
              approved_on: date('When this version was approved').optional(),
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
          competence: z
            .array(
              z.strictObject({
                course: line('The course, qualification or assessment'),
                date: date('When it was completed'),
                evidence: text('Where the certificate or record is kept'),
                expires_on: date('When it lapses, if it does').optional(),
              }),
            )
            .optional()
            .describe('Evidence of competence (clause 7.2), e.g. internal auditor training'),
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
          owns: z
            .array(requirement('A clause or control'))
            .optional()
            .describe('Clauses and controls this area runs, so audits of them are audits of it'),
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
        effectiveness_review_min_days: daysOrNone(
          'Minimum days between implementing an action and reviewing its effectiveness',
          30,
        ),
      })
      .default({ effectiveness_review_min_days: 30 })
      .describe('Corrective action settings'),
    management_review: z
      .strictObject({
        cadence_months: months('Months between management reviews', 6),
      })
      .default({ cadence_months: 6 })
      .describe('Management Review Team settings'),
    audit_programme: z
      .strictObject({
        cycle_years: years(
          'Every clause 4–10 and every applicable Annex A control is audited within this many years',
          3,
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
        days_per_group: z
          .number()
          .min(0, 'must be a number of days from 0 to 30')
          .max(30, 'must be a number of days from 0 to 30')
          .default(0.25)
          .describe(
            'Fieldwork days an audit needs per clause (4–10) or Annex A theme (A.5–A.8) it covers, for judging whether its scope is plausible (default 0.25)',
          ),
      })
      .default({ cycle_years: 3, excluded_controls: [], days_per_group: 0.25 })
      .describe('Audit programme settings'),
    exceptions: z
      .strictObject({ max_days: days('Longest an exception may be approved for', 365) })
      .default({ max_days: 365 })
      .describe('Policy exception settings'),
    certification: z
      .strictObject({
        body: line('The certification body').optional(),
        stage2_on: date(
          'When the stage 2 certification audit is due; every clause 4–10 must be internally audited and a management review held before it',
        ).optional(),
      })
      .optional()
      .describe('Certification: the body and the stage 2 audit date'),
    evidence: z
      .strictObject({
        max_file_mb: z
          .number()
          .gt(0, 'must be a size in megabytes above 0')
          .max(1024, 'must be at most 1024 megabytes; keep larger files in Git LFS or a document store')
          .default(25)
          .describe('The largest file `cim attach` copies into the register, in megabytes (default 25)'),
      })
      .default({ max_file_mb: 25 })
      .describe('Evidence attached to records (`cim attach`)'),
    improvements: z
      .strictObject({
        decide_within_days: days('Days within which a proposed OFI is decided', 90),
      })
      .default({ decide_within_days: 90 })
      .describe('Opportunity for improvement settings'),
    objectives: z
      .strictObject({
        review_interval_months: months('Months between progress reviews of an objective', 3),
      })
      .default({ review_interval_months: 3 })
      .describe('Information security objective settings'),
    departures: z
      .array(
        z.strictObject({
          setting: line('The setting, as a dotted path: management_review.cadence_months'),
          reason: text('Why the organisation departs from the usual limit'),
          approved_by: person('Who approved the departure').optional(),
        }),
      )
      .default([])
      .describe('Settings deliberately outside the usual limits, each with its reason'),
    prefixes: z
      .strictObject(prefixShape)
      .default({})
      .superRefine(distinctPrefixes)
      .describe('Id prefixes, when the defaults do not suit'),
  })
  .describe('cim register configuration (cim.yaml)');

/**
 * Two kinds with one prefix would give two records one id, and every record of one of them would
 * be read as the other kind's: such a cim.yaml is invalid, so no command writes with it. Ids end
 * in `-NNNN`, so prefixes that only start alike (NC, NCR) never name the same id.
 */
function distinctPrefixes(prefixes: Readonly<Record<string, string | undefined>>, ctx: z.core.$RefinementCtx) {
  const owners = new Map<string, string>();
  for (const kind of KINDS) {
    const prefix = prefixes[kind.name] ?? kind.prefix;
    const other = owners.get(prefix);
    if (other !== undefined) {
      // Placed at the prefix written in cim.yaml: this kind's, or else the other's.
      const at = prefixes[kind.name] !== undefined ? kind.name : other;
      ctx.addIssue({
        code: 'custom',
        path: [at],
        message: `${other} and ${kind.name} records would both have the prefix ${prefix}`,
        params: { rule: CONFIG_DUPLICATE_PREFIX, hint: 'give each kind its own prefix under prefixes' },
      });
    }
    owners.set(prefix, kind.name);
  }
}

export type Config = z.output<typeof configSchema>;
export type Person = Config['people'][number];
