// A record kind is data: its names, its folder, its strict schema and its lifecycle table.
// Commands, prompts, validation and documents are derived from these declarations.
import { z } from 'zod';
import { attachments, date, freeText, line, person, ref } from './fields.js';

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
  /**
   * Whether the step is the way on for this record from a state, where the record's own fields
   * decide (an analysed NC is closed only when it needs no corrective action). Read when naming
   * the next step in reminders and hints; whether a step taken was right is for validation.
   */
  readonly suits?: (record: Readonly<Record<string, unknown>>, from: string) => boolean;
}

/** Reports one problem a kind's own cross-field rule found in a record. */
export type ReportProblem = (path: (string | number)[], rule: string, message: string, hint: string) => void;

/** What a kind takes from the register's settings (cim.yaml): the NC deadlines by grade. */
export interface KindSettings {
  readonly deadlines: Readonly<
    Record<'major' | 'minor', { readonly respond_days: number; readonly close_days: number }>
  >;
}

/**
 * Facts of a state that rules and documents ask about, beyond whether it is live or final. Each
 * is declared by the states it holds for, so a state added later says which of them it has.
 */
export type StateFact =
  /** NC: corrective actions must exist. */
  | 'actions-planned'
  /** NC: every corrective action must have been reviewed for effectiveness. */
  | 'actions-reviewed'
  /** NC: ready to be closed at a management review. */
  | 'ready-to-close'
  /** CA: its effectiveness was reviewed. */
  | 'reviewed'
  /** Audit: fieldwork has not started. MRT: the meeting is still to come. */
  | 'upcoming'
  /** Audit: planned or under way, not yet reported. */
  | 'in-hand'
  /** Audit: conducted and reported, so it counts towards coverage. */
  | 'conducted'
  /** Audit: reported, with results still to be presented to a management review. */
  | 'reported'
  /** MRT: the meeting took place. */
  | 'held'
  /** OFI: accepted for implementation. */
  | 'accepted'
  /** Exception: approved and in force. */
  | 'in-force'
  /** Exception, change: awaiting a decision. */
  | 'awaiting-decision';

/** What a state means: whether records in it still need work, and what falls due while in it. */
export interface StateMeaning {
  /** Still needing work: counted as open by status, the agenda, the policy and the log. */
  readonly live: boolean;
  /** Ended without effect (withdrawn, cancelled, rejected): counted nowhere. */
  readonly void?: boolean;
  /** The kind's deadlines that run while a record is in this state. */
  readonly due?: readonly string[];
  readonly facts?: readonly StateFact[];
}

/** A deadline of a kind: what `cim status` calls it, and its date for a record. */
export interface Deadline<R = never> {
  readonly what: string;
  // A method, so that a kind's own record type may narrow the parameter.
  on(record: R, settings: KindSettings): string | undefined;
}

/** A deadline held inside a record whatever its state (an action a management review decided). */
export interface ItemDue {
  readonly what: string;
  readonly title: string;
  readonly on: string;
  readonly owner: string;
  /** What meets it. */
  readonly next: NextStep;
}

/** What moves a due item on: what to do, in a few words, and the command that does it, if one does. */
export interface NextStep {
  readonly summary: string;
  readonly command?: string;
}

/** A record as a kind's own functions see it: its fields and the fields every record has. */
type SpecRecord<Shape extends z.ZodRawShape> = z.infer<z.ZodObject<Shape>> & {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly status: string;
  readonly created: string;
};

export interface KindSpec<Shape extends z.ZodRawShape, State extends string = string> {
  /** Short name used on the command line: `cim nc open`. */
  readonly name: string;
  /** Human name, singular: "Nonconformity". */
  readonly title: string;
  /** What its records are called together, as the help lists them: "Nonconformities". */
  readonly plural: string;
  readonly prefix: string;
  readonly folder: string;
  /** The ISO 27001 clause this kind serves, for documents and help. */
  readonly clause?: string;
  readonly description: string;
  readonly states: readonly [State, ...State[]];
  /** What each state means; every state must be declared. */
  readonly meaning: { readonly [S in State]: StateMeaning };
  /** What falls due on a record, by name; a state's `due` says which run while it is in it. */
  readonly deadlines?: Readonly<Record<string, Deadline<SpecRecord<Shape>>>>;
  /** Deadlines held inside a record, whatever its state. */
  readonly itemsDue?: (record: SpecRecord<Shape>) => readonly ItemDue[];
  readonly fields: Shape;
  readonly transitions: readonly Transition[];
  /** Event dates in the order they must happen, as field paths. */
  readonly dateOrder: readonly string[];
  /** Fields a new record takes from the register's settings (an NC's deadlines by grade). */
  readonly derive?: (record: Readonly<Record<string, unknown>>, settings: KindSettings) => Record<string, unknown>;
  /** Lists inside a step's object that start empty (an audit report's findings). */
  readonly emptyLists?: Readonly<Record<string, readonly unknown[]>>;
  /** Rules over several fields of one record (conditional requirements); each problem found is
   * reported with the field path, a rule id, a message and a hint. */
  readonly refine?: (record: z.infer<z.ZodObject<Shape>>, problem: ReportProblem) => void;
}

type Common = ReturnType<typeof commonFields>;

export interface Kind<Shape extends z.ZodRawShape = z.ZodRawShape> extends Omit<
  KindSpec<Shape>,
  'refine' | 'deadlines' | 'itemsDue'
> {
  readonly deadlines: Readonly<Record<string, Deadline<Record<string, unknown>>>>;
  readonly itemsDue?: (record: Record<string, unknown>) => readonly ItemDue[];
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
    attachments: attachments(),
    imported: z
      .strictObject({
        from: line('The file it was imported from, as given to cim import'),
        on: date('When it was imported'),
        by: person('Who imported it'),
      })
      .optional()
      .describe('Set by `cim import --migrate` on a record brought in from another register in a later state'),
  };
}

export function defineKind<Shape extends z.ZodRawShape, const State extends string>(
  spec: KindSpec<Shape, State>,
): Kind<Shape> {
  const { refine, deadlines, itemsDue, ...rest } = spec;
  const { id, title, owner, created, refs, notes, attachments, imported } = commonFields();
  const shape = z.strictObject({
    id,
    title,
    status: z.enum(spec.states).describe(`Lifecycle state: ${spec.states.join(', ')}`),
    owner,
    created,
    ...spec.fields,
    refs,
    notes,
    attachments,
    imported,
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
  return {
    ...rest,
    ...(itemsDue ? { itemsDue: itemsDue as unknown as Kind['itemsDue'] } : {}),
    deadlines: deadlines ?? {},
    schema,
    shape: shape,
    initial,
    terminal,
  };
}

/** The data of a valid record of a kind. */
export type RecordOf<K extends { readonly shape: z.ZodType }> = z.output<K['shape']>;
