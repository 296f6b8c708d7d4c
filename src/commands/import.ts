// `cim import KIND --from FILE.csv`: every row of a spreadsheet's CSV as a new record, made by the
// kind's own steps, judged all together by the register's rules, and written in one commit — or,
// when any row has a problem, nothing written and every problem reported as `FILE:ROW: message`.
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import type { Context } from '../context.js';
import { today as todayOf } from '../domain/dates.js';
import { newErrors, withEntries } from '../domain/engine.js';
import { ID_COLUMN, matchColumns, parseMap } from '../domain/import-columns.js';
import { createdHint, IMPORT_ACTION, makeRecord, rowValues, type RowValues } from '../domain/import-rows.js';
import type { DateFormat } from '../domain/date-formats.js';
import { readTable, type RowProblem } from '../domain/import-table.js';
import type { Kind } from '../domain/kind.js';
import type { Entry, Register } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { describeFsError } from '../io/fs-errors.js';
import { formatId, idNumbers, nextId } from '../io/ids.js';
import { renderNew } from '../io/record-file.js';
import { applyChange, type Mutation } from './change.js';
import { kindNamed } from './kinds.js';
import type { OpenForChange } from './open.js';

export interface ImportSource {
  readonly kind: string;
  /** The file as given on the command line. */
  readonly file: string;
}

export interface ImportOptions {
  readonly dir?: string;
  readonly sources: readonly ImportSource[];
  /** `--map "Column=field,Other=-"`, as given (repeatable). */
  readonly map?: readonly string[];
  readonly migrate?: boolean;
  readonly dateFormat?: DateFormat;
  /** Who imports, when the git identity matches nobody in cim.yaml (recorded with --migrate). */
  readonly by?: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface ImportedRecord {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly status: string;
  readonly file: string;
  /** Where it came from: `FILE:ROW`. */
  readonly row: string;
}

export interface ImportResult {
  readonly records: readonly ImportedRecord[];
  readonly written: boolean;
  readonly commit?: string;
}

/** How many row problems are listed; the rest are counted. */
export const MAX_LISTED = 50;

/** A refusal listing every problem found, each `FILE:ROW: message`. */
export class ImportRefused extends UserError {
  constructor(readonly problems: readonly RowProblem[]) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `\n  ${located(p)}\n    ${p.hint}`);
    const more = problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : '';
    super(
      `cannot import: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was written${listed.join('')}${more}`,
      'fix the rows in the spreadsheet, export it again and run the same command (ROW is the spreadsheet row: the header is row 1)',
      ExitCode.Invalid,
    );
  }
}

const located = (p: RowProblem) => `${p.file}${p.row !== undefined ? `:${p.row}` : ''}: ${p.message}`;

interface Loaded {
  readonly source: ImportSource;
  readonly kind: Kind;
  readonly bytes: Uint8Array;
}

export async function importRecords(opts: ImportOptions, ctx: Context): Promise<ImportResult> {
  if (opts.sources.length === 0) throw new UserError('nothing to import', 'give --from FILE.csv');
  const { map, problems: badMaps } = parseMap(opts.map ?? []);
  if (badMaps.length)
    throw new UserError(`--map ${badMaps[0]} is not Column=field`, 'e.g. --map "Raised=raised_on,Comments=-"');
  const loaded = await Promise.all(
    opts.sources.map(async (source) => ({
      source,
      kind: kindNamed(source.kind),
      bytes: await readCsv(source.file, ctx),
    })),
  );
  const today = todayOf(ctx.now);
  const { result, written, commit } = await applyChange(opts, ctx, (opened) =>
    importChange({ opts, map, loaded, today, ctx, opened }),
  );
  return { records: result, written, ...(commit ? { commit } : {}) };
}

async function readCsv(file: string, ctx: Context): Promise<Uint8Array> {
  try {
    return await readFile(resolve(ctx.cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (describeFsError(e, ctx.cwd) ?? (e as Error).message);
    throw new UserError(
      `cannot read ${file}: ${why}`,
      'give the path of the CSV file, from the folder you run cim in (not the register given with -C)',
    );
  }
}

interface Importing {
  readonly opts: ImportOptions;
  readonly map: ReadonlyMap<string, string>;
  readonly loaded: readonly Loaded[];
  readonly today: string;
  readonly ctx: Context;
  readonly opened: OpenForChange;
}

/** The rows read from one file, with the kind they become. */
interface Rows {
  readonly kind: Kind;
  readonly file: string;
  readonly rows: readonly RowValues[];
}

async function importChange(t: Importing): Promise<Mutation<ImportedRecord[]>> {
  const { opts, opened, today } = t;
  const { register } = opened;
  const problems: RowProblem[] = [];
  const read: Rows[] = [];
  for (const { source, kind, bytes } of t.loaded) {
    const table = readTable(bytes, source.file);
    problems.push(...table.problems);
    if (!table.table) continue;
    const { columns, problems: header } = matchColumns(kind, table.table.header, {
      file: source.file,
      migrate: opts.migrate === true,
      map: t.map,
      headerRow: table.table.headerRow,
    });
    problems.push(...header);
    if (header.length) continue;
    const readOpts = { file: source.file, register, dateFormat: opts.dateFormat ?? 'YYYY-MM-DD' } as const;
    const rows = table.table.rows.map((row) => rowValues(kind, row, columns, readOpts));
    problems.push(...rows.flatMap((r) => r.problems));
    read.push({ kind, file: source.file, rows: rows.map((r) => r.values) });
  }
  if (problems.length) throw new ImportRefused(problems);
  if (read.every((r) => r.rows.length === 0))
    throw new UserError('the files hold no rows to import', 'add rows under the header row');
  const imported = opts.migrate ? { from: '', on: today, by: importer(t) } : undefined;
  const build = async (): Promise<Mutation<ImportedRecord[]>> => {
    const ids = await allocate(t, read);
    const made: Made[] = [];
    const refused: RowProblem[] = [];
    read.forEach(({ kind, file, rows }, f) =>
      rows.forEach((values, r) => {
        const id = ids[f]![r]!;
        const recordFile = `${kind.folder}/${id}.yaml`;
        const from = imported ? { ...imported, from: fromName(file, opened.root, t.ctx) } : undefined;
        const out = makeRecord(kind, values, id, recordFile, {
          file,
          register,
          today,
          ...(opened.actor ? { actor: opened.actor } : {}),
          ...(from ? { imported: from } : {}),
        });
        if (out.problems) refused.push(...out.problems);
        else made.push({ entry: out.entry, file, row: values.row, undated: !!imported && !values.created });
      }),
    );
    if (refused.length) throw new ImportRefused(refused);
    judgeTogether(register, made, today);
    return mutation(t, made, build);
  };
  return build();
}

/** The person recorded as importing: --by, or the one running the command. */
function importer({ opts, opened }: Importing): string {
  const people = opened.register.config.people;
  if (opts.by !== undefined) {
    const found = people.find((p) => p.id === opts.by);
    if (!found)
      throw new UserError(`--by ${opts.by} is nobody in cim.yaml`, `use one of: ${people.map((p) => p.id).join(', ')}`);
    return found.id;
  }
  if (opened.actor) return opened.actor;
  throw new UserError(
    'your git identity matches nobody in cim.yaml, so who imports cannot be recorded',
    'give --by <person id>, or add your git email to your entry under people: in cim.yaml',
  );
}

/** The file's name as the register records it: relative to the register when inside it, else its own name. */
function fromName(file: string, root: string, ctx: Context): string {
  const rel = relative(root, resolve(ctx.cwd, file));
  return rel.startsWith('..') || resolve(rel) === rel ? basename(file) : rel.split(sep).join('/');
}

/**
 * The id of each row: its `id` cell, which must be free, or the next free one of its kind in row
 * order. Ids given in the files are taken first, so a row without one never takes them.
 */
async function allocate({ opened, ctx }: Importing, read: readonly Rows[]): Promise<string[][]> {
  const { register, input, root } = opened;
  const files = input.files.map((f) => f.file);
  const problems: RowProblem[] = [];
  const given = new Map<string, string>();
  for (const { kind, file, rows } of read)
    for (const r of rows) {
      if (!r.id) continue;
      const where = `${file}:${r.row}`;
      const taken =
        register.byId.has(r.id) ||
        register.unchecked.has(r.id) ||
        idNumbers(files, r.id.split('-')[0]!).includes(Number(r.id.split('-')[1]));
      if (taken || given.has(r.id))
        problems.push({
          file,
          row: r.row,
          column: r.columns.get(ID_COLUMN) ?? ID_COLUMN,
          message: `id ${r.id} is taken${taken ? ' in the register' : ` by ${given.get(r.id)}`}`,
          hint: `give a free ${register.prefixes.of(kind)} id, or leave the cell empty to have one given`,
        });
      given.set(r.id, where);
    }
  if (problems.length) throw new ImportRefused(problems);
  const next = new Map<Kind, number>();
  const ids: string[][] = [];
  for (const { kind, rows } of read) {
    const prefix = register.prefixes.of(kind);
    if (!next.has(kind))
      next.set(kind, Number((await nextId(root, ctx.env, kind.folder, prefix, files)).split('-').at(-1)));
    ids.push(
      rows.map((r) => {
        if (r.id) return r.id;
        let n = next.get(kind)!;
        while (given.has(formatId(prefix, n))) n++;
        next.set(kind, n + 1);
        return formatId(prefix, n);
      }),
    );
  }
  return ids;
}

/** A record an import makes, the file and row it came from, and whether that row left out its creation date. */
interface Made {
  readonly entry: Entry;
  readonly file: string;
  readonly row: number;
  readonly undated: boolean;
}

/** The register rules over all the new records at once, each problem sent back to its row. */
function judgeTogether(register: Register, made: readonly Made[], today: string): void {
  const byFile = new Map(made.map((m) => [m.entry.file, m]));
  const found = newErrors(
    register,
    withEntries(
      register,
      made.map((m) => m.entry),
    ),
    today,
  );
  if (!found.length) return;
  throw new ImportRefused(
    found.map((p) => {
      const from = p.file !== undefined ? byFile.get(p.file) : undefined;
      return from
        ? {
            file: from.file,
            row: from.row,
            message: p.message,
            hint: from.undated ? createdHint(p.message, p.hint) : p.hint,
          }
        : { file: p.file ?? 'the register', message: p.message, hint: p.hint };
    }),
  );
}

function mutation(
  { opts, loaded }: Importing,
  made: readonly Made[],
  again: () => Promise<Mutation<ImportedRecord[]>>,
): Mutation<ImportedRecord[]> {
  const first = made[0]!.entry;
  const files = [...new Set(loaded.map((l) => l.source.file))].map((f) => basename(f));
  const count = `${made.length} record${made.length === 1 ? '' : 's'}`;
  return {
    writes: made.map(({ entry }) => ({ file: entry.file, text: renderNew(entry.kind, entry.data), expected: null })),
    changed: made.map(({ entry }) => ({ kind: entry.kind, data: entry.data })),
    commit: {
      kind: first.kind.name,
      id: first.data.id,
      verb: `${IMPORT_ACTION} ${count}`,
      title: files.join(', '),
      records: made.map((m) => m.entry.data.id),
      action: IMPORT_ACTION,
      trailers: { Count: String(made.length), Migrate: opts.migrate ? 'yes' : undefined },
    },
    result: made.map(({ entry, file, row }) => ({
      id: entry.data.id,
      kind: entry.kind.name,
      title: typeof entry.data.title === 'string' ? entry.data.title : '',
      status: entry.data.status,
      file: entry.file,
      row: `${file}:${row}`,
    })),
    again,
  };
}
