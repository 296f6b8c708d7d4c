// Plain aligned columns; the last column is never padded so lines do not end in spaces. Each cell
// is one line whatever it holds (a title with a line feed would otherwise print a row of its own),
// and is styled, when asked, only after it was escaped and measured.
import { oneLine } from './terminal.js';

/**
 * A column as its header and how a row shows in it, so that the two cannot drift apart, and how
 * the row's cell is styled, if it is.
 */
export type Column<Row> = readonly [
  header: string,
  value: (row: Row) => string,
  style?: (cell: string, row: Row) => string,
];

/** Styles a cell of a data row (headers are never styled), by the column's and the row's position. */
export type Style = (column: number, cell: string, row: number) => string;

/** The rows as a table of the columns given. */
export function columns<Row>(of: readonly Column<Row>[], rows: readonly Row[], style?: Style): string {
  return table(
    of.map(([header]) => header),
    rows.map((row) => of.map(([, value]) => value(row))),
    (column, cell, row) => {
      const own = of[column]?.[2];
      const styled = own ? own(cell, rows[row]!) : cell;
      return style ? style(column, styled, row) : styled;
    },
  );
}

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  style: Style = (_, cell) => cell,
): string {
  const all = [headers, ...rows].map((r) => r.map(oneLine));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r, row) =>
      r
        .map((cell, i) => {
          const styled = row === 0 ? cell : style(i, cell, row - 1);
          return i === r.length - 1 ? styled : styled + ' '.repeat(widths[i]! - cell.length);
        })
        .join('  '),
    )
    .join('\n');
}
