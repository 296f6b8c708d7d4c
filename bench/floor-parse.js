// The floor of `cim validate`: one Node process that reads every record file of the register and
// parses it with the same `yaml` library, and does nothing else.
// Usage: node bench/floor-parse.js <register> <folder>…
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [root, ...folders] = process.argv.slice(2);
let records = 0;
for (const folder of folders) {
  for (const name of readdirSync(join(root, folder))) {
    if (!name.endsWith('.yaml')) continue;
    parse(readFileSync(join(root, folder, name), 'utf8'));
    records++;
  }
}
process.stdout.write(`${records}\n`);
