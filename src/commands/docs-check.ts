// `cim validate --docs`: the documents committed in the register's docs/ folder are what cim
// generates from the register now. A document handed to an auditor that the register no longer
// bears out is stale, and says so with the command that regenerates it.
//
// A file is recognised by its name, as `cim <document> -o docs/<name>` would be written: policy,
// agenda-<MRT id>, minutes-<MRT id>, programme-<year> (md, html or json) and log (md, html, csv or json). Other files
// in docs/ are not cim's and are left alone. Each document is generated as of a date it states
// ("as of 30 June 2026", "Prepared as of", "asOf" in JSON), or as of a date another document of the
// folder states (the CSV log states none, and is generated with the others), or as of --as-of;
// it is fresh when one of those gives it byte for byte. An HTML page is generated on the paper its
// stylesheet names (`--paper letter`), A4 otherwise.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../domain/diagnostics.js';
import type { RegisterInput } from '../domain/register.js';
import { validate, type ValidationResult } from '../domain/validate/index.js';
import { DOCS_STALE, DOCS_UNCHECKED } from '../domain/validate/rule-ids.js';
import { UserError } from '../errors.js';
import {
  agendaDocument,
  logDocument,
  minutesDocument,
  policyDocument,
  programmeDocument,
  type Document,
  type Layout,
  type Opened,
} from './documents.js';

/** The register's folder of generated documents. */
export const DOCS_FOLDER = 'docs';

/** Larger than any document cim generates; such a file is not read. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** How many dates a document is tried as of, at most. */
const MAX_DATES = 6;

interface Recognised {
  /** The command that writes it, without -o: `policy --format html`. */
  readonly command: string;
  readonly make: (opened: Opened, layout: Layout) => Document;
}

/** What cim document a file name in docs/ is, if it is one. */
export function recognise(name: string): Recognised | undefined {
  const as = (args: string, format: string) => (format === 'md' ? args : `${args} --format ${format}`);
  let m = /^policy\.(md|html|json)$/.exec(name);
  if (m) {
    const format = m[1]!;
    return { command: as('policy', format), make: (o, l) => policyDocument(o, format, l) };
  }
  m = /^agenda-([A-Za-z][A-Za-z0-9]*-\d+)\.(md|html|json)$/.exec(name);
  if (m) {
    const [id, format] = [m[1]!, m[2]!];
    return { command: as(`agenda ${id}`, format), make: (o, l) => agendaDocument(o, id, format, l) };
  }
  m = /^minutes-([A-Za-z][A-Za-z0-9]*-\d+)\.(md|html|json)$/.exec(name);
  if (m) {
    const [id, format] = [m[1]!, m[2]!];
    return { command: as(`minutes ${id}`, format), make: (o, l) => minutesDocument(o, id, format, l) };
  }
  m = /^programme-(\d{4})\.(md|html|json)$/.exec(name);
  if (m) {
    const [year, format] = [m[1]!, m[2]!];
    return { command: as(`programme ${year}`, format), make: (o, l) => programmeDocument(o, Number(year), format, l) };
  }
  m = /^log\.(md|html|csv|json)$/.exec(name);
  if (m) {
    const format = m[1]!;
    return { command: as('export log', format), make: (o, l) => logDocument(o, format, l) };
  }
  return undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 30 June 2026 → 2026-06-30; an ISO date as it is; anything else undefined. */
export function isoDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4})`;
/** "as of D", "Prepared as of | D |", "as of</td><td>D" and JSON's "asOf": "D". */
const STATED = new RegExp(String.raw`as of(?:\s|\||<[^<>]{0,20}>){0,6}${DATE}|"asOf":\s*"${DATE}"`, 'gi');

/** The dates a document says it was prepared as of, in the order it says them. */
export function statedDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(STATED)) {
    const date = isoDate(m[1] ?? m[2] ?? '');
    if (date && !out.includes(date)) out.push(date);
  }
  return out;
}

interface Found {
  readonly name: string;
  readonly file: string;
  readonly recognised: Recognised;
  readonly bytes: Buffer;
  readonly dates: readonly string[];
  /** The paper an HTML page was laid out on, as its stylesheet says. */
  readonly layout: Layout;
}

/** An HTML page made with --paper letter says so in its @page rule; every other is A4. */
export function layoutOf(text: string): Layout {
  return /@page \{\s*size: letter;/.test(text) ? { paper: 'letter' } : {};
}

/**
 * The stale documents of docs/, each a diagnostic naming the command that regenerates it. `asOf`
 * is the date to judge a document that states none by; `input` the register as read.
 */
export async function checkDocs(root: string, input: RegisterInput, asOf: string): Promise<Diagnostic[]> {
  const folder = join(root, DOCS_FOLDER);
  const kind = await lstat(folder).catch(() => undefined);
  if (!kind?.isDirectory())
    throw new UserError(
      kind
        ? `${DOCS_FOLDER} in the register is not a folder, so --docs has nothing to check`
        : `the register has no ${DOCS_FOLDER}/ folder, so --docs has nothing to check`,
      `generate the documents into ${DOCS_FOLDER}/ and commit them, e.g. \`cim policy -o ${DOCS_FOLDER}/policy.md\``,
    );
  const out: Diagnostic[] = [];
  const found: Found[] = [];
  const names = (await readdir(folder)).sort();
  for (const name of names) {
    const recognised = recognise(name);
    if (!recognised) continue;
    const file = `${DOCS_FOLDER}/${name}`;
    const read = await readDocument(join(folder, name));
    if (typeof read === 'string') {
      out.push(unchecked(file, read));
      continue;
    }
    const text = read.toString('utf8');
    found.push({ name, file, recognised, bytes: read, dates: statedDates(text), layout: layoutOf(text) });
  }
  if (found.length === 0) return out;

  const everyDate = [...new Set(found.flatMap((f) => f.dates))];
  const results = new Map<string, ValidationResult>();
  const openedAt = (date: string): Opened | undefined => {
    let result = results.get(date);
    if (!result) results.set(date, (result = validate(input, { asOf: date })));
    return result.register && result.errors === 0
      ? { root, asOf: date, register: result.register, result, input }
      : undefined;
  };
  const now = openedAt(asOf);
  if (!now) {
    const errors = results.get(asOf)!.errors;
    return [
      ...out,
      unchecked(
        DOCS_FOLDER,
        `is not checked: the register has ${errors} validation error${errors === 1 ? '' : 's'}, and no document is generated from it`,
        'fix them first: `cim validate` lists them',
      ),
    ];
  }
  for (const doc of found) {
    const dates = [...new Set([...doc.dates, ...everyDate, asOf])].slice(0, MAX_DATES);
    const problem = judge(doc, dates, openedAt);
    if (problem) out.push(problem);
  }
  return out;
}

/** Undefined when the document is what cim generates as of one of the dates; else why not. */
function judge(doc: Found, dates: readonly string[], openedAt: (date: string) => Opened | undefined) {
  let first: { date: string; text: string } | undefined;
  for (const date of dates) {
    const opened = openedAt(date);
    if (!opened) continue;
    let text: string;
    try {
      text = doc.recognised.make(opened, doc.layout).text;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      return stale(
        doc.file,
        1,
        `cannot be generated from the register now (\`cim ${doc.recognised.command}\`: ${e.message})`,
        `remove ${doc.file} if the document is no longer wanted, or correct the register: ${e.hint}`,
      );
    }
    if (doc.bytes.equals(Buffer.from(text, 'utf8'))) return undefined;
    first ??= { date, text };
  }
  if (!first) return undefined;
  const paper = doc.layout.paper ? ` --paper ${doc.layout.paper}` : '';
  const regenerate = `\`cim ${doc.recognised.command}${paper} --as-of ${first.date} -o ${doc.file}\``;
  const committed = doc.bytes.toString('utf8');
  const line = firstDifference(committed, first.text);
  const stated = doc.dates.includes(first.date) ? 'as of the date it states' : 'as of';
  const base = `is not what \`cim ${doc.recognised.command}\` generates from the register now ${stated} (${first.date}): it differs from line ${line}`;
  if (policyTextChanged(doc.name, committed, first.text))
    return stale(
      doc.file,
      line,
      `${base}, in the policy's text, and the version it states is unchanged`,
      `a new text is a new version: add it to policy.history and set policy.version in cim.yaml, then regenerate it with ${regenerate} and commit it`,
    );
  return stale(doc.file, line, base, `regenerate it: ${regenerate}, review the difference and commit it`);
}

const POLICY_ANNEX = '\n## Annex: ';

/** The committed Markdown policy states the same version, yet its text before the annex differs. */
function policyTextChanged(name: string, committed: string, generated: string): boolean {
  if (name !== 'policy.md') return false;
  const version = (text: string) => /^\| Version \| (.*) \|$/m.exec(text)?.[1];
  const body = (text: string) => text.slice(0, text.includes(POLICY_ANNEX) ? text.indexOf(POLICY_ANNEX) : undefined);
  return (
    version(committed) !== undefined && version(committed) === version(generated) && body(committed) !== body(generated)
  );
}

/** The first line (from 1) at which two texts differ. */
function firstDifference(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A plain file's bytes, or why it is not read: opened without following a link, checked open. */
async function readDocument(path: string): Promise<Buffer | string> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'is a symbolic link; only plain files in docs/ are compared';
    return `cannot be read (${code ?? (e as Error).message})`;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return 'is not a plain file';
    if (stats.size > MAX_DOCUMENT_BYTES)
      return `is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB, more than cim generates`;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

const stale = (file: string, line: number, message: string, hint: string): Diagnostic => ({
  severity: 'error',
  rule: DOCS_STALE,
  file,
  line,
  column: 1,
  message,
  hint,
});

const unchecked = (file: string, message: string, hint = 'replace it with the document cim generates'): Diagnostic => ({
  severity: 'warning',
  rule: DOCS_UNCHECKED,
  file,
  line: 1,
  column: 1,
  message,
  hint,
});
