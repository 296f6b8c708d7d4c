// One row of an imported table as a record: each cell read as its field's type, then the record
// made by the kind's own steps — the creating step alone, or with --migrate every step from it to
// the row's status — exactly as `cim <kind> <verb>` would make it, its register rules left to be
// judged once for all rows together.
import type { DateFormat } from './date-formats.js';
import { isIsoDate, isMonth } from './dates.js';
import { AT_START } from './diagnostics.js';
import { perform, type Problem } from './engine.js';
import { CREATED_COLUMN, ID_COLUMN, normalName, STATUS_COLUMN, type Column } from './import-columns.js';
import type { RowProblem, TableRow } from './import-table.js';
import { IMPORTED_FIELD, inputsFor, type Input } from './inputs.js';
import type { Kind, Transition } from './kind.js';
import type { Entry, Register } from './register.js';

/** `cim import`'s Cim-Action, which `cim log` shows on each record it created. */
export const IMPORT_ACTION = 'import';

/** One row's cells as field values, by field path; `id`, `status`, `created` apart. */
export interface RowValues {
  readonly row: number;
  readonly fields: ReadonlyMap<string, unknown>;
  readonly columns: ReadonlyMap<string, string>;
  readonly id?: string;
  readonly status?: string;
  readonly created?: string;
}

export interface ReadOptions {
  readonly file: string;
  readonly dateFormat: DateFormat;
  readonly register: Register;
}

/** The values of a row's cells, or the problems of its cells; empty cells give nothing. */
export function rowValues(
  kind: Kind,
  row: TableRow,
  columns: readonly Column[],
  opts: ReadOptions,
): { values: RowValues; problems: RowProblem[] } {
  const fields = new Map<string, unknown>();
  const names = new Map<string, string>();
  const problems: RowProblem[] = [];
  let id: string | undefined;
  let status: string | undefined;
  let created: string | undefined;
  for (const column of columns) {
    const text = (row.cells[column.index] ?? '').trim();
    if (text === '') continue;
    const bad = (message: string, hint: string) =>
      problems.push({
        file: opts.file,
        row: row.row,
        column: column.name,
        message: `${column.name}: ${message}`,
        hint,
      });
    names.set(column.field, column.name);
    if (column.field === ID_COLUMN) {
      id = text.toUpperCase();
      const prefix = opts.register.prefixes.of(kind);
      if (!new RegExp(`^${prefix}-\\d{4,}$`).test(id))
        bad(
          `"${text}" is not ${prefix}-NNNN`,
          `write the id as ${prefix}-0001, or leave the cell empty to have one given`,
        );
    } else if (column.field === STATUS_COLUMN) {
      status = text.toLowerCase();
      if (!kind.states.includes(status))
        bad(`"${text}" is no ${kind.name} state`, `use one of: ${kind.states.join(', ')}`);
    } else if (column.field === CREATED_COLUMN) {
      const date = readDate(text, opts.dateFormat);
      if (typeof date === 'string') created = date;
      else bad(date.message, date.hint);
    } else if (column.input) {
      const value = readCell(column.input, text, opts);
      if ('problem' in value) bad(value.problem.message, value.problem.hint);
      else fields.set(column.field, value.value);
    }
  }
  const values = {
    row: row.row,
    fields,
    columns: names,
    ...(id ? { id } : {}),
    ...(status ? { status } : {}),
    ...(created ? { created } : {}),
  };
  return { values, problems };
}

type Cell = { value: unknown } | { problem: { message: string; hint: string } };

/** A cell as its input's type; a list splits on `;`, `,` or line breaks. */
function readCell(input: Input, text: string, opts: ReadOptions): Cell {
  if (!input.list) return readOne(input, text, opts);
  const parts = text
    .split(/[;,\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const read = parts.map((p) => readOne(input, p, opts));
  const failed = read.find((r) => 'problem' in r);
  return failed ?? { value: read.map((r) => (r as { value: unknown }).value) };
}

function readOne(input: Input, text: string, { register, dateFormat }: ReadOptions): Cell {
  const bad = (hint: string): Cell => ({ problem: { message: `${JSON.stringify(text)} is not valid`, hint } });
  const within = (list: readonly { id: string }[], what: string): Cell => {
    const found = list.find((x) => x.id.toLowerCase() === text.toLowerCase());
    if (found) return { value: found.id };
    return bad(
      list.length
        ? `use ${what} from cim.yaml: ${list.map((x) => x.id).join(', ')}`
        : `cim.yaml lists no ${what}: add them under ${what}: and commit it first`,
    );
  };
  switch (input.type) {
    case 'date': {
      const date = readDate(text, dateFormat);
      return typeof date === 'string' ? { value: date } : { problem: date };
    }
    case 'month':
      return isMonth(text) || isIsoDate(text) ? { value: text } : bad('write a month as YYYY-MM, or a date YYYY-MM-DD');
    case 'boolean':
      if (/^(y|yes|true|1)$/i.test(text)) return { value: true };
      if (/^(n|no|false|0)$/i.test(text)) return { value: false };
      return bad('write yes or no');
    case 'number':
      return Number.isFinite(Number(text)) ? { value: Number(text) } : bad('write a number');
    case 'enum': {
      const choice = input.choices?.find((c) => c.toLowerCase() === text.toLowerCase());
      return choice ? { value: choice } : bad(`use one of: ${input.choices?.join(', ')}`);
    }
    case 'person':
      return within(register.config.people, 'people');
    case 'area':
      return within(register.config.areas, 'areas');
    case 'record':
      return { value: text.toUpperCase() };
    default:
      return { value: text };
  }
}

/**
 * A date as the table writes it. `03/04/2026` is the 3rd of April or the 4th of March depending
 * on the spreadsheet's country: it is read only as --date-format says, never guessed.
 */
export function readDate(text: string, format: DateFormat): string | { message: string; hint: string } {
  if (isIsoDate(text)) return text;
  const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  const fix = `write it as YYYY-MM-DD, or say how the file writes dates: --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`;
  if (!m || format === 'YYYY-MM-DD')
    return {
      message: `"${text}" is not a date as YYYY-MM-DD`,
      hint: m ? `${fix} (day or month first cannot be told apart)` : fix,
    };
  const [day, month] = format === 'DD/MM/YYYY' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  const iso = `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : { message: `"${text}" is not a date as ${format}`, hint: fix };
}

/** The steps from the creating one to a state, the shortest way through the kind's table. */
export function stepsTo(kind: Kind, status: string): Transition[] | undefined {
  const creating = kind.transitions.filter((t) => t.from.length === 0);
  const queue: { state: string; path: Transition[] }[] = creating.map((t) => ({ state: t.to, path: [t] }));
  const seen = new Set(queue.map((q) => q.state));
  for (let q = queue.shift(); q; q = queue.shift()) {
    if (q.state === status) return q.path;
    for (const t of kind.transitions.filter((t) => t.from.includes(q.state) && !seen.has(t.to))) {
      seen.add(t.to);
      queue.push({ state: t.to, path: [...q.path, t] });
    }
  }
  return undefined;
}

export interface MakeOptions {
  readonly file: string;
  readonly register: Register;
  readonly today: string;
  readonly actor?: string;
  /** Set with --migrate: the record may be in a later state and says where it came from. */
  readonly imported?: { readonly from: string; readonly on: string; readonly by: string };
}

/** The record a row makes, under `id` in `recordFile`, or the row's problems. */
export function makeRecord(
  kind: Kind,
  values: RowValues,
  id: string,
  recordFile: string,
  opts: MakeOptions,
): { entry: Entry; problems?: undefined } | { problems: RowProblem[] } {
  const at = (message: string, hint: string, column?: string): RowProblem => ({
    file: opts.file,
    row: values.row,
    ...(column ? { column } : {}),
    message,
    hint,
  });
  const status = values.status ?? kind.initial[0]!;
  const steps = opts.imported ? stepsTo(kind, status) : [kind.transitions.find((t) => t.from.length === 0)!];
  if (!steps)
    return {
      problems: [
        at(`no steps lead to ${status}`, `use one of: ${kind.states.join(', ')}`, values.columns.get(STATUS_COLUMN)),
      ],
    };
  const used = new Set<string>();
  let current: Entry | undefined;
  for (const [n, transition] of steps.entries()) {
    const inputs = stepInputs(kind, transition);
    const given: Record<string, unknown> = {};
    for (const input of inputs) {
      if (values.fields.has(input.path)) {
        given[input.flag] = values.fields.get(input.path);
        used.add(input.path);
      }
    }
    const missing = opts.imported ? unanswered(inputs, given) : [];
    if (missing.length)
      return {
        problems: missing.map((i) =>
          at(
            `${status} needs ${i.path}, which the ${transition.verb} step records`,
            `give a column ${i.path}${n === 0 && normalName(i.flag) !== normalName(i.path) ? ` (or ${i.flag.replaceAll('-', '_')})` : ''}`,
          ),
        ),
      };
    const outcome = perform({
      register: opts.register,
      kind,
      transition,
      inputs,
      id,
      file: recordFile,
      values: given,
      today: opts.today,
      judgeLater: true,
      ...(current ? { current } : {}),
      ...(opts.actor ? { actor: opts.actor } : {}),
    });
    if (!outcome.ok) return { problems: outcome.problems.map((p) => rowProblem(p, values, at, !!opts.imported)) };
    const data = n === 0 && values.created ? { ...outcome.data, created: values.created } : outcome.data;
    current = { file: recordFile, kind, id, text: '', source: AT_START, data } as unknown as Entry;
  }
  const unused = [...values.fields.keys()].filter((f) => !used.has(f));
  if (unused.length)
    return {
      problems: unused.map((f) =>
        at(
          `${values.columns.get(f)} is recorded by no step on the way to ${status}`,
          `leave the cell empty for a ${status} record`,
          values.columns.get(f),
        ),
      ),
    };
  const data = opts.imported ? { ...current!.data, [IMPORTED_FIELD]: opts.imported } : current!.data;
  return { entry: { ...current!, data } };
}

const known = new WeakMap<Transition, Input[]>();

/** A step's inputs but those that append an item to a list, worked out once for all rows. */
function stepInputs(kind: Kind, transition: Transition): Input[] {
  const found = known.get(transition);
  if (found) return found;
  const inputs = inputsFor(kind, transition).filter((i) => !i.append);
  known.set(transition, inputs);
  return inputs;
}

/** Required inputs with no value: under --migrate nothing is filled in from today or the actor. */
function unanswered(inputs: readonly Input[], given: Readonly<Record<string, unknown>>): Input[] {
  return inputs.filter((i, n) => {
    if (given[i.flag] !== undefined) return false;
    if (i.oneOf === undefined) return i.required;
    const group = inputs.filter((g) => g.oneOf === i.oneOf);
    return inputs.findIndex((g) => g.oneOf === i.oneOf) === n && !group.some((g) => given[g.flag] !== undefined);
  });
}

/** A step's problem as a row's: the flags it names become the columns. */
function rowProblem(
  p: Problem,
  values: RowValues,
  at: (m: string, h: string, c?: string) => RowProblem,
  migrating: boolean,
): RowProblem {
  const field = p.path?.filter((s) => typeof s === 'string').join('.');
  const column = field
    ? [...values.columns].find(([f]) => f === field || f.startsWith(`${field}.`) || field.startsWith(`${f}.`))?.[1]
    : undefined;
  const hint = p.inputs?.length
    ? `give a column ${p.inputs.map((i) => i.path).join(' or ')}`
    : p.hint.replace(/--([a-z][a-z-]*)/g, (_, f: string) => `column ${f.replaceAll('-', '_')}`);
  return at(p.message, migrating && !values.created ? createdHint(p.message, hint) : hint, column);
}

/**
 * A migrated record is created today unless its row says when it was, and the steps it took may
 * be older: a problem with its creation date names the column that gives it.
 */
export function createdHint(message: string, hint: string): string {
  return / created \d{4}-\d{2}-\d{2}/.test(message)
    ? `${hint}; give the row a created column, the day the record was first made`
    : hint;
}
