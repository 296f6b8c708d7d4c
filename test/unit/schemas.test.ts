import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allSchemas, jsonSchema } from '../../src/domain/jsonschema.js';
import { nc } from '../../src/domain/kinds/index.js';

describe('JSON Schemas in schemas/', () => {
  it.each(['schemas/', 'examples/acme/schemas/'])(
    '%s is up to date with the zod declarations (run `npm run schemas` to refresh)',
    async (folder) => {
      const dir = new URL(`../../${folder}`, import.meta.url);
      const expected = allSchemas();
      expect((await readdir(dir)).sort()).toEqual([...expected.keys()].sort());
      for (const [file, text] of expected) expect(await readFile(new URL(file, dir), 'utf8'), file).toBe(text);
    },
  );

  it('are draft-07 and reject unknown keys', () => {
    const schema = jsonSchema(nc);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('describe every field, however deep', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const n = node as { properties?: Record<string, { description?: string }>; items?: unknown; anyOf?: unknown[] };
      for (const [key, child] of Object.entries(n.properties ?? {})) {
        if (!child.description) undocumented.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      walk(n.items, `${path}[]`);
      for (const option of n.anyOf ?? []) walk(option, path);
    };
    for (const [file, text] of allSchemas()) walk(JSON.parse(text), file);
    expect(undocumented).toEqual([]);
  });
});
