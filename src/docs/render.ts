// Rendering a document: find its template (the register's own `templates/` first, then the
// built-in one), escape the model for the output format, fill the template, and for HTML turn the
// Markdown into a standalone printable page.
//
// Templates are Handlebars, compiled with escaping off (the model is escaped here, for Markdown or
// HTML as the output needs, which Handlebars' HTML-only escaping could not do) and in strict mode
// (a misspelt field in a template is an error naming the template and line, not an empty cell).
// Handlebars keeps logic out of templates: they place values, loop and test; every date, sort and
// sentence that depends on data is prepared in TypeScript.
//
// A register's template is data from the register, read as carefully as a record: a regular file
// of at most MAX_TEMPLATE_BYTES in a real `templates/` folder, opened without following a link and
// checked on the open file, so a link, a named pipe or a device swapped in cannot be read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { marked } from 'marked';
import { UserError } from '../errors.js';
import { cssString, escapeHtml, escapeMarkdown, escapeModel } from './escape.js';

export const BUILT_IN = fileURLToPath(new URL('../../templates/', import.meta.url));

export type DocumentFormat = 'md' | 'html';

export interface Template {
  /** Where it was read from, as shown in errors. */
  readonly file: string;
  readonly text: string;
}

/** The largest template a register may hold: the built-in ones are a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The register's template of that name when it has one, else the built-in one. */
export function findTemplate(root: string, name: string): Template {
  const file = `templates/${name}`;
  const text = readOwnTemplate(root, name);
  if (text !== undefined) return { file, text };
  return { file: `(built-in) ${file}`, text: readFileSync(join(BUILT_IN, name), 'utf8') };
}

/** The register's own template, or undefined when it has none. */
function readOwnTemplate(root: string, name: string): string | undefined {
  const folder = join(root, 'templates');
  const refuse = (what: string, hint = 'replace it with a plain file copied from the built-in template') =>
    new UserError(`templates/${name} ${what}`, hint);
  const kind = lstatSync(folder, { throwIfNoEntry: false });
  if (kind === undefined) return undefined;
  // A linked folder could hold files from anywhere; the register's templates live in the register.
  if (!kind.isDirectory())
    throw new UserError(
      `templates ${kind.isSymbolicLink() ? 'is a symbolic link' : 'is not a folder'}, so no template in it is read`,
      'make templates/ a plain folder inside the register, holding copies of the built-in templates',
    );
  let fd: number;
  try {
    fd = openSync(join(folder, name), OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw refuse('is a symbolic link; templates are read only from files in the register');
    throw refuse(`cannot be read: ${code ?? (e as Error).message}`, 'check the file and its permissions');
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refuse(`is ${special(stats)}, not a plain file`);
    // Read at most one byte past the limit: a file that grew after fstat is still caught.
    const bytes = Buffer.alloc(Math.min(stats.size, MAX_TEMPLATE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      length += n;
      if (n === 0 || length === bytes.length) break;
    }
    if (stats.size > MAX_TEMPLATE_BYTES || length > MAX_TEMPLATE_BYTES)
      throw refuse(
        `is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB, the most a template may be`,
        'keep the template to the document: data belongs in the register, not in the template',
      );
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length));
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (e instanceof TypeError) throw refuse('is not UTF-8 text', 'save the template as UTF-8');
    throw refuse(`cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check the file');
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not a plain file is, in words. */
function special(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/** Fills a template with a model whose strings are already escaped for the output. */
export function fill(template: Template, model: object): string {
  const hbs = Handlebars.create();
  let out: string;
  try {
    // The tree is the one compiling the text would parse; only its strict flags are set.
    const ast = hbs.parseWithoutProcessing(template.text);
    strictBlocks(ast);
    out = hbs.compile(ast, { noEscape: true, strict: true })(model);
  } catch (e) {
    throw new UserError(
      `template ${template.file} failed: ${templateError(e)}`,
      'fix the template; `cim <document> --help` names the built-in templates to start from',
    );
  }
  return tidy(out);
}

/** The block helpers whose first argument names a field of the model. */
const BLOCK_HELPERS = new Set(['each', 'if', 'unless', 'with']);

/**
 * Strict mode makes a name that a template prints an error when the model has no such field, but
 * not a name given to a helper: `{{#each nope}}` loops over nothing and `{{#if nope}}` is false.
 * Marking the first argument of each/if/unless/with strict, as Handlebars marks a printed name,
 * makes a misspelt one an error too. (`assumeObjects` and `knownHelpersOnly` do not: the first
 * only skips checks, the second is about helper names.)
 */
function strictBlocks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) strictBlocks(child);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { type?: string; path?: { original?: unknown }; params?: unknown[] };
  if (n.type === 'BlockStatement' && BLOCK_HELPERS.has(String(n.path?.original))) {
    const name = n.params?.[0] as { type?: string; data?: boolean; parts?: unknown[]; strict?: boolean } | undefined;
    // `this`, `@index` and block parameters are not fields of the model.
    if (name?.type === 'PathExpression' && !name.data && (name.parts?.length ?? 0) > 0) name.strict = true;
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') strictBlocks(child);
}

/** What went wrong, in words: `line 3: "nope" is not a field of the document`. */
function templateError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const missing = /^"(.*)" not defined in .* - (\d+):(\d+)$/.exec(message.split('\n')[0] ?? '');
  if (missing) return `line ${missing[2]}: "${missing[1]}" is not a field of the document at that place`;
  const line = (e as { lineNumber?: unknown }).lineNumber;
  const first = message.split('\n')[0] ?? message;
  return typeof line === 'number' && !/line \d/.test(first) ? `line ${line}: ${first}` : first;
}

/** At most one blank line in a row, no trailing spaces, one final newline. */
function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** The paper an HTML page is printed on. */
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

/** The CSS `size` of each paper. */
const PAPER_SIZE: Record<Paper, string> = { a4: 'A4', letter: 'letter' };

/** What the running footer of every printed page says, from the document's model. */
export interface PageFooter {
  /** The policy's version, where the document has one. */
  readonly version?: string;
  readonly classification?: string;
  /** The date the document is prepared as of, as the document states it (30 June 2026). */
  readonly asOf: string;
}

export interface RenderOptions {
  readonly root: string;
  /** The Markdown template, e.g. `policy.md.hbs`. */
  readonly template: string;
  readonly format: DocumentFormat;
  /** The page title for HTML, and the title its printed pages carry. */
  readonly title: string;
  /** Default A4. */
  readonly paper?: Paper;
  readonly footer?: PageFooter;
}

/**
 * What the page template places beside the body: the title escaped for HTML, the paper size and
 * the footer's two halves as CSS strings (the footer is drawn by `@page` margin boxes).
 */
export function pageModel(opts: Pick<RenderOptions, 'title' | 'paper' | 'footer'>, body: string) {
  const { footer } = opts;
  const left = [opts.title, footer?.version ? `Version ${footer.version}` : '', footer?.classification ?? ''].filter(
    Boolean,
  );
  return {
    title: escapeHtml(opts.title),
    paper: PAPER_SIZE[opts.paper ?? 'a4'],
    footer: {
      left: cssString(left.join(' · ')),
      right: cssString(footer ? `As of ${footer.asOf} · ` : ''),
    },
    body,
  };
}

/** Renders a document model: Markdown, or Markdown made into a standalone HTML page. */
export function render(model: object, opts: RenderOptions): string {
  if (opts.format === 'md')
    return fill(findTemplate(opts.root, opts.template), escapeModel(model, escapeMarkdown, 'markdown'));
  return fill(findTemplate(opts.root, 'page.html.hbs'), pageModel(opts, htmlBody(opts.root, opts.template, model)));
}

/**
 * A document's body as HTML: its model in its Markdown template (the register's own, if it has
 * one), made HTML by marked. Charts are markup cim drew: kept here, where marked passes an HTML
 * block through as it is, and left out of a Markdown document, which has their tables. User text
 * reaches marked escaped for Markdown, so none of it can become a tag.
 */
export function htmlBody(root: string, template: string, model: object): string {
  const markdown = fill(findTemplate(root, template), escapeModel(model, escapeMarkdown, 'html'));
  return marked.parse(markdown, { async: false, gfm: true });
}
