// Writes the example register's documents under examples/acme/docs/ (run after `npm run build`).
// test/e2e/documents.test.ts fails when the committed files differ from what this writes.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AS_OF, EXAMPLE_DOCS } from './example-docs.js';

const bin = fileURLToPath(new URL('../bin/cim', import.meta.url));
const register = fileURLToPath(new URL('../examples/acme/', import.meta.url));
const out = new URL('../examples/acme/docs/', import.meta.url);
await mkdir(out, { recursive: true });
for (const { file, args, asOf } of EXAMPLE_DOCS) {
  const text = execFileSync(process.execPath, [bin, '-C', register, ...args, '--as-of', asOf ?? AS_OF], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  await writeFile(new URL(file, out), text);
}
console.log(`wrote ${EXAMPLE_DOCS.length} documents to examples/acme/docs/`);
