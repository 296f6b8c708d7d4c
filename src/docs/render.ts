// Rendering a document: find its template (the register's own `templates/` first, then the
// built-in one), escape the model for the output format, fill the template, and for HTML turn the
// Markdown into a standalone printable page.
//
// Templates are Handlebars, compiled with escaping off (the model is escaped here, for Markdown or
// HTML as the output needs, which Handlebars' HTML-only escaping could not do) and in strict mode
// (a misspelt field in a template is an error naming the template and line, not an empty cell).
// Handlebars keeps logic out of templates: they place values, loop and test; every date, sort and
// sentence that depends on data is prepared in TypeScript.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { marked } from 'marked';
import { UserError } from '../errors.js';
import { escapeHtml, escapeMarkdown, escapeModel } from './escape.js';

export const BUILT_IN = fileURLToPath(new URL('../../templates/', import.meta.url));

export type DocumentFormat = 'md' | 'html';

export interface Template {
  /** Where it was read from, as shown in errors. */
  readonly file: string;
  readonly text: string;
}

/** The register's template of that name when it has one, else the built-in one. */
export function findTemplate(root: string, name: string): Template {
  const own = join(root, 'templates', name);
  const text = readText(own);
  if (text !== undefined) return { file: join('templates', name), text };
  const builtIn = readText(join(BUILT_IN, name));
  if (builtIn === undefined) throw new Error(`built-in template ${name} is missing`);
  return { file: `(built-in) templates/${name}`, text: builtIn };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${path}: ${(e as Error).message}`, 'check the file and its permissions');
  }
}

/** Fills a template with a model whose strings are already escaped for the output. */
export function fill(template: Template, model: object): string {
  const hbs = Handlebars.create();
  let out: string;
  try {
    out = hbs.compile(template.text, { noEscape: true, strict: true })(model);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? String(e);
    throw new UserError(
      `template ${template.file} failed: ${message}`,
      'fix the template; `cim <document> --help` names the built-in templates to start from',
    );
  }
  return tidy(out);
}

/** At most one blank line in a row, no trailing spaces, one final newline. */
function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export interface RenderOptions {
  readonly root: string;
  /** The Markdown template, e.g. `policy.md.hbs`. */
  readonly template: string;
  readonly format: DocumentFormat;
  /** The page title for HTML. */
  readonly title: string;
}

/** Renders a document model: Markdown, or Markdown made into a standalone HTML page. */
export function render(model: object, opts: RenderOptions): string {
  const markdown = fill(findTemplate(opts.root, opts.template), escapeModel(model, escapeMarkdown));
  if (opts.format === 'md') return markdown;
  // User text reaches marked escaped for Markdown, so none of it can become a tag.
  const body = marked.parse(markdown, { async: false, gfm: true });
  return fill(findTemplate(opts.root, 'page.html.hbs'), {
    title: escapeHtml(opts.title),
    body,
  });
}
