// Hostile cases for the minutes and the d1 charts: markup in an area's name and in a record's title
// reaches the SVG labels and the tables as text, never as markup; a review with no meeting has no
// minutes.
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
// Only types are taken from corpus.ts: it imports this file, so its constants are not yet set.
import type { HostileCase } from './corpus.js';

const AS_OF = ['--as-of', '2026-06-30'] as const;
const MARKUP = '</text></svg><script>alert(1)</script><img src=x onerror=alert(2)>';

const HOSTILE_AREA = {
  ...BASE_CONFIG,
  areas: BASE_CONFIG.areas.map((a) => (a.id === 'it' ? { ...a, name: `IT ${MARKUP}` } : a)),
};

/** A review held after the base register's NC was raised, presenting it. */
const HELD = Object.fromEntries([
  r.heldMrt({
    held_on: '2026-03-01',
    items: ['NC-0001'],
    inputs: { ...r.ALL_INPUTS, d1: { notes: 'NC-0001 was reported.', items: ['NC-0001'] } },
  }),
]);

export const MINUTES_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'minutes and the d1 charts': [
    {
      name: 'an area whose name is markup, drawn in the HTML minutes',
      files: { 'cim.yaml': HOSTILE_AREA, ...HELD },
      args: ['minutes', 'MRT-0001', '--format', 'html', ...AS_OF],
      code: 0,
      // The label in the SVG is cut, and so told from the table's cell.
      says: ['>IT &lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(1…</text>', 'role="img"'],
      never: ['<script', '<img', '</svg><script'],
    },
    {
      name: 'a nonconformity whose title is markup, presented in the HTML minutes',
      files: {
        ...HELD,
        'nonconformities/NC-0001.yaml': r.nc({ title: `Access ${MARKUP}` })[1],
      },
      args: ['minutes', 'MRT-0001', '--format', 'html', ...AS_OF],
      code: 0,
      says: ['Access &lt;/text&gt;'],
      never: ['<script', '<img'],
    },
    {
      name: 'the minutes of a review that is only scheduled',
      files: Object.fromEntries([r.mrt()]),
      args: ['minutes', 'MRT-0001', ...AS_OF],
      code: 2,
      says: ['MRT-0001 has not been held yet (it is scheduled), so it has no minutes', 'cim mrt hold MRT-0001'],
      never: [/\n\s+at /],
    },
  ],
};
