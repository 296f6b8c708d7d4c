// Document commands: cim policy, agenda, minutes, programme and export log. Each builds its model from a
// valid register as of a date, then renders it; the CLI prints or writes the result.
import { constants, write } from 'node:fs';
import { chmod, lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { documentAsOf, type Context } from '../context.js';
import { mrt, type MrtRecord } from '../domain/kinds/index.js';
import type { Register, RegisterInput } from '../domain/register.js';
import { validate, type ValidationResult } from '../domain/validate/index.js';
import { agendaModel } from '../docs/agenda/index.js';
import { logCsv, logModel } from '../docs/log.js';
import { minutesModel } from '../docs/minutes.js';
import { policyModel } from '../docs/policy.js';
import { programmeModel } from '../docs/programme.js';
import { longDate } from '../docs/format.js';
import { PAPERS, render, type DocumentFormat, type PageFooter, type Paper } from '../docs/render.js';
import { ExitCode, UserError } from '../errors.js';
import { printPdf } from '../io/chromium.js';
import { writeTemp } from '../io/files.js';
import { causeOf } from '../io/fs-errors.js';
import { openRegister } from './open.js';

export interface DocumentOptions {
  readonly dir?: string;
  readonly asOf?: string;
  readonly format?: string;
  /** The paper HTML and PDF are printed on: a4 (the default) or letter. */
  readonly paper?: string;
}

export interface Document {
  /** The rendered document ('' for a PDF, which is bytes). */
  readonly text: string;
  /** The PDF, for --format pdf. */
  readonly bytes?: Uint8Array;
  /** The data the document shows, unescaped: what --json prints. */
  readonly model: object;
  /** The Markdown template it is rendered from (`policy.md.hbs`), for a page made of its model. */
  readonly template?: string;
}

/** How a document is laid out on paper, for HTML and PDF. */
export interface Layout {
  readonly paper?: Paper;
}

/** A register that validates, as of a date: what every document is made from. */
export interface Opened {
  readonly root: string;
  readonly asOf: string;
  readonly register: Register;
  readonly result: ValidationResult;
  /**
   * The register as read, for what is judged as of another date: the agenda the minutes show is
   * the one of the meeting's day. Without it, the minutes judge that agenda as of `asOf`.
   */
  readonly input?: RegisterInput;
}

/** Documents handed to an auditor come from a register that validates. */
async function openValid(opts: DocumentOptions, ctx: Context): Promise<Opened> {
  const dated = documentAsOf(opts.asOf, ctx.env);
  const { root, asOf, input, result } = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), ...(dated ? { asOf: dated } : {}) },
    ctx,
  );
  if (!result.register || result.errors > 0) throw invalidRegister(result.errors);
  return { root, asOf, register: result.register, result, input };
}

function invalidRegister(errors: number): UserError {
  return new UserError(
    `the register has ${errors} validation error${errors === 1 ? '' : 's'}, so no document is generated from it`,
    'run `cim validate` and fix them first',
    ExitCode.Invalid,
  );
}

function formatOf(value: string | undefined, allowed: readonly string[]): string {
  const format = value ?? 'md';
  if (!allowed.includes(format))
    throw new UserError(`--format ${format} is not available here`, `use one of: ${allowed.join(', ')}`);
  return format;
}

const FORMATS = ['md', 'html', 'pdf', 'json'] as const;
const LOG_FORMATS = ['md', 'html', 'pdf', 'csv', 'json'] as const;
/** The formats laid out on paper, which --paper applies to. */
const PAGED = ['html', 'pdf'];

export async function policy(opts: DocumentOptions, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, FORMATS);
  const layout = layoutOf(opts, format);
  const opened = await openValid(opts, ctx);
  return printed(policyDocument(opened, paged(format), layout), format, opened, ctx);
}

export async function agenda(opts: DocumentOptions & { readonly id: string }, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, FORMATS);
  const layout = layoutOf(opts, format);
  const opened = await openValid(opts, ctx);
  return printed(agendaDocument(opened, opts.id, paged(format), layout), format, opened, ctx);
}

export async function minutes(opts: DocumentOptions & { readonly id: string }, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, FORMATS);
  const layout = layoutOf(opts, format);
  const opened = await openValid(opts, ctx);
  return printed(minutesDocument(opened, opts.id, paged(format), layout), format, opened, ctx);
}

export async function programme(opts: DocumentOptions & { readonly year: string }, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, FORMATS);
  const layout = layoutOf(opts, format);
  const year = yearOf(opts.year);
  const opened = await openValid(opts, ctx);
  return printed(programmeDocument(opened, year, paged(format), layout), format, opened, ctx);
}

export async function exportLog(opts: DocumentOptions, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, LOG_FORMATS);
  const layout = layoutOf(opts, format);
  const opened = await openValid(opts, ctx);
  return printed(logDocument(opened, paged(format), layout), format, opened, ctx);
}

/** The format a document is rendered in: a PDF is its HTML page, printed. */
const paged = (format: string) => (format === 'pdf' ? 'html' : format);

/** A PDF printed from the rendered page; any other document as it is. */
async function printed(doc: Document, format: string, { asOf }: Opened, ctx: Context): Promise<Document> {
  if (format !== 'pdf') return doc;
  return { text: '', bytes: await printPdf(doc.text, { asOf, env: ctx.env }), model: doc.model };
}

function layoutOf(opts: DocumentOptions, format: string): Layout {
  if (opts.paper === undefined) return {};
  if (!(PAPERS as readonly string[]).includes(opts.paper))
    throw new UserError(`--paper ${opts.paper} is not a paper cim prints on`, `use one of: ${PAPERS.join(', ')}`);
  if (!PAGED.includes(format))
    throw new UserError(
      `--paper is for documents laid out on pages, not --format ${format}`,
      `add --format ${PAGED.join(' or --format ')}, or leave out --paper`,
    );
  return { paper: opts.paper as Paper };
}

function yearOf(value: string): number {
  if (!/^\d{4}$/.test(value))
    throw new UserError(`"${value}" is not a year`, 'give the year as four digits, e.g. cim programme 2027');
  return Number(value);
}

// Each document made from a valid register, as the command prints it or -o writes it; `cim
// validate --docs` compares the committed ones with these.

export function policyDocument(
  { root, asOf, register, result }: Opened,
  format: string,
  layout: Layout = {},
): Document {
  const model = policyModel(register, asOf, result.diagnostics);
  const plain = page(layout, asOf, `${model.organisation} — ${model.title}`);
  const footer = { ...plain.footer, version: model.version, classification: model.classification };
  return document(model, format, root, 'policy.md.hbs', { ...plain, footer });
}

export function agendaDocument(
  { root, asOf, register, result }: Opened,
  id: string,
  format: string,
  layout: Layout = {},
): Document {
  const model = agendaModel(register, id.toUpperCase(), asOf, result.diagnostics);
  return document(model, format, root, 'agenda.md.hbs', page(layout, asOf, `${model.organisation} — ${model.title}`));
}

/** The minutes of a held review: its agenda as of the meeting, its actions as of the date given. */
export function minutesDocument(
  { root, asOf, register, result, input }: Opened,
  id: string,
  format: string,
  layout: Layout = {},
): Document {
  const review = register.byId.get(id.toUpperCase());
  const heldOn = review?.kind === mrt ? (review.data as MrtRecord).held_on : undefined;
  // The policy compliance findings the agenda of the day showed (d2) are those as of the meeting.
  const atMeeting =
    heldOn !== undefined && input !== undefined && heldOn !== asOf
      ? validate(input, { asOf: heldOn }).diagnostics
      : result.diagnostics;
  const model = minutesModel(register, id.toUpperCase(), asOf, atMeeting);
  const title = `${model.organisation} — Minutes of ${model.title}`;
  return document(model, format, root, 'minutes.md.hbs', page(layout, asOf, title));
}

export function programmeDocument(
  { root, asOf, register }: Opened,
  year: number,
  format: string,
  layout: Layout = {},
): Document {
  const model = programmeModel(register, year, asOf);
  return document(
    model,
    format,
    root,
    'programme.md.hbs',
    page(layout, asOf, `${model.organisation} — ${model.title}`),
  );
}

export function logDocument({ root, asOf, register }: Opened, format: string, layout: Layout = {}): Document {
  const model = logModel(register, asOf);
  if (format === 'csv') return { text: logCsv(model), model };
  return document(model, format, root, 'log.md.hbs', page(layout, asOf, `${model.organisation} — ${model.title}`));
}

/** How a document is printed: its title, and in its footer the date it is prepared as of. */
interface Page extends Layout {
  readonly title: string;
  readonly footer: PageFooter;
}

const page = (layout: Layout, asOf: string, title: string): Page => ({
  ...layout,
  title,
  footer: { asOf: longDate(asOf) },
});

function document(model: object, format: string, root: string, template: string, page: Page): Document {
  if (format === 'json') return { text: `${JSON.stringify(model, null, 2)}\n`, model, template };
  return { text: render(model, { root, template, format: format as DocumentFormat, ...page }), model, template };
}

/**
 * Writes a document where -o points, relative to where cim was started. A file, new or old, is
 * replaced whole and atomically, keeping its permissions; a symbolic link is written through to the
 * file it names, and stays a link. A named pipe, a character device or a descriptor the shell
 * opened (`-o >(wc -c)` passes `/dev/fd/63`) is opened and written into: replacing it would take it
 * from whoever reads it. Returns the path written.
 */
export async function writeDocument(path: string, text: string | Uint8Array, ctx: Context): Promise<string> {
  const given = resolve(ctx.cwd, path);
  try {
    const target = await destination(given);
    if (target.how === 'replace') await replaceFile(target.path, text, target.mode);
    else if (target.how === 'into') await writeInto(target.path, text);
    else await writeToDescriptor(target.fd, text);
  } catch (e) {
    throw cannotWrite(path, e);
  }
  return given;
}

type Destination =
  /** A plain file, or none yet: written beside it and renamed over it, keeping its permissions. */
  | { readonly how: 'replace'; readonly path: string; readonly mode?: number }
  /** A pipe, a device, or a file the shell opened: opened and written into, never replaced. */
  | { readonly how: 'into'; readonly path: string }
  /** A socket cim was started with: it cannot be opened by name, so its descriptor is written to. */
  | { readonly how: 'descriptor'; readonly fd: number };

/** Links followed before giving up, as the system does. */
const MAX_LINKS = 40;

/** What -o names, found without changing anything. */
async function destination(path: string, links = 0): Promise<Destination> {
  const fd = descriptorOf(path);
  const found = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' && fd === undefined) return undefined;
    throw fd === undefined ? e : fail('EBADF');
  });
  if (found === undefined) {
    // Nothing there, or a link to something not there yet: the file is made where the links end.
    const link = await lstat(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (!link?.isSymbolicLink()) return { how: 'replace', path };
    if (links >= MAX_LINKS) throw fail('ELOOP');
    return destination(resolve(dirname(path), await readlink(path)), links + 1);
  }
  if (found.isDirectory()) throw fail('EISDIR');
  if (found.isBlockDevice()) throw fail('ENOTBLK');
  if (found.isSocket()) {
    if (fd === undefined) throw fail('ENXIO');
    return { how: 'descriptor', fd };
  }
  if (found.isFIFO() || found.isCharacterDevice()) return { how: 'into', path };
  if (!found.isFile()) throw fail('EFTYPE');
  if (fd !== undefined) return { how: 'into', path };
  return { how: 'replace', path: await realpath(path), mode: found.mode & 0o7777 };
}

/** A failure found before writing, with the code its cause is told by. */
const fail = (code: string) => Object.assign(new Error(code), { code });

/** The descriptor of this process a path names (`/dev/fd/3`, `/dev/stdout`, `/proc/self/fd/3`). */
function descriptorOf(path: string): number | undefined {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/(self|\d+)\/fd)\/(\d+)$/.exec(path);
  if (!m || (m[1] !== undefined && m[1] !== 'self' && Number(m[1]) !== process.pid)) return undefined;
  return Number(m[2]);
}

/** Opens what is there and writes into it: nothing is created, and nothing replaced. */
async function writeInto(path: string, text: string | Uint8Array): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_TRUNC);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/** Writes all of the text to a descriptor; one set not to block is waited for. */
async function writeToDescriptor(fd: number, text: string | Uint8Array): Promise<void> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  for (let done = 0; done < bytes.length;) {
    try {
      done += await writeSome(fd, bytes, done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const writeSome = (fd: number, bytes: Buffer, offset: number) =>
  new Promise<number>((resolvePromise, reject) =>
    write(fd, bytes, offset, bytes.length - offset, null, (e, written) => (e ? reject(e) : resolvePromise(written))),
  );

/** Writes a file beside the target and renames it over it, so no reader sees half a document. */
async function replaceFile(path: string, text: string | Uint8Array, mode: number | undefined): Promise<void> {
  const temp = await writeTemp(path, text);
  try {
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** The path as given and what the system said, in words; the code too where it helps a search. */
function cannotWrite(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const said = causeOf(code);
  const cause =
    said !== undefined
      ? `${said}${['EISDIR', 'ENOTBLK', 'EFTYPE', 'ELOOP', 'EEXIST'].includes(code) ? '' : ` (${code})`}`
      : ((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? code);
  const hint =
    code === 'EISDIR'
      ? 'name a file in that folder'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'free some space, or write the document elsewhere'
        : 'write it elsewhere, or leave out -o to print it on standard output';
  return new UserError(`cannot write ${path}: ${cause}`, hint);
}
