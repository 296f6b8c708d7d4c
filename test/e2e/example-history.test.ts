// The example register rebuilt through cim's own commands by scripts/example-history.js: its
// history passes `validate --history` (that of examples/acme inside this repository cannot: those
// records were written as files), and its records hold the example's data.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirementId } from '../../src/domain/fields.js';
import type { Kind } from '../../src/domain/kind.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { refFields, valuesAt } from '../../src/domain/validate/zod-walk.js';
import { parseYaml } from '../../src/io/yaml.js';
import { REPO, runCli, testEnv, type CliResult } from '../helpers/cli.js';
import { git } from '../helpers/git.js';

const SCRIPT = join(REPO, 'scripts', 'example-history.js');
const ACME = join(REPO, 'examples', 'acme');

function script(args: readonly string[]): Promise<CliResult> {
  return testEnv().then(
    (env) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
}

/** Every record file of a register, as `folder/ID.yaml`. */
async function recordFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const kind of KINDS) {
    const names = await readdir(join(root, kind.folder));
    files.push(...names.filter((n) => n.endsWith('.yaml')).map((n) => `${kind.folder}/${n}`));
  }
  return files.sort();
}

/** A record's data as cim reads it: a clause YAML reads as a number (6.1) is the clause "6.1". */
async function readRecord(root: string, file: string, kind: Kind): Promise<unknown> {
  const data = parseYaml(await readFile(join(root, file), 'utf8'), file).data as Record<string, unknown>;
  for (const { pattern } of refFields(kind.shape).filter((f) => f.role.role === 'requirement')) {
    for (const { path, value } of valuesAt(data, pattern)) {
      const parent = path.slice(0, -1).reduce<unknown>((v, seg) => (v as Record<string, unknown>)[seg], data);
      (parent as Record<string | number, unknown>)[path.at(-1)!] = requirementId(value as string | number);
    }
  }
  return data;
}

describe('the example register rebuilt through cim (npm run example:history)', () => {
  let top: string;
  let dir: string;
  let built: CliResult;

  beforeAll(async () => {
    top = await mkdtemp(join(tmpdir(), 'cim-example-'));
    dir = join(top, 'acme');
    built = await script([dir]);
  }, 300_000);
  afterAll(() => rm(top, { recursive: true, force: true }));

  it('builds every record of the example in a new repository', async () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const records = (await recordFiles(ACME)).length;
    expect(built.stdout).toMatch(new RegExp(`^Built ${records} records in \\d+ commits`));
    expect(await recordFiles(dir)).toEqual(await recordFiles(ACME));
  });

  it('passes validate --strict --history as of the date the example is written to', async () => {
    const { code, stdout } = await runCli(['-C', dir, 'validate', '--strict', '--history', '--as-of', '2026-06-30']);
    expect(stdout).toContain('✔ valid (85 records, as of 2026-06-30, strict)');
    expect(code).toBe(0);
  });

  it('holds the same data as examples/acme in every record', async () => {
    for (const file of await recordFiles(ACME)) {
      const kind = KINDS.find((k) => file.startsWith(`${k.folder}/`))!;
      expect({ file, data: await readRecord(dir, file, kind) }).toStrictEqual({
        file,
        data: await readRecord(ACME, file, kind),
      });
    }
  });

  it("cim log NC-0001 shows every step on the day it was taken, by the example's people", async () => {
    const { code, stdout } = await runCli(['-C', dir, 'log', 'NC-0001']);
    expect(code).toBe(0);
    const steps = stdout
      .split('\n')
      .filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l))
      .map((l) => l.replace(/ · [0-9a-f]{7,}$/, ''));
    expect(steps).toEqual([
      '2023-05-12  finding, raise  open  Mira Castell',
      '2023-05-12  edit  open  Dana Whitfield',
      '2023-05-19  correct  open → corrected  Dana Whitfield',
      '2023-05-26  analyse  corrected → analysed  Dana Whitfield',
      '2023-05-26  action  analysed → actioned  Dana Whitfield',
      '2023-06-14  extend  actioned  Marcus Oyelaran',
      '2023-09-15  verify  actioned → verified  Dana Whitfield',
      '2023-12-06  close  verified → closed  Marcus Oyelaran',
    ]);
  });

  it('makes every commit with cim, but for the set-up and the hand edits the README lists', async () => {
    const log = await git(dir, 'log', '--reverse', '--format=%s%x1f%(trailers:key=Cim-Action,valueonly)%x1e');
    const others = log
      .split('\x1e')
      .map((c) => c.trim().split('\x1f'))
      .filter(([subject, action]) => subject && !action?.trim())
      .map(([subject]) => subject!.replace(/ — .*$/, ''));
    expect(others).toEqual([
      'Set up Acme Analytics Ltd: people, areas, deadlines and policy',
      'incident(INC-0004): improvement set by hand',
      'audit(AUD-0012): reported_to set by hand',
    ]);
  });
});

describe('scripts/example-history.js on bad arguments', () => {
  it('without a folder, prints its usage and exits 2', async () => {
    const { code, stderr } = await script([]);
    expect(stderr).toContain('usage: node scripts/example-history.js DIR');
    expect(code).toBe(2);
  });

  it('refuses a folder that is not empty, and writes nothing there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cim-example-'));
    await mkdir(join(dir, 'notes'));
    await writeFile(join(dir, 'notes', 'keep.txt'), 'mine');
    const { code, stderr } = await script([dir]);
    expect(stderr).toContain(`${dir} is not empty`);
    expect(code).toBe(2);
    expect(await readdir(dir)).toEqual(['notes']);
    await rm(dir, { recursive: true, force: true });
  });
});
