// The OASIS SARIF 2.1.0 JSON Schema (test/fixtures/sarif), compiled once, as a check a log passes.
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as {
  $schema?: string;
  id: string;
} & Record<string, unknown>;

/** The schema's own id, which a log names as its `$schema`. */
export const SARIF_SCHEMA_ID = schema.id;

// The standard's schema is written in draft-04, for which Ajv 8 has no meta-schema; it uses no
// keyword whose meaning draft-07 changed, so it is read as draft-07 with its `id` as `$id`.
// Strict mode is for a schema's authors, and this one is the standard's as published.
const { id, ...rest } = schema;
delete rest.$schema;
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its plugin is the module and also its `default`, which types name.
formats.default(ajv);
const conforms = ajv.compile({ ...rest, $id: id });

/** True when the log is valid SARIF 2.1.0; otherwise what the schema says is wrong with it. */
export function sarifProblems(log: unknown): true | unknown[] {
  return conforms(JSON.parse(JSON.stringify(log))) ? true : [...(conforms.errors ?? [])];
}
