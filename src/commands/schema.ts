import { CONFIG_FILE } from '../domain/config.js';
import { jsonSchema } from '../domain/jsonschema.js';
import { KINDS, findKind } from '../domain/kinds/index.js';
import { UserError } from '../errors.js';

export type SchemaResult =
  | { readonly schema: Record<string, unknown> }
  | { readonly kinds: { name: string; title: string; prefix: string; folder: string; states: readonly string[] }[] };

export function schema(name: string | undefined): SchemaResult {
  if (name === undefined) {
    return {
      kinds: KINDS.map((k) => ({ name: k.name, title: k.title, prefix: k.prefix, folder: k.folder, states: k.states })),
    };
  }
  if (['config', 'cim', CONFIG_FILE].includes(name.toLowerCase())) return { schema: jsonSchema('config') };
  const kind = findKind(name);
  if (!kind)
    throw new UserError(`unknown kind "${name}"`, `use one of: ${KINDS.map((k) => k.name).join(', ')}, config`);
  return { schema: jsonSchema(kind) };
}
