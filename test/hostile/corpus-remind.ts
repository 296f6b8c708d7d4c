// Hostile cases for cim remind: what people wrote trying to become markup in an issue body, or
// properties of its own in a calendar feed, and options and registers it cannot work with.
import { stringify } from 'yaml';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import type { HostileCase } from './corpus.js';

const AS_OF = '2026-06-30';
const REMIND = ['remind', '--as-of', AS_OF] as const;

/** A held review whose one open action, Alice's, was written as `text`. */
const review = (text: string) => {
  const [file, data] = r.heldMrt({
    actions: [{ ref: 'A1', text, owner: 'alice', due: '2026-06-25', status: 'open' }],
  });
  return { [file]: data };
};

const withAlice = (person: Record<string, unknown>) =>
  stringify({ ...BASE_CONFIG, people: BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, ...person } : p)) });

export const REMIND_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'cim remind': [
    {
      name: 'an action written to end its event and forge another in the calendar feed',
      files: review('Check it.\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged\nDTSTART:20260101'),
      args: [...REMIND, '--format', 'ics'],
      code: 0,
      says: ['BEGIN:VCALENDAR', 'UID:MRT-0001.management-review-action-a1@test-co.cim'],
      never: [/^SUMMARY:forged/m, /^DTSTART:2026/m, /^END:VEVENT\r?\nBEGIN:VEVENT\r?\nSUMMARY:forged/m],
    },
    {
      name: 'a name with double quotes, which a calendar parameter cannot hold',
      files: {
        'cim.yaml': withAlice({ name: 'Alice "Admin" Example', email: 'alice@example.com' }),
        ...review('Do it.'),
      },
      args: [...REMIND, '--format', 'ics'],
      code: 0,
      says: [`ORGANIZER;CN="Alice 'Admin' Example":mailto:alice@example.com`],
      never: ['CN="Alice "Admin'],
    },
    {
      name: 'an action written as HTML and a script link, for an issue body',
      files: review('<img src=x onerror=alert(1)> [click](javascript:alert(1))'),
      args: [...REMIND, '--format', 'markdown'],
      code: 0,
      says: ['\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))'],
      never: [/(^|[^\\])<img/, /(^|[^\\])\[click\]\(/],
    },
    {
      name: '--days more than ten years ahead',
      args: [...REMIND, '--days', '99999'],
      code: 2,
      says: ['cim: --days 99999 is not a number of days', 'give a whole number from 0 to 3660'],
    },
    {
      name: 'an unknown format',
      args: [...REMIND, '--format', 'pdf'],
      code: 2,
      says: ["argument 'pdf' is invalid", 'text, markdown, json, ics'],
    },
    {
      name: 'a record that does not parse: the rest are listed, and the missing one is warned of',
      files: { 'actions/CA-0001.yaml': 'id: CA-0001\ntitle: [typo\n', ...review('Do it.') },
      args: [...REMIND],
      code: 0,
      says: ['MRT-0001  Management review action A1', 'The register has 1 validation error'],
    },
    {
      name: 'a cim.yaml it cannot read',
      files: { 'cim.yaml': stringify({ ...BASE_CONFIG, people: 'everyone' }) },
      args: [...REMIND, '--json'],
      code: 2,
      says: ['cim: cim.yaml is not valid'],
    },
  ],
};
