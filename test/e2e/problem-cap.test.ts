// A record of thousands of mistakes, validated by the built bin/cim: the report stays one a person
// can read (its first problems, then how many more), in text and in JSON. Run `npm run build`
// first (`npm test` does).
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_PROBLEMS_PER_FILE } from '../../src/domain/diagnostics.js';
import { runCli } from '../helpers/cli.js';
import * as r from '../helpers/records.js';
import { tempRegister } from '../helpers/register.js';

const NC_FILE = 'nonconformities/NC-0001.yaml';
const NC = stringify(r.nc()[1]);

const unknownKeys = `${NC}${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
const wrongTypes = NC.replace(
  'requirement:\n  - A.5.18\n',
  `requirement: [${Array(20_000).fill('true').join(', ')}]\n`,
);

describe.each([
  ['20,000 unknown keys', unknownKeys, 'schema/unknown-field'],
  ['20,000 wrong types in one list', wrongTypes, 'schema/type'],
])('cim validate on a record of %s', (_, text, rule) => {
  it('prints fewer than 1,000 lines: the first problems, then how many more', async () => {
    const root = await tempRegister({ [NC_FILE]: text });
    const { code, stdout, stderr } = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.length).toBeLessThan(1000);
    expect(lines.filter((l) => l.includes(`  error  ${rule}  `))).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(stdout).toContain(
      `${NC_FILE}:1:1  error  file/more-problems  ${20_000 - MAX_PROBLEMS_PER_FILE} more problems in this file`,
    );
  });

  it('gives JSON of the same problems', async () => {
    const root = await tempRegister({ [NC_FILE]: text });
    const { code, stdout } = await runCli(['validate', '--as-of', '2026-06-30', '--format', 'json'], { cwd: root });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { summary: { errors: number }; diagnostics: { file: string; rule: string }[] };
    const own = report.diagnostics.filter((d) => d.file === NC_FILE);
    expect(own).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(own.at(-1)?.rule).toBe('file/more-problems');
    expect(report.summary.errors).toBe(MAX_PROBLEMS_PER_FILE + 1);
  });
});
