// Escaping what people wrote for the format it is printed in. Templates place values; they never
// escape. Every string of a document's model passes through `escapeModel` before rendering, so a
// title with `|` cannot break a table and `<script>` in a description is text, never markup.

/** Markdown: text that renders as written, in a paragraph or a table cell. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\\`*[\]<>|~]/g, (c) => `\\${c}`)
      // Underscores inside words are not emphasis; elsewhere they may be.
      .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
      // What opens a block at the start of a line: headings, list items, setext rules.
      .replace(/^(\s*)(#{1,6}|[+-]|\d+[.)]|=+|-+)(?=\s|$)/gm, (_m, space: string, mark: string) =>
        /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`,
      )
      // An entity written out (&lt;) stays as written.
      .replace(/&(?=#?\w+;)/g, '&amp;')
      // GitHub-flavoured Markdown links web addresses and emails found in plain text; an escaped
      // `:`, `.` or `@` reads the same but breaks the pattern, so what someone wrote stays text.
      .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/(?<=[\w.+-])@/g, '\\@')
      .replace(/\n/g, '<br>')
  );
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A CSS string literal, quotes included, for text placed in a stylesheet (a page footer's
 * `content`). HTML escaping means nothing inside <style>; here every character but a letter, a
 * digit or a space is written as a CSS escape, so no text can close the string, the rule or the
 * style element (`"`, `}`, `</style>`).
 */
export function cssString(text: string): string {
  const escaped = [...text.replace(/\s+/g, ' ')]
    .map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `))
    .join('');
  return `"${escaped}"`;
}

/**
 * Markup cim built itself, every piece of text in it escaped where it was put in (a chart's SVG).
 * It is the one thing in a model that is not escaped: the HTML page gets it as it is, the Markdown
 * document leaves it out (Markdown shows the same numbers as a table), and JSON never shows it.
 * Only code that escapes every value it places makes one; nothing a user wrote is ever one.
 */
export class Markup {
  readonly #html: string;
  constructor(html: string) {
    this.#html = html;
  }
  get html(): string {
    return this.#html;
  }
  /** JSON leaves it out: the data it draws is in the model beside it. */
  toJSON(): undefined {
    return undefined;
  }
}

/** What becomes of trusted markup in a document: kept for an HTML page, left out of Markdown. */
export type MarkupIn = 'html' | 'markdown';

/**
 * A copy of a document model with every string escaped by `escape`. Trusted markup becomes its
 * HTML for a page that is to be HTML, and an empty string for Markdown.
 */
export function escapeModel<T>(value: T, escape: (s: string) => string, markup: MarkupIn = 'markdown'): T {
  if (typeof value === 'string') return escape(value) as T;
  if (value instanceof Markup) return (markup === 'html' ? value.html : '') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeModel(v, escape, markup)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeModel(v, escape, markup)])) as T;
  }
  return value;
}

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * its start) is prefixed with an apostrophe, so opening the log never executes what someone typed.
 */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csv(header: readonly string[], rows: readonly (readonly (string | number | boolean | undefined)[])[]) {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
