// Writes schemas/*.schema.json from the zod declarations (run after `npm run build`).
// test/unit/schemas.test.ts fails when the committed files differ from what this writes.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { allSchemas } from '../dist/domain/jsonschema.js';

const dir = new URL('../schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
const schemas = allSchemas();
for (const old of await readdir(dir)) if (!schemas.has(old)) await rm(new URL(old, dir));
for (const [file, text] of schemas) await writeFile(new URL(file, dir), text);
console.log(`wrote ${schemas.size} schemas to schemas/`);
