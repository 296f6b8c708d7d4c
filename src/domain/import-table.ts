// A CSV file as a spreadsheet exports it, read into a header and rows: UTF-8 with or without a
// byte order mark, comma or semicolon, Excel's `sep=;` first line, CRLF, quoted cells with line
// breaks. Rows are numbered as the spreadsheet shows them — the header is row 1, a cell with line
// breaks is one row, and an empty row still counts — so `FILE:ROW` points at the row a user finds.
import { CsvError, parse } from 'csv-parse/sync';

/** A problem of the file or of one of its rows, as `FILE:ROW: message` says it. */
export interface RowProblem {
  readonly file: string;
  /** The spreadsheet row (header = 1); absent for a problem of the whole file. */
  readonly row?: number;
  /** The column's name in the header, when the problem is one cell's. */
  readonly column?: string;
  readonly message: string;
  readonly hint: string;
}

export interface TableRow {
  /** The spreadsheet row: the header is row 1. */
  readonly row: number;
  /** One cell per header column, trailing empty cells past the header dropped. */
  readonly cells: readonly string[];
}

export interface Table {
  /** The spreadsheet row of the header: 1, unless empty rows come before it. */
  readonly headerRow: number;
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
}

/** More is no register's spreadsheet: refused before the rows are judged. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
export const MAX_COLUMNS = 500;
export const MAX_ROWS = 100_000;

const SAVE_AS = 'save it from the spreadsheet as "CSV UTF-8 (comma delimited)" and import that file';

/** The table a CSV file holds, or the problems that keep it from being read. */
export function readTable(bytes: Uint8Array, file: string): { table?: Table; problems: RowProblem[] } {
  const fail = (message: string, hint: string) => ({ problems: [{ file, message, hint }] });
  if (bytes.length > MAX_CSV_BYTES)
    return fail(
      `is ${Math.round(bytes.length / 1024 / 1024)} MiB, more than the ${MAX_CSV_BYTES / 1024 / 1024} MiB cim imports at once`,
      'split it into several files and import them one by one',
    );
  if (bytes.includes(0)) return fail('holds NUL bytes: it is not a text file (a workbook, not a CSV?)', SAVE_AS);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('is not UTF-8 text (it may be saved in a legacy encoding such as Windows-1252)', SAVE_AS);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep) text = text.slice(sep[0].length);
  const delimiter = sep?.[1] ?? guessDelimiter(text);
  // Counted before parsing: a header of a million columns takes seconds to parse, only to be refused.
  const counts = headerCounts(text);
  const columns = (delimiter === ';' ? counts.semicolons : counts.commas) + 1;
  if (columns > MAX_COLUMNS * 4)
    return {
      problems: [
        {
          file,
          row: 1,
          message: `has ${columns} columns, more than ${MAX_COLUMNS}`,
          hint: 'keep only the columns to import',
        },
      ],
    };
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      max_record_size: 1024 * 1024,
    }) as unknown as typeof records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const at = (e as CsvError & { lines?: number }).lines;
    return fail(
      `cannot be read as CSV${at ? ` near line ${at} of the file` : ''}: ${e.message.replace(/^[^:]*:\s*/, '')}`,
      'check the quotes around that cell (a quote inside a quoted cell is written twice: "")',
    );
  }
  return shape(records, file);
}

/** The semicolons and commas outside quotes on the first line (the header). */
function headerCounts(text: string): { semicolons: number; commas: number } {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return { semicolons, commas };
}

/** `;` when the header line has more semicolons than commas outside quotes, as a European export has. */
function guessDelimiter(text: string): string {
  const { semicolons, commas } = headerCounts(text);
  return semicolons > commas ? ';' : ',';
}

function shape(records: readonly { record: string[]; info: { records: number } }[], file: string) {
  const problems: RowProblem[] = [];
  const first = records.findIndex((r) => r.record.some((c) => c.trim() !== ''));
  if (first < 0)
    return {
      problems: [{ file, message: 'has no header row', hint: 'the first row names the columns: Title, Grade, …' }],
    };
  const header = trimEnd(records[first]!.record.map((c) => c.trim()));
  const headerRow = records[first]!.info.records;
  if (header.length > MAX_COLUMNS)
    return {
      problems: [
        {
          file,
          row: headerRow,
          message: `has ${header.length} columns, more than ${MAX_COLUMNS}`,
          hint: 'keep only the columns to import',
        },
      ],
    };
  header.forEach((name, i) => {
    if (name === '')
      problems.push({
        file,
        row: headerRow,
        message: `column ${i + 1} has no name`,
        hint: 'name it in the header row, or delete the column',
      });
  });
  const rows: TableRow[] = [];
  for (const { record, info } of records.slice(first + 1)) {
    if (record.every((c) => c.trim() === '')) continue;
    const past = record.slice(header.length).findIndex((c) => c.trim() !== '');
    if (past >= 0)
      problems.push({
        file,
        row: info.records,
        message: `has a value in column ${header.length + past + 1}, past the last named column`,
        hint: 'name the column in the header row, or delete the value',
      });
    // A cell's line breaks as the spreadsheet wrote them (CRLF on Windows) are plain line breaks.
    rows.push({ row: info.records, cells: record.slice(0, header.length).map((c) => c.replace(/\r\n?/g, '\n')) });
  }
  if (rows.length > MAX_ROWS)
    return {
      problems: [
        { file, message: `has ${rows.length} rows, more than ${MAX_ROWS}`, hint: 'split it into several files' },
      ],
    };
  return { table: { headerRow, header, rows }, problems };
}

function trimEnd(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}
