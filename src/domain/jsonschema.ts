// JSON Schemas for editors, generated from the zod declarations (draft-07, which today's YAML
// language servers read). Unknown keys are rejected, as validation rejects them.
import { z } from 'zod';
import { CONFIG_FILE, configSchema } from './config.js';
import type { Kind } from './kind.js';
import { KINDS } from './kinds/index.js';

export const CONFIG_SCHEMA_NAME = 'cim';

export function schemaFileName(name: string): string {
  return `${name}.schema.json`;
}

export function jsonSchema(kind: Kind | 'config'): Record<string, unknown> {
  const schema = kind === 'config' ? configSchema : kind.schema;
  const title = kind === 'config' ? CONFIG_FILE : `${kind.title} (${kind.prefix}-NNNN)`;
  const generated = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}

/** Every schema file cim ships: one per kind and one for cim.yaml, keyed by file name. */
export function allSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  out.set(schemaFileName(CONFIG_SCHEMA_NAME), `${JSON.stringify(jsonSchema('config'), null, 2)}\n`);
  for (const kind of KINDS) out.set(schemaFileName(kind.name), `${JSON.stringify(jsonSchema(kind), null, 2)}\n`);
  return out;
}
