// Reading a spreadsheet's CSV export and matching its columns: encodings, separators, row numbers
// as the spreadsheet shows them, column names, dates that cannot be guessed, and the steps a
// migrated record goes through.
import { describe, expect, it } from 'vitest';
import { matchColumns, normalName, parseMap } from '../../src/domain/import-columns.js';
import { readDate, rowValues, stepsTo } from '../../src/domain/import-rows.js';
import { MAX_COLUMNS, MAX_CSV_BYTES, readTable } from '../../src/domain/import-table.js';
import { ca, nc } from '../../src/domain/kinds/index.js';
import { loadRegister } from '../../src/io/register.js';
import { validate } from '../../src/domain/validate/index.js';
import { tempRegister } from '../helpers/register.js';

const enc = (text: string) => new TextEncoder().encode(text);
const table = (text: string) => readTable(enc(text), 'f.csv');

describe('reading a CSV file', () => {
  it('reads a semicolon export with a BOM, CRLF and a quoted cell with line breaks', () => {
    const { table: t, problems } = table('\uFEFFTitle;Description\r\nA;"one\r\ntwo"\r\nB;x\r\n');
    expect(problems).toEqual([]);
    expect(t?.header).toEqual(['Title', 'Description']);
    expect(t?.headerRow).toBe(1);
    expect(t?.rows).toEqual([
      { row: 2, cells: ['A', 'one\ntwo'] },
      { row: 3, cells: ['B', 'x'] },
    ]);
  });
  it("takes the separator from Excel's sep= line, which is no row", () => {
    const t = table('sep=,\nTitle;x,Grade\nA;b,minor\n').table;
    expect(t?.header).toEqual(['Title;x', 'Grade']);
    expect(t?.rows[0]).toEqual({ row: 2, cells: ['A;b', 'minor'] });
  });
  it('counts empty rows before the header too', () => {
    expect(table('\n\nTitle\nA\n').table).toEqual({
      headerRow: 3,
      header: ['Title'],
      rows: [{ row: 4, cells: ['A'] }],
    });
  });
  it('counts empty rows as the spreadsheet does, and skips them', () => {
    expect(table('Title\nA\n\n,\nB\n').table?.rows).toEqual([
      { row: 2, cells: ['A'] },
      { row: 5, cells: ['B'] },
    ]);
  });
  it('ignores trailing empty columns, and refuses a value past the last named one', () => {
    expect(table('Title,,\nA,,\n').table?.rows).toEqual([{ row: 2, cells: ['A'] }]);
    const [past] = table('Title\nA,oops\n').problems;
    expect(past?.row).toBe(2);
    expect(past?.message).toContain('column 2');
  });
  it('refuses a column without a name between named ones', () => {
    expect(table('Title,,Grade\nA,b,c\n').problems[0]).toMatchObject({ row: 1, message: 'column 2 has no name' });
  });
  it('refuses a file larger than it imports at once, before reading it as text', () => {
    expect(readTable(new Uint8Array(MAX_CSV_BYTES + 1), 'f.csv').problems[0]?.message).toContain('MiB cim imports');
  });
  it.each([
    ['a binary file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'NUL bytes'],
    [
      'Windows-1252 text',
      new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'not UTF-8',
    ],
    ['an unclosed quote', enc('Title\n"open\n'), 'cannot be read as CSV'],
    [
      'too many columns',
      enc(`${Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',')}\n`),
      'columns, more than',
    ],
    ['no header', enc('\n\n'), 'no header row'],
  ])('refuses %s', (_, bytes, says) => {
    const out = readTable(bytes, 'f.csv');
    expect(out.table).toBeUndefined();
    expect(out.problems[0]?.message).toContain(says);
  });
});

describe('matching columns to fields', () => {
  it.each([
    ['Close by', 'close-by'],
    ['close_by', 'close-by'],
    ['CLOSE BY', 'close-by'],
    ['--close-by', 'close-by'],
  ])('%s names --%s', (column, flag) => expect(normalName(column)).toBe(normalName(flag)));

  const match = (header: string[], migrate = false, map: string[] = []) =>
    matchColumns(nc, header, { file: 'f.csv', migrate, map: parseMap(map).map });

  it('matches flags and field paths whatever their case', () => {
    const { columns, problems } = match(['Title', 'Source type', 'RAISED ON', 'source.ref']);
    expect(problems).toEqual([]);
    expect(columns.map((c) => c.field)).toEqual(['title', 'source.type', 'raised_on', 'source.ref']);
  });
  it('lists the known columns for an unknown one, and --map names or ignores it', () => {
    const [unknown] = match(['Title', 'Comments']).problems;
    expect([unknown?.row, unknown?.column]).toEqual([1, 'Comments']);
    expect(unknown?.hint).toContain('raised_on');
    expect(match(['Title', 'Comments'], false, ['Comments=-']).problems).toEqual([]);
    expect(match(['Reported'], false, ['Reported=raised_on']).columns[0]?.field).toBe('raised_on');
  });
  it('refuses status and later steps’ fields without --migrate, naming the flag', () => {
    expect(match(['Title', 'Status']).problems[0]?.message).toContain('--migrate');
    expect(match(['correction.action']).problems[0]?.message).toContain('without --migrate');
    expect(match(['Status', 'correction.action', 'created'], true).problems).toEqual([]);
  });
  it('refuses two columns for one field', () => {
    expect(match(['Raised on', 'raised_on']).problems[0]?.message).toContain('both give raised_on');
  });
  it('refuses a --map that is not Column=field', () => {
    expect(parseMap(['Raised']).problems).toEqual(['Raised']);
  });
});

describe('dates', () => {
  it.each([
    ['2026-04-03', 'YYYY-MM-DD', '2026-04-03'],
    ['03/04/2026', 'DD/MM/YYYY', '2026-04-03'],
    ['03/04/2026', 'MM/DD/YYYY', '2026-03-04'],
    ['3.4.2026', 'DD/MM/YYYY', '2026-04-03'],
  ] as const)('%s as %s is %s', (text, format, iso) => expect(readDate(text, format)).toBe(iso));
  it('never guesses whether the day or the month comes first', () => {
    const out = readDate('03/04/2026', 'YYYY-MM-DD');
    expect(typeof out === 'string' ? out : out.hint).toContain('--date-format DD/MM/YYYY');
  });
  it('refuses a date that does not exist', () => {
    const out = readDate('31/02/2026', 'DD/MM/YYYY');
    expect(typeof out === 'string' ? out : out.message).toContain('not a date');
  });
});

describe('cells', () => {
  it('reads lists, choices and people, and reports each bad cell with its column', async () => {
    const root = await tempRegister();
    const register = validate(await loadRegister(root, process.env), { asOf: '2026-06-30' }).register!;
    const header = ['Title', 'Grade', 'Requirement', 'Owner', 'Raised on'];
    const { columns } = matchColumns(nc, header, { file: 'f.csv', migrate: false, map: new Map() });
    const read = (cells: string[]) =>
      rowValues(nc, { row: 7, cells }, columns, { file: 'f.csv', register, dateFormat: 'YYYY-MM-DD' });
    const good = read(['T', 'MAJOR', 'A.5.15; 9.2\nA.8.1', 'Alice', '2026-01-02']);
    expect(good.problems).toEqual([]);
    expect(Object.fromEntries(good.values.fields)).toEqual({
      title: 'T',
      grade: 'major',
      requirement: ['A.5.15', '9.2', 'A.8.1'],
      owner: 'alice',
      raised_on: '2026-01-02',
    });
    const bad = read(["=cmd|' /C calc'!A0", 'huge', 'A.5.15', 'zed', '02/01/2026']);
    expect(bad.values.fields.get('title')).toBe("=cmd|' /C calc'!A0");
    expect(bad.problems.map((p) => [p.row, p.column])).toEqual([
      [7, 'Grade'],
      [7, 'Owner'],
      [7, 'Raised on'],
    ]);
  });
});

describe('the steps a migrated record goes through', () => {
  it.each([
    [nc, 'open', ['open']],
    [nc, 'verified', ['open', 'correct', 'analyse', 'action', 'verify']],
    [ca, 'verified', ['plan', 'start', 'implement', 'review']],
    [ca, 'cancelled', ['plan', 'cancel']],
  ] as const)('%s to %s', (kind, status, verbs) => expect(stepsTo(kind, status)?.map((t) => t.verb)).toEqual(verbs));
});
