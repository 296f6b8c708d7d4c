import { describe, expect, it } from 'vitest';
import { clock } from '../../src/context.js';
import { isIsoDate, today } from '../../src/domain/dates.js';

describe('isIsoDate', () => {
  it.each(['2026-06-30', '2024-02-29', '1900-01-01', '9999-12-31'])('accepts %s', (d) =>
    expect(isIsoDate(d)).toBe(true),
  );
  it.each([
    '2026-13-01',
    '2026-00-10',
    '2027-01-32',
    '2026-02-29',
    '2026-04-31',
    '1899-12-31',
    '0000-01-01',
    '10000-01-01',
    '2026-6-30',
    '2026-06-30T00:00',
    '',
  ])('refuses %s, without throwing', (d) => expect(isIsoDate(d)).toBe(false));
});

describe('clock (CIM_TODAY)', () => {
  it('is that day, whatever the time zone', () => expect(today(clock('2024-03-01'))).toBe('2024-03-01'));
  it('refuses a date that does not exist, naming the variable', () =>
    expect(() => clock('2024-13-01')).toThrow(/CIM_TODAY=2024-13-01 is not a date/));
  it('is the real clock when unset', () =>
    expect(Math.abs(clock(undefined).getTime() - Date.now())).toBeLessThan(5000));
});
