// What cim says when git, a flag or a date goes wrong in a way that gave a poor message: a commit
// hook that fails in silence, an unknown option of a verb, a date at the end of the calendar.
// Run `npm run build` first.
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const CRASH = /^\s+at |internal error|\b(Type|Range)Error\b/m;
const PROPOSE = [
  'ofi',
  'propose',
  '--title',
  'Automate reminders',
  '--source-type',
  'self-identified',
  '--description',
  'Send reminders for reviews.',
  '--benefit',
  'Fewer missed reviews.',
  '--owner',
  'alice',
];

async function withHook(name: string, where = '.git/hooks'): Promise<string> {
  const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
  await mkdir(join(repo, where), { recursive: true });
  await writeFile(join(repo, where, name), '#!/bin/sh\nexit 1\n');
  await chmod(join(repo, where, name), 0o755);
  return repo;
}

describe('a commit hook that fails without a word', () => {
  it('commit-msg: cim says git refused the commit, names the hook and how to see it (exit 2)', async () => {
    const repo = await withHook('commit-msg');
    const { code, stderr } = await runCli(PROPOSE, { cwd: repo });
    expect(stderr).not.toMatch(CRASH);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `cim: git commit failed, and git gave no reason: the commit-msg hook ${join(repo, '.git/hooks/commit-msg')} stopped it`,
    );
    expect(stderr).toContain('hint: run `git commit` by hand to see it fail, or read the hook');
    expect(stderr).not.toContain('the git problem above');
    expect(await readdir(join(repo, 'improvements')).catch(() => [])).toEqual([]);
    expect((await git(repo, 'log', '--format=%s')).trim()).toBe('initial');
  });

  it('pre-commit under core.hooksPath: the hook is found where git looks for it', async () => {
    const repo = await withHook('pre-commit', 'hooks');
    await git(repo, 'config', 'core.hooksPath', 'hooks');
    const { code, stderr } = await runCli(PROPOSE, { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toContain(`the pre-commit hook ${join(repo, 'hooks/pre-commit')} stopped it`);
  });
});

describe('a verb given an option it does not take', () => {
  it.each([
    [['nc', 'open', '--bogus'], 'cim nc open --help'],
    [['audit', 'report', 'AUD-0001', '--findings', '[]'], 'cim audit report --help'],
    [['audit', 'finding', 'AUD-0001', '--type', 'minor', '--statement', 'x', '--bogus'], 'cim audit finding --help'],
  ])('cim %j names the help of that verb (exit 2)', async (args, help) => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG });
    const { code, stderr } = await runCli(args, { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `error: unknown option '${args.find((a) => a.startsWith('--') && a !== '--type' && a !== '--statement')!}'`,
    );
    expect(stderr).toContain(`(run ${help} for its options)`);
    expect(stderr).not.toContain('for the verbs');
  });

  it('an unknown verb still names the kind’s help, which lists the verbs', async () => {
    const { code, stderr } = await runCli(['nc', 'bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('(run cim nc --help for the verbs)');
  });
});

describe('wording', () => {
  it('cim renumber to an id of another kind: "is not an incident id"', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.incident()) });
    const { code, stderr } = await runCli(['renumber', 'INC-0001', 'NC-0009'], { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toContain('NC-0009 is not an incident id');
  });

  it.each([
    ['ofi', 'propose', 'source-type', 'self-identified'],
    ['nc', 'open', 'grade', 'minor'],
    ['incident', 'report', 'severity', 'critical'],
    ['lrc', 'identify', 'source-type', 'contract'],
  ])('cim %s %s --help lists the values of --%s once', async (kind, verb, flag, value) => {
    const { code, stdout } = await runCli([kind, verb, '--help']);
    expect(code).toBe(0);
    const option = stdout.slice(stdout.indexOf(`--${flag} `)).split(/\n {2}--/)[0]!;
    expect(option.split(value).length - 1, option).toBe(1);
    expect(option).not.toContain('one of:');
  });
});

describe('git as the person running cim has it', () => {
  it('an editor, a pager and settings in the environment are theirs to have: cim commits with them', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const res = await runCli(['edit', 'NC-0001', '--set', 'title=Door left open'], {
      cwd: repo,
      env: {
        EDITOR: 'vi',
        PAGER: 'less',
        GIT_SSH_COMMAND: 'ssh',
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: 'core.pager',
        GIT_CONFIG_VALUE_0: 'less',
        GIT_CONFIG_KEY_1: 'gpg.program',
        GIT_CONFIG_VALUE_1: 'gpg',
      },
    });
    expect(res.stderr).toContain('NC-0001: edited title — committed');
    expect(res.code).toBe(0);
    expect(await git(repo, 'log', '-1', '--format=%s')).toContain('nc(NC-0001): edit title');
  });

  it('a command that needs git says it cannot run git and how to fix that (exit 2), not a crash', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const empty = await mkdtemp(join(tmpdir(), 'cim-no-git-'));
    for (const args of [
      ['validate', '--history'],
      ['edit', 'NC-0001', '--set', 'title=Door left open'],
    ]) {
      const res = await runCli(args, { cwd: repo, env: { PATH: empty } });
      expect(res.stderr).toContain('cannot run git: it is not installed, or not on the PATH');
      expect(res.stderr).not.toContain('bug in cim');
      expect(res.code).toBe(2);
    }
  });
});
