// Shell completion end to end: the built cim's callback reading a real register, the scripts it
// prints, and bash itself running the bash script's completion function.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, testEnv } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { nc } from '../helpers/records.js';
import { BASE_CONFIG } from '../helpers/register.js';

const run = promisify(execFile);

let dir: string;

beforeAll(async () => {
  dir = await gitRepo({
    'cim.yaml': BASE_CONFIG,
    ...Object.fromEntries([
      nc({ status: 'open' }, 'NC-0001'),
      nc({ status: 'verified' }, 'NC-0002'),
      nc({ status: 'closed' }, 'NC-0003'),
      nc({ status: 'analysed', title: 'Patches\tlate\nagain' }, 'NC-0004'),
    ]),
  });
});

/** The values of the callback's answer, and its directive. */
function parsed(stdout: string): { values: string[]; directive: string } {
  const lines = stdout.trimEnd().split('\n');
  return { values: lines.slice(0, -1).map((l) => l.split('\t')[0]!), directive: lines.at(-1)! };
}

describe('cim complete', () => {
  it('offers only the NCs close can take, reading the register it is started in', async () => {
    const r = await runCli(['complete', '--', 'nc', 'close', ''], { cwd: join(dir, 'nonconformities') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(parsed(r.stdout)).toEqual({ values: ['NC-0002', 'NC-0004'], directive: ':4' });
    // A title stays on its candidate's line.
    expect(r.stdout).toContain('NC-0004\tanalysed: Patches late again\n');
  });

  it('honours -C on the line, and leaves final records out of edit', async () => {
    const r = await runCli(['complete', '--', '-C', dir, 'edit', '']);
    expect(parsed(r.stdout).values).toEqual(['NC-0001', 'NC-0002', 'NC-0004']);
  });

  it('offers people with their names, then flags', async () => {
    const people = await runCli(['complete', '--', '-C', dir, 'nc', 'open', '--owner', '']);
    expect(people.stdout).toBe('alice\tAlice Example\nbob\tBob Example\ncarol\tCarol Example\n:4\n');
    const flags = await runCli(['complete', '--', 'nc', 'correct', 'NC-0001', '--']);
    expect(parsed(flags.stdout).values).toEqual([
      '--action',
      '--consequences',
      '--date',
      '--allow-future',
      '--dry-run',
      '--no-commit',
      '--help',
    ]);
  });

  it('says nothing on a register it cannot read, and writes nothing to one it can', async () => {
    const r = await runCli(['complete', '--', '-C', join(dir, 'missing'), 'show', '']);
    expect(r).toEqual({ code: 0, stdout: ':4\n', stderr: '' });
    expect(await git(dir, 'status', '--porcelain', '--ignored')).toBe('');
    expect(existsSync(join(dir, '.git', 'cim-parse-cache.json'))).toBe(false);
  });
});

describe('cim completion', () => {
  it.each([
    ['bash', 'complete -F __cim_complete cim'],
    ['zsh', '#compdef cim'],
    ['fish', 'complete -c cim'],
  ])('prints the %s script', async (shell, line) => {
    const r = await runCli(['completion', shell]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(line);
    expect(r.stdout).toContain('cim complete -- ');
  });

  it('refuses another shell as a usage error', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid.*Allowed choices are bash, zsh, fish/);
  });

  it('lists completion in the help, and not the callback', async () => {
    const help = (await runCli(['--help'])).stdout;
    expect(help).toMatch(/^ {2}completion /m);
    expect(help).not.toMatch(/^ {2}complete /m);
  });
});

describe('the bash script in bash', () => {
  let script: string;
  let path: string;
  let spaced: string;

  beforeAll(async () => {
    const bin = await mkdtemp(join(tmpdir(), 'cim-bin-'));
    await symlink(BIN, join(bin, 'cim'));
    path = `${bin}:${process.env.PATH}`;
    script = join(bin, 'cim.bash');
    await writeFile(script, (await runCli(['completion', 'bash'])).stdout);
    // The register again, under a folder name with a space in it.
    await mkdir(join(bin, 'my registers'));
    spaced = join(bin, 'my registers', 'reg');
    await symlink(dir, spaced);
  });

  /** COMPREPLY after TAB, the words given as bash has them in COMP_WORDS (quotes kept). */
  async function reply(cwd: string, ...words: string[]): Promise<string[]> {
    const { stdout } = await run(
      'bash',
      [
        '--norc',
        '-c',
        'source "$0"; COMP_WORDS=(cim "$@"); COMP_CWORD=$#; __cim_complete; printf "%s\\n" "${COMPREPLY[@]}"',
        script,
        ...words,
      ],
      { cwd, env: { ...(await testEnv()), PATH: path } },
    );
    return stdout.split('\n').filter(Boolean);
  }

  it('completes the ids close takes', async () =>
    expect(await reply(dir, 'nc', 'close', '')).toEqual(['NC-0002', 'NC-0004']));
  it('completes a prefix of a command', async () => expect(await reply(dir, 'comp')).toEqual(['completion']));
  it('reads the register -C names, quoted with a space in it', async () =>
    expect(await reply(tmpdir(), '-C', `"${spaced}"`, 'nc', 'correct', '')).toEqual(['NC-0001']));
  it('completes a value right after --format=', async () =>
    expect(await reply(dir, 'validate', '--format', '=')).toEqual([
      '=text',
      '=json',
      '=github',
      '=gitlab',
      '=junit',
      '=sarif',
      '=markdown',
    ]));
  it('completes folders after -C', async () => expect(await reply(dir, '-C', 'nonc')).toEqual(['nonconformities']));

  const fish = ['/usr/bin/fish', '/bin/fish'].some((f) => existsSync(f));
  it.skipIf(!fish)('fish completes the same ids with its own script', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'cim-fish-')), 'cim.fish');
    await writeFile(file, (await runCli(['completion', 'fish'])).stdout);
    const { stdout } = await run(
      'fish',
      ['--no-config', '-c', `source $argv[1]; complete --do-complete "cim nc close "`, file],
      {
        cwd: dir,
        env: { ...(await testEnv()), PATH: path },
      },
    );
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['NC-0002', 'NC-0004']);
  });
});

describe.each(['zsh', 'fish'])('the %s script', (shell) => {
  const installed = existsSync(`/usr/bin/${shell}`) || existsSync(`/bin/${shell}`);
  it.skipIf(!installed)('is valid syntax for the shell', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'cim-script-')), `cim.${shell}`);
    await writeFile(file, (await runCli(['completion', shell])).stdout);
    await expect(run(shell, ['-n', file])).resolves.toBeDefined();
  });
});
