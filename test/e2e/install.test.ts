// cim installed the way a user without this repository installs it: `npm pack` in a clean copy of
// the sources (its `prepare` builds dist/), then `npm install -g` of that tarball into a prefix of
// its own, by the GitHub Action's install step as for a given version, and run from there with
// nothing of this repository on PATH. pre-commit's node hooks and `npm install -g git+https://…`
// go through the same pack, so this is their test too.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { BASE_CONFIG, writeTree } from '../helpers/register.js';

const exec = promisify(execFile);
const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;

/** The environment of someone outside the repository: no npm_* variables of a surrounding `npm test`,
 * and no node_modules/.bin on PATH. npm keeps its cache (HOME), so the dependencies come from it. */
const cleanEnv = (): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^npm_/i.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.includes('node_modules'))
    .join(':');
  env.NO_COLOR = '1';
  return env;
};

let top: string;
let packed: { stdout: string };
let files: string[];
let prefix: string;
let installed: { output: string; path: string };

beforeAll(async () => {
  top = await writeTree({});
  // The sources as a clone has them (tracked files, and new ones not ignored), without dist/.
  const src = join(top, 'src');
  const listed = (
    await exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO })
  ).stdout
    .split('\0')
    .filter((f) => f !== '' && f.split('/')[0] !== 'node_modules');
  for (const file of listed) {
    await mkdir(join(src, file, '..'), { recursive: true });
    await cp(join(REPO, file), join(src, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e; // deleted in the work tree, not yet committed
    });
  }
  await symlink(join(REPO, 'node_modules'), join(src, 'node_modules'));
  const env = cleanEnv();
  packed = await exec('npm', ['pack', '--pack-destination', top], { cwd: src, env, maxBuffer: 1 << 24 });
  files = (await exec('tar', ['-tzf', join(top, TARBALL)])).stdout.split('\n').filter(Boolean);
  // Installed as the GitHub Action installs a given version: npm install -g into a prefix of its own.
  const step = await writeTree({ output: '', path: '' });
  await exec('bash', [join(REPO, 'action', 'install.sh')], {
    cwd: top,
    env: {
      ...env,
      INPUT_VERSION: join(top, TARBALL),
      RUNNER_TEMP: top,
      GITHUB_OUTPUT: join(step, 'output'),
      GITHUB_PATH: join(step, 'path'),
    },
    maxBuffer: 1 << 24,
  });
  prefix = join(top, 'cim-install');
  installed = {
    output: await readFile(join(step, 'output'), 'utf8'),
    path: await readFile(join(step, 'path'), 'utf8'),
  };
}, 300_000);

describe('npm pack and npm install -g of the tarball', () => {
  it("prints only the tarball's name, the build's output kept off standard output (pre-commit reads the name)", () =>
    expect(packed.stdout).toBe(`${TARBALL}\n`));

  it('ships the built program, its schemas and templates, README and LICENSE, and nothing of the development', () => {
    expect(files).toContain('package/bin/cim');
    expect(files).toContain('package/dist/cli/main.js');
    expect(files).toContain('package/schemas/nc.schema.json');
    expect(files).toContain('package/templates/policy.md.hbs');
    for (const f of ['package/package.json', 'package/README.md', 'package/LICENSE']) expect(files).toContain(f);
    const tops = new Set(files.map((f) => f.split('/')[1]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'schemas', 'templates']);
    expect(files.filter((f) => /\.(ts|map)$/.test(f) || /\/(test|src|examples|\.ci)\//.test(f))).toEqual([]);
  });

  it("the action's install step names the command it installed, and puts its folder on PATH", () => {
    expect(installed.output).toBe(`bin=${join(prefix, 'bin', 'cim')}\n`);
    expect(installed.path).toBe(`${join(prefix, 'bin')}\n`);
  });

  it('installs a cim that runs from its prefix alone: --version, and validate of a register', async () => {
    const cim = join(prefix, 'bin', 'cim');
    const env = cleanEnv();
    const version = await exec(cim, ['--version'], { cwd: top, env });
    expect(version.stdout.trim()).toBe(pkg.version);
    const register = await writeTree({ 'cim.yaml': BASE_CONFIG });
    const checked = await exec(cim, ['-C', register, 'validate', '--as-of', '2026-06-30'], { cwd: top, env });
    expect(checked.stdout).toContain('valid');
    expect(checked.stderr).toBe('');
    // An invalid register exits 1 from the installed copy too, with the problem named.
    const broken = await writeTree({ 'cim.yaml': { ...BASE_CONFIG, organisation: 42 } });
    const failed = await exec(cim, ['-C', broken, 'validate'], { cwd: top, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stdout).toContain('cim.yaml');
  });
});
