// The scripts behind the GitHub Action (action.yml), run as its steps run them: the environment
// GitHub gives a composite step (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the inputs in env), against
// a register in a git repository of its own whose history holds a deleted record.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN, REPO, testEnv } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG, writeTree } from '../helpers/register.js';

const execAsync = promisify(execFile);
const SCRIPT = join(REPO, 'action', 'validate.sh');

let root: string;
let first: string;
let head: string;

interface Step {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the action's validate step with the inputs given, as GitHub would. */
async function step(inputs: Record<string, string>, cwd = root): Promise<Step> {
  const files = await writeTree({ output: '', summary: '' });
  const env = await testEnv({
    CIM: BIN,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    INPUT_PATH: '.',
    INPUT_STRICT: 'false',
    INPUT_BASE: '',
    INPUT_ARGS: '--as-of 2026-06-30',
    ...inputs,
  });
  const run = await execAsync('bash', [SCRIPT], { cwd, env }).then(
    (ok) => ({ code: 0, ...ok }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const output = await readFile(join(files, 'output'), 'utf8');
  const outputs = Object.fromEntries(
    output
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=', 2) as [string, string]),
  );
  return { ...run, outputs, summary: await readFile(join(files, 'summary'), 'utf8') };
}

beforeAll(async () => {
  // An NC committed, then deleted: the register now is valid, its history is not.
  root = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
  first = (await git(root, 'rev-parse', 'HEAD')).trim();
  await rm(join(root, 'nonconformities', 'NC-0001.yaml'));
  await git(root, 'commit', '-qam', 'remove NC-0001');
  head = (await git(root, 'rev-parse', 'HEAD')).trim();
});

describe('the action validate step', () => {
  it('on a pull request checks the commits since its base: outputs, annotations and exit code 1', async () => {
    const s = await step({ PULL_REQUEST_BASE_SHA: first });
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(/^::error file=[^\n]*NC-0001\.yaml[^\n]*history\/deleted/m);
    expect(s.outputs).toMatchObject({ valid: 'false', errors: '1', records: '0' });
  });

  it('in a merge queue starts from its base commit: nothing since it, so valid, with what the policy warns of', async () => {
    const s = await step({ MERGE_GROUP_BASE_SHA: head });
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('as of 2026-06-30');
    expect(s.outputs).toMatchObject({ valid: 'true', errors: '0', records: '0' });
    expect(Number(s.outputs.warnings)).toBeGreaterThan(0);
  });

  it('with strict: true fails on those warnings, now errors', async () => {
    const s = await step({ INPUT_BASE: 'none', INPUT_STRICT: 'true' });
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('as of 2026-06-30, strict');
    expect(s.outputs).toMatchObject({ valid: 'false', warnings: '0' });
    expect(Number(s.outputs.errors)).toBeGreaterThan(0);
  });

  it('on a push, with no base, checks the whole history; base: none checks none', async () => {
    const push = await step({});
    expect(push.code).toBe(1);
    expect(push.stdout).toContain('history/deleted');
    const none = await step({ INPUT_BASE: 'none' });
    expect(none.code).toBe(0);
  });

  it('writes the Markdown report to the job summary', async () => {
    const s = await step({ PULL_REQUEST_BASE_SHA: first });
    expect(s.summary).toContain('history/deleted');
    expect(s.summary).toContain('NC-0001');
  });

  it('refuses a shallow clone before validating, naming fetch-depth: 0 (exit 2)', async () => {
    const top = await writeTree({});
    await git(top, 'clone', '--quiet', '--depth', '1', `file://${root}`, 'shallow');
    const s = await step({}, join(top, 'shallow'));
    expect(s.code).toBe(2);
    expect(s.stdout).toMatch(/^::error title=cim::this is a shallow clone.*fetch-depth: 0/m);
    expect(s.outputs).toEqual({});
  });

  it('stops at a usage error with its exit code 2 and cim naming the problem', async () => {
    const notRegister = await writeTree({ 'README.md': 'no register here\n' });
    const s = await step({ INPUT_BASE: 'none' }, notRegister);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('cim:');
    expect(s.outputs).toEqual({});
    const strict = await step({ INPUT_STRICT: 'yes' });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain('::error title=cim::the input strict is "yes": write true or false');
  });

  it('reports an invalid register with outputs that count its errors', async () => {
    const broken = await gitRepo({ 'cim.yaml': stringify({ ...BASE_CONFIG, organisation: 42 }) });
    const s = await step({ INPUT_BASE: 'none' }, broken);
    expect(s.code).toBe(1);
    expect(s.outputs.valid).toBe('false');
    expect(Number(s.outputs.errors)).toBeGreaterThan(0);
    expect(s.stdout).toMatch(/^::error file=[^\n]*cim\.yaml/m);
  });
});
