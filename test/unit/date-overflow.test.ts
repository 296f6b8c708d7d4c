// The day of grace for event dates at the end of the calendar: judged as of 9999-12-31, the day
// after is past the last date cim reads, and no date of a record is after it.
import { describe, expect, it } from 'vitest';
import { check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const future = async (asOf: string, files = r.files(r.nc())) =>
  (await check(files, { asOf })).diagnostics.filter((d) => d.rule === 'date/future').map((d) => d.message);

describe('date/future at the end of the calendar', () => {
  it('as of 9999-12-31, nothing of 2026 is in the future', async () => {
    expect(await future('9999-12-31')).toEqual([]);
  });

  it('as of 9999-12-30, a date of 9999-12-31 is within the day of grace', async () => {
    expect(await future('9999-12-30', r.files(r.nc({ created: '9999-12-31', raised_on: '9999-12-31' })))).toEqual([]);
  });

  it('as of 9999-12-29, a date of 9999-12-31 is still reported', async () => {
    expect(await future('9999-12-29', r.files(r.nc({ created: '9999-12-31', raised_on: '9999-12-31' })))).toContain(
      'raised_on 9999-12-31 is after 9999-12-29: it records an event that has not happened yet',
    );
  });
});
