// End to end: `cim validate --format junit|sarif|markdown` run as a CI job runs it, on a register in
// a sub-folder of its repository, with an error whose text is hostile to XML and Markdown and a
// policy warning. One register serves every case; each format is run once.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { sarifProblems } from '../helpers/sarif.js';

const NC_FILE = 'reg/nonconformities/NC-0001.yaml';
const HOSTILE_KEY = 'x<y&z]]>"q"|`#';
const STACK = /^\s+at /m;

let repo: string;
const run = (format: string): Promise<CliResult> =>
  runCli(['-C', 'reg', 'validate', '--format', format, '--as-of', '2026-06-30'], { cwd: repo });

beforeAll(async () => {
  const [path, data] = r.nc({ [HOSTILE_KEY]: 'misspelt' });
  repo = await gitRepo({ 'reg/cim.yaml': BASE_CONFIG, [`reg/${path}`]: data });
});

function expectClean(result: CliResult) {
  expect(result.stderr).toBe('');
  expect(result.stdout).not.toMatch(STACK);
  expect(result.code).toBe(1);
}

describe('cim validate for CI reports', () => {
  it('--format junit: a suite per file, the error failing its rule and the warning skipped', async () => {
    const result = await run('junit');
    expectClean(result);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(result.stdout) as {
      testsuites: {
        failures: string;
        skipped: string;
        testsuite: {
          name: string;
          failures: string;
          testcase: { name: string; failure?: { message: string; '#text': string }; skipped?: object }[];
        }[];
      };
    };
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['reg/cim.yaml', NC_FILE]);
    const nc = suites[1]!;
    const unknown = nc.testcase.find((c) => c.name === 'schema/unknown-field')!;
    expect(unknown.failure!.message).toBe(`unknown field "${HOSTILE_KEY}"`);
    expect(unknown.failure!['#text']).toMatch(new RegExp(`^${NC_FILE}:\\d+:1 error: `));
    expect(nc.testcase.filter((c) => c.failure)).toHaveLength(1);
    expect(Number(parsed.testsuites.failures)).toBe(1);
    expect(Number(parsed.testsuites.skipped)).toBeGreaterThan(0);
    expect(suites[0]!.testcase.some((c) => c.skipped)).toBe(true);
  });

  it('--format sarif: results on repository-relative files, every rule described', async () => {
    const result = await run('sarif');
    expectClean(result);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    expect(sarifProblems(log)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const [run0] = log.runs;
    expect(run0!.tool.driver.name).toBe('cim');
    expect(run0!.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const error = run0!.results.find((x) => x.ruleId === 'schema/unknown-field')!;
    expect(error.level).toBe('error');
    expect(error.locations[0]!.physicalLocation.artifactLocation.uri).toBe(NC_FILE);
    expect(run0!.tool.driver.rules[error.ruleIndex]!.id).toBe('schema/unknown-field');
    expect(run0!.results.some((x) => x.level === 'warning')).toBe(true);
  });

  it('--format markdown: the verdict, the counts and the problem, escaped', async () => {
    const result = await run('markdown');
    expectClean(result);
    expect(result.stdout).toMatch(/^### ✖ 1 error, \d+ warnings?\n/);
    expect(result.stdout).toContain('| `schema/unknown-field` | 1 | 0 |');
    expect(result.stdout).toContain('\n#### Errors (1)\n');
    const row = result.stdout.split('\n').find((l) => l.startsWith(`| ${NC_FILE}:`));
    expect(row).toContain('| `schema/unknown-field` | unknown field "x\\<y\\&z\\]\\]\\>"q"\\|\\`\\#" |');
  });
});
