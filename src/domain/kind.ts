// A record kind is data: its names, its folder, its strict schema and its lifecycle table.
// Commands, prompts, validation and documents are derived from these declarations.
import { z } from 'zod';
import type { Config } from './config.js';
import { date, freeText, line, person, ref } from './fields.js';

/**
 * One lifecycle step. `from: []` marks a creating verb (the record does not exist yet).
 * `requires` lists the field paths (dot-separated) that must be present once the step is taken;
 * validation uses them to check that a record's current state has what got it there.
 */
export interface Transition {
  readonly verb: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly requires: readonly string[];
  /** Optional fields the step may also record (e.g. why no action is needed). */
  readonly offers?: readonly string[];
  /** One line for `--help` and prompts: what taking this step means. */
  readonly summary: string;
  /**
   * A document the step can start from: holding a management review, its agenda. Its values are
   * offered in the prompts, and taken for what the flags leave out only when asked (`--from-agenda`).
   */
  readonly startsFrom?: 'agenda';
}

export type Problem = (path: (string | number)[], rule: string, message: string, hint: string) => void;

export interface KindSpec<Shape extends z.ZodRawShape> {
  /** Short name used on the command line: `cim nc open`. */
  readonly name: string;
  /** Human name, singular: "Nonconformity". */
  readonly title: string;
  readonly prefix: string;
  readonly folder: string;
  /** The ISO 27001 clause this kind serves, for documents and help. */
  readonly clause?: string;
  readonly description: string;
  readonly states: readonly [string, ...string[]];
  readonly fields: Shape;
  readonly transitions: readonly Transition[];
  /** Event dates in the order they must happen, as field paths. */
  readonly dateOrder: readonly string[];
  /** Fields a new record takes from the register's settings (an NC's deadlines by grade). */
  readonly derive?: (record: Readonly<Record<string, unknown>>, config: Config) => Record<string, unknown>;
  /** Lists inside a step's object that start empty (an audit report's findings). */
  readonly emptyLists?: Readonly<Record<string, readonly unknown[]>>;
  /** Rules over several fields of one record (conditional requirements); each problem found is
   * reported with the field path, a rule id, a message and a hint. */
  readonly refine?: (record: z.infer<z.ZodObject<Shape>>, problem: Problem) => void;
}

type Common = ReturnType<typeof commonFields>;

export interface Kind<Shape extends z.ZodRawShape = z.ZodRawShape> extends Omit<KindSpec<Shape>, 'refine'> {
  readonly schema: z.ZodType<Record<string, unknown>>;
  /** The object schema before cross-field refinements, for walking fields and typing records. */
  readonly shape: z.ZodObject<Common & { status: z.ZodEnum<Record<string, string>> } & Shape, z.core.$strict>;
  readonly initial: readonly string[];
  readonly terminal: readonly string[];
}

/** Fields every record has. `status` is added per kind from its states. */
function commonFields() {
  return {
    id: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*-\d{4,}$/, 'must be PREFIX-NNNN, the same as the file name')
      .describe('Record id, the same as the file name (e.g. NC-0007)'),
    title: line('Short title, one line'),
    owner: person('Person accountable for the record'),
    created: date('When the record was created'),
    refs: z.array(ref([], 'A related record id')).optional().describe('Related records of any kind'),
    notes: freeText('Free-form notes').optional(),
  };
}

export function defineKind<Shape extends z.ZodRawShape>(spec: KindSpec<Shape>): Kind<Shape> {
  const { refine, ...rest } = spec;
  const { id, title, owner, created, refs, notes } = commonFields();
  const shape = z.strictObject({
    id,
    title,
    status: z.enum(spec.states).describe(`Lifecycle state: ${spec.states.join(', ')}`),
    owner,
    created,
    ...spec.fields,
    refs,
    notes,
  });
  const checked = refine
    ? shape.superRefine((record, ctx) =>
        refine(record as never, (path, rule, message, hint) =>
          ctx.addIssue({ code: 'custom', path, message, params: { rule, hint } }),
        ),
      )
    : shape;
  const schema = checked.describe(
    `${spec.title} record (${spec.prefix}-NNNN) in ${spec.folder}/`,
  ) as unknown as z.ZodType<Record<string, unknown>>;
  const initial = spec.transitions.filter((t) => t.from.length === 0).map((t) => t.to);
  const terminal = spec.states.filter((s) => !spec.transitions.some((t) => t.from.includes(s)));
  return { ...rest, schema, shape: shape, initial, terminal };
}

/** The data of a valid record of a kind. */
export type RecordOf<K extends { readonly shape: z.ZodType }> = z.output<K['shape']>;
