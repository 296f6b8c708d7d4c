// Field builders shared by every record kind and by cim.yaml. Each builder takes the description
// that editors show, so no field goes undescribed. Reference-like fields are remembered in `roles`
// so that validation can find every person, area, record and requirement a record names by
// walking the schema once per kind instead of being written per kind.
import { z } from 'zod';
import { textProblem } from './validate/text.js';
import { SCHEMA_EMPTY, SCHEMA_RAISED_OR_NONE, SCHEMA_REQUIREMENT_NUMBER } from './validate/rule-ids.js';

export const ID_PATTERN = /^[A-Z][A-Z0-9]*-\d{4,}$/;
export const FINDING_REF_PATTERN = /^([A-Z][A-Z0-9]*-\d{4,})#(F[1-9]\d*)$/;
export const SHORT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const REQUIREMENT_PATTERN = /^(A\.[5-8](\.\d{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** What a reference-like field points at. Record references list the kinds they accept. */
export type FieldRole =
  | { role: 'person' }
  | { role: 'area' }
  | { role: 'requirement' }
  | { role: 'record'; kinds: readonly string[]; finding?: boolean };

export const roles = new WeakMap<z.ZodType, FieldRole>();

function withRole<T extends z.ZodType>(schema: T, role: FieldRole): T {
  roles.set(schema, role);
  return schema;
}

/** Refuses what a text field may not hold (text.ts says which characters), and blank text. */
function plain(oneLine: boolean, blank: boolean) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = textProblem(value, oneLine);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.message, params: { rule: problem.rule, hint: problem.hint } });
    if (!blank && value.length > 0 && value.trim() === '')
      ctx.addIssue({
        code: 'custom',
        message: 'is blank: it holds only spaces',
        params: { rule: SCHEMA_EMPTY, hint: 'write the text, or remove the line if the field is optional' },
      });
  };
}

/**
 * One line: a title, a name, a version, a reference. No line break, tab or other control
 * character, nothing that reorders how it is shown, and not blank, so no value can forge a row
 * of a listing or hide what it says.
 */
export const line = (description: string) =>
  z.string().min(1, 'must not be empty').superRefine(plain(true, false)).describe(description);

/** Prose: line breaks and tabs allowed, control and reordering characters not; not blank. */
export const text = (description: string) =>
  z.string().min(1, 'must not be empty').superRefine(plain(false, false)).describe(description);

/** Prose that may be left empty (notes). */
export const freeText = (description: string) => z.string().superRefine(plain(false, true)).describe(description);

export const date = (description: string) => z.iso.date().describe(`${description} (YYYY-MM-DD)`);

export const month = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'must be a month YYYY-MM or a date YYYY-MM-DD')
    .describe(`${description} (YYYY-MM or YYYY-MM-DD)`);

export const person = (description: string) =>
  withRole(
    z
      .string()
      .regex(SHORT_ID_PATTERN, 'must be a person id declared under people in cim.yaml')
      .describe(`${description} (a person id from cim.yaml)`),
    { role: 'person' },
  );

export const area = (description: string) =>
  withRole(
    z
      .string()
      .regex(SHORT_ID_PATTERN, 'must be an area id declared under areas in cim.yaml')
      .describe(`${description} (an area id from cim.yaml)`),
    { role: 'area' },
  );

/** The fix for a clause id YAML read as a number: the id as written, in quotes. */
export function quoteHint(written: string): string {
  return `quote it: "${written}" (unquoted, YAML reads a clause id as a number: 9.10 becomes 9.1)`;
}

/**
 * A clause (`9.2`), an Annex A control (`A.5.15`), or a whole clause or theme (`9`, `A.8`).
 * Unquoted, YAML reads `9.10` as the number 9.1 and `1e1` as 10: a silent change of meaning, so a
 * number is refused. The number branch exists only to say so; the hint is replaced by the value
 * as written when the file is at hand (validate/index.ts), since 9.1 cannot tell 9.10 from 9.1.
 * The JSON Schema gives editors the text form alone, so they flag the number as it is typed.
 */
export const requirement = (description: string) =>
  withRole(
    z
      .union([
        z.string().regex(REQUIREMENT_PATTERN, 'must be a clause like 9.2 or a control like A.5.15'),
        z.number().superRefine((n, ctx) =>
          ctx.addIssue({
            code: 'custom',
            message: `is the number ${n}, not a clause or control id`,
            params: { rule: SCHEMA_REQUIREMENT_NUMBER, hint: quoteHint(String(n)) },
          }),
        ),
      ])
      // `anyOf: undefined` drops the union's number branch from the JSON Schema.
      .meta({ anyOf: undefined, type: 'string', pattern: REQUIREMENT_PATTERN.source })
      .describe(`${description} (ISO 27001 clause like 9.2 or Annex A control like A.5.15)`),
    { role: 'requirement' },
  );

export const requirements = (description: string) =>
  z.array(requirement('One clause or control')).min(1, 'name at least one').describe(description);

/** A reference to another record, by id, of one of the given kinds (by short kind name). */
export const ref = (kinds: readonly string[], description: string) =>
  withRole(z.string().regex(ID_PATTERN, 'must be a record id like NC-0007').describe(description), {
    role: 'record',
    kinds,
  });

/** A reference to a record or to an audit finding (`AUD-0003#F2`). */
export const sourceRef = (description: string) =>
  withRole(
    z
      .string()
      .regex(
        new RegExp(`${ID_PATTERN.source.slice(0, -1)}(#F[1-9]\\d*)?$`),
        'must be a record id like INC-0004, or an audit finding like AUD-0003#F2',
      )
      .describe(description),
    { role: 'record', kinds: [], finding: true },
  );

export const refs = (kinds: readonly string[], description: string) =>
  z.array(ref(kinds, 'A record id')).describe(description);

/** Who approved a decision that nothing needed raising, and the management review it went to. */
const approval = {
  approved_by: person('Who approved the decision that nothing needed raising (not the owner)').optional(),
  presented_in: ref(['mrt'], 'The management review the decision was presented at').optional(),
};

/**
 * `raised: [ids]` or `none: reason` — the improvement decision that incidents, changes, legal
 * changes and missed objectives must record. With `approval`, a `none` may also name who approved
 * it and the management review it was presented at (an incident's rules say when it must).
 */
export const raisedOrNone = (kinds: readonly string[], description: string, options: { approval?: boolean } = {}) =>
  z
    .strictObject({
      raised: refs(kinds, `Ids of the records raised (${kinds.join(', ')})`).optional(),
      none: text('Why nothing needed to be raised').optional(),
      ...(options.approval ? approval : {}),
    })
    .superRefine((v, ctx) => {
      if ((v.raised?.length ?? 0) > 0 === (v.none !== undefined))
        ctx.addIssue({
          code: 'custom',
          message: 'gives both raised ids and none, or neither',
          params: {
            rule: SCHEMA_RAISED_OR_NONE,
            hint: 'give either raised: [ids of the NCs/OFIs raised] or none: the reason nothing was raised',
          },
        });
      const approved = v as { approved_by?: string; presented_in?: string };
      if (v.none === undefined && (approved.approved_by !== undefined || approved.presented_in !== undefined))
        ctx.addIssue({
          code: 'custom',
          message: 'names who approved a decision that nothing needed raising, but records no such decision',
          params: {
            rule: SCHEMA_RAISED_OR_NONE,
            hint: 'approved_by and presented_in go with none: the reason; remove them when records were raised',
          },
        });
    })
    .describe(description);

/** `{on, reason}`: how a record left the active path (cancelled, rejected, revoked…). */
export const ended = (what: string) =>
  z
    .strictObject({
      on: date(`When it was ${what}`),
      reason: text(`Why it was ${what}`),
      by: person(`Who ${what} it`).optional(),
    })
    .describe(`Set when the record is ${what}`);

/** A requirement value as text: the schema refuses numbers, so for a valid record it is the value. */
export function requirementId(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

/**
 * The risks in the organisation's own risk register a record bears on, by their references there
 * (`R-014`): cim keeps no risk register, so these are names, not links it can check.
 */
export const riskRefs = () =>
  z
    .array(
      line('A risk, by its reference in the risk register: R-014').pipe(
        z.string().max(40, 'keep a risk reference to 40 characters'),
      ),
    )
    .min(1, 'name at least one risk, or leave risk_refs out')
    .optional()
    .describe("The risks in the organisation's risk register this bears on");

/** Where evidence attached to a record is kept: `evidence/<record id>/<file name>`. */
export const EVIDENCE_FOLDER = 'evidence';

/**
 * The evidence files attached to a record (`cim attach`), each held by its SHA-256, so that a file
 * changed or lost after it was attached is found.
 */
export const attachments = () =>
  z
    .array(
      z.strictObject({
        file: line('The file, relative to the register root: evidence/<record id>/<name>'),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file, 64 lowercase hexadecimal digits')
          .describe('The SHA-256 of the file as attached'),
        size: z.number().int().nonnegative().describe('Its size in bytes'),
        added_on: date('When it was attached'),
        added_by: person('Who attached it'),
        note: text('What it shows').optional(),
      }),
    )
    .optional()
    .describe('Evidence files attached to the record, held by hash (`cim attach`)');
