// Plain aligned columns; the last column is never padded so lines do not end in spaces. Each cell
// is one line whatever it holds (a title with a line feed would otherwise print a row of its own),
// and is styled, when asked, only after it was escaped and measured.
import { oneLine } from './terminal.js';

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  style: (column: number, cell: string) => string = (_, cell) => cell,
): string {
  const all = [headers, ...rows].map((r) => r.map(oneLine));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r, row) =>
      r
        .map((cell, i) => {
          const styled = row === 0 ? cell : style(i, cell);
          return i === r.length - 1 ? styled : styled + ' '.repeat(widths[i]! - cell.length);
        })
        .join('  '),
    )
    .join('\n');
}
