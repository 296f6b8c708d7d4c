import { describe, expect, it } from 'vitest';
import { check, rules } from '../helpers/register.js';
import * as r from '../helpers/records.js';

describe('fixtures', () => {
  it('every minimal record is valid', async () => {
    const result = await check(
      r.files(
        r.nc(),
        r.ca(),
        r.audit(),
        r.ofi(),
        r.incident(),
        r.change(),
        r.mrt(),
        r.objective(),
        r.lrc(),
        r.exception(),
      ),
    );
    expect(rules(result, 'error')).toEqual([]);
  });
});
