// `cim edit --set path=value` follows field names only: a path through an object's own
// machinery (__proto__, constructor, prototype) would change every object in cim.
import { afterEach, describe, expect, it } from 'vitest';
import { edit } from '../../src/commands/edit.js';
import type { Context } from '../../src/context.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
const probe = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // Undo what a failing case may have done, so one failure does not spread to the next test.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('cim edit paths', () => {
  it.each([
    ['--set __proto__.polluted=1', { set: ['__proto__.polluted=1'] }, '"__proto__" is not a field name'],
    ['--set notes.__proto__.polluted=1', { set: ['notes.__proto__.polluted=1'] }, '"__proto__" is not a field name'],
    ['--set constructor.prototype.polluted=1', { set: ['constructor.prototype.polluted=1'] }, '"constructor"'],
    ['--set source.prototype=x', { set: ['source.prototype=x'] }, '"prototype" is not a field name'],
    ['--unset __proto__.toString', { set: [], unset: ['__proto__.toString'] }, '"__proto__" is not a field name'],
    ['a bad path after a good one', { set: ['title=Fine', '__proto__.polluted=1'] }, '"__proto__"'],
    ['--set title..x=1', { set: ['title..x=1'] }, 'the path has an empty part'],
  ])('%s is refused with exit 2 before any object is touched', async (_, change, message) => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const head = await git(repo, 'rev-parse', 'HEAD');
    const error = (await edit({ id: 'NC-0001', ...change }, ctx(repo)).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toContain(message);
    expect(error.hint).toContain('cim schema');
    expect(probe().polluted).toBeUndefined();
    expect(typeof probe().toString).toBe('function');
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('a field whose name merely contains one of those words is still a field', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const result = await edit({ id: 'NC-0001', set: ['notes=See the constructor_prototype page'] }, ctx(repo));
    expect(result.data.notes).toBe('See the constructor_prototype page');
  });
});

describe('cim edit of a field a step records', () => {
  const verified = {
    status: 'verified',
    correction: { action: 'Ran it.', consequences: 'None.', date: '2026-01-12' },
    analysis: { method: '5-whys', root_cause: 'No owner.', similar: { exist: false, could_occur: false } },
    action_required: false,
    action_justification: 'A one-off.',
  };

  it('names the step when the record can still take it', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    const error = (await edit({ id: 'NC-0001', set: ['correction.action=x'] }, ctx(repo)).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(error.hint).toBe('use the step that records it: cim nc correct NC-0001');
  });

  it('names no step the record can no longer take', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc(verified)) });
    const error = (await edit({ id: 'NC-0001', set: ['analysis.root_cause=x'] }, ctx(repo)).catch(
      (e: unknown) => e,
    )) as UserError;
    expect(error.message).toBe('analysis.root_cause is set by the lifecycle, not by edit');
    expect(error.hint).not.toMatch(/cim nc analyse/);
    expect(error.hint).toMatch(/"analyse" step recorded it, and NC-0001 is verified now/);
  });

  it('names a field given twice once in the commit', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, ...r.files(r.nc()) });
    await edit({ id: 'NC-0001', set: ['owner=bob', 'owner=carol'] }, ctx(repo));
    expect(await git(repo, 'log', '-1', '--format=%s')).toBe(
      'nc(NC-0001): edit owner — Access reviews not performed\n',
    );
  });
});
