// Runs the hostile-input corpus (corpus.ts) on the built bin/cim, one temporary register and git
// repository per case. Besides the case's own exit code and messages, every run must show no stack
// trace, nothing from outside the register and no terminal control characters, must answer in
// seconds, and must leave the register, git and the folder beside it as they were (unless the case
// is one that writes). Run `npm run build` first.
import { createHash } from 'node:crypto';
import { readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type ExpectStatic } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { writeTree } from '../helpers/register.js';
import { CONFIG, CORPUS, NC, NC_FILE, TRAP, type Dirs, type HostileCase } from './corpus.js';

/** What a crash looks like: a stack frame, a JavaScript error name, or cim's own bug report. */
const CRASH = /^\s+at |node:internal|\b(Type|Range|Reference|Syntax)Error\b|internal error|heap out of memory/m;
/** Control characters a terminal acts on; a CR is allowed only as part of a CRLF line end. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
/** Commits are made with an identity given on the command line: the repository has none of its own. */
const IDENTITY = ['-c', 'user.name=Test User', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

async function prepare(c: HostileCase): Promise<Dirs> {
  const trap = `${TRAP}: this file is outside the register\n`;
  const parent = await writeTree({
    'outside/cim.yaml': `${CONFIG}${trap}`,
    'outside/NC-0001.yaml': `${NC}${trap}`,
    'outside/NC-0002.yaml': `${NC.replace('NC-0001', 'NC-0002')}${trap}`,
    'register/cim.yaml': CONFIG,
    [`register/${NC_FILE}`]: NC,
    ...Object.fromEntries(Object.entries(c.files ?? {}).map(([file, content]) => [`register/${file}`, content])),
  });
  const dirs = { root: join(parent, 'register'), outside: join(parent, 'outside') };
  await c.setup?.(dirs);
  const mode = c.git ?? 'committed';
  if (mode === 'none') return dirs;
  await git(dirs.root, 'init', '--quiet', '--initial-branch=main');
  if (mode === 'unborn') return dirs;
  await git(dirs.root, 'add', '-A');
  await git(dirs.root, ...IDENTITY, 'commit', '--quiet', '-m', 'The register');
  for (const [i, files] of (c.commits ?? []).entries()) {
    for (const [file, text] of Object.entries(files)) await writeFile(join(dirs.root, file), text);
    await git(dirs.root, ...IDENTITY, 'commit', '--quiet', '-am', `Change ${i + 1}`);
  }
  if (mode === 'detached') await git(dirs.root, 'checkout', '--quiet', '--detach');
  return dirs;
}

/** Every path under `dir` (but .git) with a hash of its content, or where it links to. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const rel = path.slice(dir.length + 1);
    if (rel === '.git' || rel.startsWith('.git/')) continue;
    out[rel] = entry.isSymbolicLink()
      ? `-> ${await readlink(path)}`
      : entry.isFile()
        ? createHash('sha1')
            .update(await readFile(path))
            .digest('hex')
        : 'folder';
  }
  return out;
}

/** Refs, HEAD and the index as git reports them; "(none)" where there is no repository or commit. */
async function gitState(root: string): Promise<string[]> {
  const read = (...args: string[]) => git(root, ...args).catch(() => '(none)');
  return Promise.all([read('rev-parse', 'HEAD'), read('for-each-ref'), read('status', '--porcelain', '-uall')]);
}

async function state(dirs: Dirs) {
  return { register: await tree(dirs.root), git: await gitState(dirs.root), outside: await tree(dirs.outside) };
}

async function run(c: HostileCase, expect: ExpectStatic): Promise<void> {
  const dirs = await prepare(c);
  const before = await state(dirs);
  const started = performance.now();
  const result = await runCli(
    c.args.map((a) => a.replaceAll('{outside}', dirs.outside)),
    { cwd: dirs.root, ...(c.env ? { env: c.env } : {}) },
  );
  const seconds = (performance.now() - started) / 1000;
  const output = `${result.stdout}\n${result.stderr}`;
  const shown = output.length > 4000 ? `${output.slice(0, 4000)}…` : output;

  expect(output, 'a crash').not.toMatch(CRASH);
  expect(result.code, shown).toBe(c.code);
  for (const said of c.says ?? []) {
    if (typeof said === 'string') expect(output, shown).toContain(said);
    else expect(output, shown).toMatch(said);
  }
  for (const unsaid of c.never ?? []) {
    if (typeof unsaid === 'string') expect(output, shown).not.toContain(unsaid);
    else expect(output, shown).not.toMatch(unsaid);
  }
  expect(output, 'text from a file outside the register').not.toContain(TRAP);
  expect(output, 'a control character printed to the terminal').not.toMatch(CONTROL);
  expect(seconds, 'seconds').toBeLessThan(c.seconds ?? 10);

  const after = await state(dirs);
  expect(after.outside, 'the folder beside the register').toEqual(before.outside);
  if (c.wrote) await c.wrote(dirs);
  else expect(after, 'nothing written or committed').toEqual(before);
}

// Each case has folders of its own, so they run side by side: most of a case is waiting for a
// child process.
for (const [group, cases] of Object.entries(CORPUS)) {
  describe.concurrent(group, () => {
    for (const c of cases) it(c.name, ({ expect }) => run(c, expect));
  });
}
