// The parts every agenda section is made of: its heading from the 9.3.2 input it answers, a summary,
// the records it presents, and tables whose columns each hold their header beside their cell.
import { MRT_INPUTS, type MrtInput } from '../../domain/kinds/mrt.js';
import type { Markup } from '../escape.js';

type Row = Readonly<Record<string, string>>;

export interface AgendaTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

/**
 * Numbers drawn as a chart for the HTML page, beside the table that holds them: the table is what
 * the Markdown shows and a screen reader reads. A figure of a rate or two has a table only.
 */
export interface AgendaFigure {
  readonly table: AgendaTable;
  readonly chart: Markup | undefined;
}

export interface AgendaSection {
  readonly key: MrtInput;
  readonly heading: string;
  /** One paragraph that sums the section up; the start of the minutes' notes for this input. */
  readonly summary: string;
  /** Records the section presents, for the minutes' items. */
  readonly items: readonly string[];
  readonly tables: readonly AgendaTable[];
  /** Trends drawn and tabulated, before the tables; most sections have none. */
  readonly figures: readonly AgendaFigure[];
}

/**
 * One column of a table: its header, the name its cells have in the model (what `--format json`
 * prints for each row), and its cell for a row.
 */
export type Column<T> = readonly [header: string, key: string, cell: (row: T) => string];

export function table<T>(caption: string, rows: readonly T[], columns: readonly Column<T>[]): AgendaTable {
  return {
    caption,
    columns: columns.map(([header]) => header),
    rows: rows.map((row) => Object.fromEntries(columns.map(([, key, cell]) => [key, cell(row)]))),
  };
}

interface Named {
  readonly data: { readonly id: string; readonly title: string };
}

/** The two columns a table of records starts with: the record's id, under a header, and its title. */
export function recordColumns<T extends Named>(header: string): Column<T>[] {
  return [
    [header, 'id', (e) => e.data.id],
    ['Title', 'title', (e) => e.data.title],
  ];
}

/** A section of the agenda; a table with no rows is left out. */
export function section(
  key: MrtInput,
  summary: string,
  items: readonly string[],
  tables: readonly AgendaTable[],
  figures: readonly AgendaFigure[] = [],
): AgendaSection {
  return {
    key,
    heading: `${key} — ${MRT_INPUTS[key]}`,
    summary,
    items,
    tables: tables.filter((t) => t.rows.length),
    figures,
  };
}
