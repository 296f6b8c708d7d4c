import { it } from 'vitest';
import { cp } from 'node:fs/promises';
import { tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';
it('mk', async () => {
  const root = await tempRegister(r.files(
    r.nc(),
    r.ca(),
    r.heldMrt(),
    r.nc({ status: 'closed', correction: { action: 'Ran the review.', consequences: 'None found.', date: '2026-01-12' }, analysis: { method: '5-whys', root_cause: 'No reminder existed.', similar: { exist: false, could_occur: false } }, action_required: false, action_justification: 'One-off miss.', reviewed_in: 'MRT-0001', closed_by: 'carol', closed_on: '2026-03-02' }, 'NC-0002'),
  ));
  await cp(root, '/tmp/cimsmall', { recursive: true });
});
