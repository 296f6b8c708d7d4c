// Writes schemas/*.schema.json from the zod declarations (run after `npm run build`).
// test/unit/schemas.test.ts fails when the committed files differ from what this writes.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { allSchemas } from '../dist/domain/jsonschema.js';

// The example register carries its own copy, as every register made by `cim init` does.
const schemas = allSchemas();
for (const folder of ['schemas/', 'examples/acme/schemas/']) {
  const dir = new URL(`../${folder}`, import.meta.url);
  await mkdir(dir, { recursive: true });
  for (const old of await readdir(dir)) if (!schemas.has(old)) await rm(new URL(old, dir));
  for (const [file, text] of schemas) await writeFile(new URL(file, dir), text);
  console.log(`wrote ${schemas.size} schemas to ${folder}`);
}
