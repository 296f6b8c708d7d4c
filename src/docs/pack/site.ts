// The pages of an evidence pack, as models and as HTML. Every page is one built-in template of
// templates/pack/ filled with a model whose strings are escaped for HTML, placed in the pack's one
// page template with its nav. Links are relative; nothing is loaded from outside the pack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, escapeModel, Markup } from '../escape.js';
import { BUILT_IN, fill, htmlBody, type Template } from '../render.js';

/** Where a page lives in the pack, which says how its links reach the top. */
export type Depth = 'top' | 'folder';

export const RECORDS_FOLDER = 'records';
export const DOCUMENTS_FOLDER = 'documents';
export const INDEX_PAGE = 'index.html';

/** The path of a record's page, from the pack's top. */
export const recordPage = (id: string) => `${RECORDS_FOLDER}/${id}.html`;

/** A path within the pack as a relative link from a page: each segment percent-encoded. */
export function linkTo(path: string, from: Depth): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return from === 'top' ? encoded : `../${encoded}`;
}

/** What every page shows in its head: whose pack, as of when, from which commit. */
export interface PackHeader {
  readonly organisation: string;
  readonly asOf: string;
  readonly commit: string;
}

/** The built-in template of the pack (a register's templates/ does not reach the pack). */
function template(name: string): Template {
  return { file: `(built-in) templates/pack/${name}`, text: readFileSync(join(BUILT_IN, 'pack', name), 'utf8') };
}

/** A whole page: the body (HTML cim made, every value in it escaped) in the pack's page. */
function page(header: PackHeader, title: string, depth: Depth, body: string): string {
  const up = depth === 'top' ? '' : '../';
  return fill(
    template('page.html.hbs'),
    escapeModel(
      {
        ...header,
        title,
        home: `${up}${INDEX_PAGE}`,
        records: `${up}${INDEX_PAGE}#records`,
        documents: `${up}${INDEX_PAGE}#documents`,
        body: new Markup(body),
      },
      escapeHtml,
      'html',
    ),
  );
}

/** A page from one of the pack's body templates and its model (escaped here). */
export function templatePage(header: PackHeader, title: string, depth: Depth, name: string, model: object): string {
  const body = fill(template(name), escapeModel(model, escapeHtml, 'html'));
  return page(header, title, depth, body);
}

/** A document's page: its body as `--format html` makes it, charts included, in the pack's page. */
export function documentPage(header: PackHeader, title: string, root: string, name: string, model: object): string {
  return page(header, title, 'folder', htmlBody(root, name, model));
}

/** A record's fields as rows, nested ones named as `cim log` names them (`analysis.root_cause`, `actions[0].text`). */
export function fieldRows(data: Readonly<Record<string, unknown>>, leave: readonly string[] = []) {
  const rows: { name: string; value: string }[] = [];
  const walk = (value: unknown, name: string): void => {
    if (Array.isArray(value)) {
      if (value.length === 0 || value.every((v) => !isObject(v) && !Array.isArray(v))) {
        rows.push({ name, value: value.map(shown).join(', ') });
        return;
      }
      value.forEach((v, i) => walk(v, `${name}[${i}]`));
      return;
    }
    if (isObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) rows.push({ name, value: '' });
      for (const k of keys) walk(value[k], name ? `${name}.${k}` : k);
      return;
    }
    rows.push({ name, value: shown(value) });
  };
  for (const [k, v] of Object.entries(data)) if (!leave.includes(k)) walk(v, k);
  return rows;
}

/** A value as a cell shows it: text as written, anything else as JSON. */
export function shown(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
