import { describe, expect, it } from 'vitest';
import { documentAsOf, sourceDate } from '../../src/context.js';
import { ExitCode, UserError } from '../../src/errors.js';

const at = (value: string | undefined) => sourceDate({ SOURCE_DATE_EPOCH: value });

describe('SOURCE_DATE_EPOCH', () => {
  it.each([
    ['0', '1970-01-01'],
    ['1782862200', '2026-06-30'], // 23:30 UTC: the day in UTC, not where the machine is
    ['1782864000', '2026-07-01'],
    ['253402300799', '9999-12-31'],
  ])('%s is the day %s', (value, day) => expect(at(value)).toBe(day));

  it.each([undefined, ''])('unset (%j) leaves the date to --as-of or today', (value) =>
    expect(at(value)).toBeUndefined(),
  );

  it.each(['yesterday', '-1', '1.5', '1e9', ' 1782862200', '0x10', '253402300800', '9'.repeat(16)])(
    'refuses %j as a usage error naming the variable and the fix',
    (value) => {
      let error: unknown;
      try {
        at(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      const e = error as UserError;
      expect(e.message).toBe(`SOURCE_DATE_EPOCH=${value} is not a time cim can date a document by`);
      expect(e.hint).toContain('seconds since 1970-01-01 UTC');
      expect(e.hint).toContain('--as-of');
      expect(e.exitCode).toBe(ExitCode.Usage);
    },
  );

  it('gives way to an explicit --as-of, which is used even when the variable is malformed', () => {
    expect(documentAsOf('2026-06-30', { SOURCE_DATE_EPOCH: '1803859200' })).toBe('2026-06-30');
    expect(documentAsOf('2026-06-30', { SOURCE_DATE_EPOCH: 'garbage' })).toBe('2026-06-30');
    expect(documentAsOf(undefined, { SOURCE_DATE_EPOCH: '1803859200' })).toBe('2027-03-01');
    expect(documentAsOf(undefined, {})).toBeUndefined();
  });
});
