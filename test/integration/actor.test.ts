// Inputs that default to the person running the command ("default: you"): when the git identity
// is nobody in cim.yaml, cim says so instead of only calling the value missing.
import { describe, expect, it } from 'vitest';
import { step, type StepOptions } from '../../src/commands/step.js';
import type { Context } from '../../src/context.js';
import type { Input } from '../../src/domain/inputs.js';
import { UserError } from '../../src/errors.js';
import { gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-06-30T12:00:00Z') });
/** The repository commits as Test User <test@example.com>; nobody in BASE_CONFIG has that name or email. */
const UNMATCHED = 'your git identity (Test User <test@example.com>) matches no person in cim.yaml';
const open: StepOptions = {
  kind: 'nc',
  verb: 'open',
  values: {
    title: 'Door propped open',
    grade: 'minor',
    'source-type': 'self-identified',
    requirement: 'A.7.2',
    area: 'it',
    owner: 'bob',
    description: 'The server room door was propped open.',
  },
};

describe('"default: you" when the git identity is nobody in cim.yaml', () => {
  it('says so in the error of a run that may not prompt, naming the flag', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG });
    const error = (await step(open, ctx(repo)).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`missing --raised-by: ${UNMATCHED}`);
    expect(error.hint).toBe('add your email to a person in cim.yaml, or give --raised-by');
  });

  it('names the other missing flags too', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG });
    const values = Object.fromEntries(Object.entries(open.values).filter(([flag]) => flag !== 'grade'));
    const error = (await step({ ...open, values }, ctx(repo)).catch((e: unknown) => e)) as UserError;
    expect(error.message).toBe(`missing --grade, --raised-by: ${UNMATCHED}`);
    expect(error.hint).toContain('add your email to a person in cim.yaml, or give --raised-by');
  });

  it('says so in the prompt', async () => {
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG });
    const asked: Input[] = [];
    const ask = (input: Input) => (asked.push(input), Promise.resolve('alice'));
    const result = await step({ ...open, ask }, ctx(repo));
    expect(asked.map((i) => i.flag)).toEqual(['raised-by']);
    expect(asked[0]!.description).toContain(UNMATCHED);
    expect(result.data.raised_by).toBe('alice');
  });

  it('fills in the person whose email matches, asking nothing', async () => {
    const people = BASE_CONFIG.people.map((p) => (p.id === 'carol' ? { ...p, email: 'test@example.com' } : p));
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people } });
    const result = await step({ ...open, ask: () => Promise.reject(new Error('asked')) }, ctx(repo));
    expect(result.data.raised_by).toBe('carol');
  });
});
