import { describe, expect, it } from 'vitest';
import { clock } from '../../src/context.js';
import { daysBetween, isIsoDate, today } from '../../src/domain/dates.js';

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

describe('arithmetic at the ends of the calendar', () => {
  it('ends on the last day rather than run past it, so results still compare as dates', async () => {
    const { addDays, addMonths } = await import('../../src/domain/dates.js');
    expect(addDays('9999-11-01', 90)).toBe('9999-12-31');
    expect(addMonths('9999-06-30', 12)).toBe('9999-12-31');
    expect(addDays('1900-01-10', -30)).toBe('1900-01-01');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDays('2026-06-30', 30)).toBe('2026-07-30');
  });
});

describe('daysBetween', () => {
  it('counts calendar days across months, years and leap days, either way', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-29', '2026-03-29')).toBe(0);
  });
});
