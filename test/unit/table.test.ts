// A table declared as columns: each header stands above the values its own column gives.
import { describe, expect, it } from 'vitest';
import { type Column, columns } from '../../src/cli/table.js';

type Row = { id: string; owner: string; title: string };
const COLUMNS: readonly Column<Row>[] = [
  ['ID', (r) => r.id],
  ['OWNER', (r) => r.owner],
  ['TITLE', (r) => r.title.toUpperCase()],
];
const rows: Row[] = [
  { id: 'NC-0001', owner: 'dana-whitfield', title: 'First' },
  { id: 'NC-0002', owner: 'tom', title: 'Second\nline' },
];

describe('a table of columns', () => {
  it('puts each value under its header, as wide as the widest cell, the last column unpadded', () => {
    expect(columns(COLUMNS, rows).split('\n')).toEqual([
      'ID       OWNER           TITLE',
      'NC-0001  dana-whitfield  FIRST',
      'NC-0002  tom             SECOND\\u000aLINE',
    ]);
  });

  it('styles the cells of the rows by column, never the headers', () => {
    const out = columns(COLUMNS, rows.slice(0, 1), (i, cell) => (i === 1 ? `*${cell}*` : cell));
    expect(out.split('\n')).toEqual(['ID       OWNER           TITLE', 'NC-0001  *dana-whitfield*  FIRST']);
  });

  it('of no rows is its headers', () => {
    expect(columns(COLUMNS, [])).toBe('ID  OWNER  TITLE');
  });
});
