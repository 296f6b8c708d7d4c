// Which field each column of an imported table fills: the creating verb's flag names, matched by
// name whatever the case and whether words are joined by spaces, `_` or `-` ("Close by",
// "close_by", "CLOSE-BY"), or as `--map` names them. With --migrate the fields later steps record
// are columns too, by their dotted names (`correction.action`, `analysis.root_cause`), and so are
// `status` and `created`. An `id` column gives a record its id.
import { inputsFor, type Input } from './inputs.js';
import type { Kind } from './kind.js';
import type { RowProblem } from './import-table.js';

/** The columns that are not a step's field. */
export const ID_COLUMN = 'id';
export const STATUS_COLUMN = 'status';
export const CREATED_COLUMN = 'created';
/** `--map Column=-`: the column is left out. */
export const IGNORED = '-';

/** What one column fills: a step's field (by its dotted path) or one of the columns above. */
export interface Column {
  readonly index: number;
  readonly name: string;
  /** The field's dotted path, or ID_COLUMN, STATUS_COLUMN, CREATED_COLUMN. */
  readonly field: string;
  /** The input that takes it, for a step's field. */
  readonly input?: Input;
}

/** Names compared as a user writes them: case, spaces, `_` and `-` do not count. */
export const normalName = (name: string): string =>
  name
    .trim()
    .replace(/^-+/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

/** The fields a kind's rows may fill, each with the names a column may have. */
export function importFields(kind: Kind, migrate: boolean): Map<string, { field: string; input?: Input }> {
  const names = new Map<string, { field: string; input?: Input }>();
  const creating = kind.transitions.find((t) => t.from.length === 0)!;
  const later = migrate ? kind.transitions.filter((t) => t !== creating) : [];
  for (const input of inputsFor(kind, creating)) {
    if (input.append) continue;
    names.set(normalName(input.flag), { field: input.path, input });
    names.set(normalName(input.path), { field: input.path, input });
  }
  for (const t of later) {
    for (const input of inputsFor(kind, t)) {
      if (input.append || names.has(normalName(input.path))) continue;
      names.set(normalName(input.path), { field: input.path, input });
    }
  }
  for (const special of [ID_COLUMN, STATUS_COLUMN, CREATED_COLUMN]) names.set(special, { field: special });
  return names;
}

/** Parses `--map "Column=field,Other=-"` into column name → field name, as the user wrote them. */
export function parseMap(specs: readonly string[]): { map: Map<string, string>; problems: string[] } {
  const map = new Map<string, string>();
  const problems: string[] = [];
  for (const spec of specs.flatMap((s) => s.split(','))) {
    if (spec.trim() === '') continue;
    const eq = spec.lastIndexOf('=');
    const column = spec.slice(0, eq).trim();
    const field = spec.slice(eq + 1).trim();
    if (eq < 0 || column === '' || field === '') problems.push(spec.trim());
    else map.set(column.toLowerCase(), field);
  }
  return { map, problems };
}

/**
 * The columns of a header, matched to fields, and every header problem: a column no field
 * answers (with the names known), two columns for one field, `status` or `created` without
 * --migrate.
 */
export function matchColumns(
  kind: Kind,
  header: readonly string[],
  opts: {
    readonly file: string;
    readonly migrate: boolean;
    readonly map: ReadonlyMap<string, string>;
    readonly headerRow?: number;
  },
): { columns: Column[]; problems: RowProblem[] } {
  const fields = importFields(kind, opts.migrate);
  const columns: Column[] = [];
  const problems: RowProblem[] = [];
  const problem = (column: string, message: string, hint: string) =>
    problems.push({ file: opts.file, row: opts.headerRow ?? 1, column, message, hint });
  header.forEach((name, index) => {
    if (name === '') return;
    const mapped = opts.map.get(name.toLowerCase());
    if (mapped === IGNORED) return;
    const found: { field: string; input?: Input } | undefined =
      fields.get(normalName(mapped ?? name)) ?? (opts.migrate ? undefined : laterField(kind, mapped ?? name));
    if (!found)
      return problem(
        name,
        `column "${name}" is no field of ${kind.name} records`,
        knownHint(kind, fields, opts.migrate),
      );
    if (found.field === 'later')
      return problem(
        name,
        `column "${name}" is recorded by a later step, so a row cannot give it without --migrate`,
        `rows create records as \`cim ${kind.name} ${creatingVerb(kind)}\` does; import records in later states with --migrate, or ignore the column with --map "${name}=-"`,
      );
    if (!opts.migrate && (found.field === STATUS_COLUMN || found.field === CREATED_COLUMN))
      return problem(
        name,
        `column "${name}" sets the ${found.field === STATUS_COLUMN ? 'state' : 'creation date'}, which only --migrate allows`,
        `new records start as ${kind.initial.join(' or ')}, created today; give --migrate to import records as they stand elsewhere, or --map "${name}=-"`,
      );
    const twice = columns.find((c) => c.field === found.field);
    if (twice)
      return problem(
        name,
        `columns "${twice.name}" and "${name}" both give ${found.field}`,
        `keep one, or ignore the other with --map "${name}=-"`,
      );
    columns.push({ index, name, field: found.field, ...(found.input ? { input: found.input } : {}) });
  });
  return { columns, problems };
}

/** Marks a later step's field named without --migrate, so the message can say what it is. */
function laterField(kind: Kind, name: string): { field: string } | undefined {
  return importFields(kind, true).has(normalName(name)) ? { field: 'later' } : undefined;
}

const creatingVerb = (kind: Kind) => kind.transitions.find((t) => t.from.length === 0)!.verb;

function knownHint(
  kind: Kind,
  fields: ReadonlyMap<string, { field: string; input?: Input }>,
  migrate: boolean,
): string {
  const shown = new Set<string>();
  for (const [, f] of fields)
    shown.add(
      f.input && f.input.path === f.field && !f.field.includes('.') ? f.input.flag.replaceAll('-', '_') : f.field,
    );
  const known = [...shown].filter((f) => migrate || (f !== STATUS_COLUMN && f !== CREATED_COLUMN));
  return `the columns ${kind.name} rows may have: ${known.join(', ')}; rename the column, map it with --map "Column=field", or ignore it with --map "Column=-"`;
}
