// The one YAML writer for records. A new record is written in schema order under the editor
// schema line; a changed record is edited in place, field by field, so comments and layout a
// person wrote elsewhere in the file survive.
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify, type Document } from 'yaml';
import type { Kind } from '../domain/kind.js';
import { schemaFileName } from '../domain/jsonschema.js';

const OPTIONS = { lineWidth: 100 } as const;

export function schemaLine(kind: Kind): string {
  return `# yaml-language-server: $schema=../schemas/${schemaFileName(kind.name)}`;
}

export function renderNew(kind: Kind, data: Record<string, unknown>): string {
  return `${schemaLine(kind)}\n${stringify(data, OPTIONS)}`;
}

/** The record's text with `after`'s values, changing only the fields that differ from `before`. */
export function renderUpdate(text: string, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const doc = parseDocument(text, { version: '1.2', merge: false });
  apply(doc, [], before, after);
  return doc.toString(OPTIONS);
}

function apply(doc: Document, path: string[], before: unknown, after: unknown): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) doc.deleteIn([...path, key]);
    }
    for (const [key, value] of Object.entries(after)) apply(doc, [...path, key], before[key], value);
    return;
  }
  if (!isDeepStrictEqual(before, after)) doc.setIn(path, doc.createNode(after));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
