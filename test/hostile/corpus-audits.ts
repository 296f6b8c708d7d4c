// Hostile-corpus cases for the audit programme and its auditors: settings in cim.yaml that say
// nothing true (a clause written as a number, training that lapses before it was done, a day's
// fieldwork worth a billion days), and internal audits planned so that no one could judge their
// auditors' objectivity.
import { stringify } from 'yaml';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
// Only types are taken from corpus.ts: it imports this file, so its constants are not yet set
// when this one runs.
import type { HostileCase } from './corpus.js';

const VALIDATE = ['validate', '--as-of', '2026-06-30'];
const TODAY = { CIM_TODAY: '2026-06-30' };
const config = (extra: Record<string, unknown>) => ({ 'cim.yaml': stringify({ ...BASE_CONFIG, ...extra }) });
const PLAN = [
  '--no-input', 'audit', 'plan', '--title', 'Internal audit', '--type', 'internal', '--scope', 'IT',
  '--planned', '2026-09', '--owner', 'alice',
]; // prettier-ignore

export const AUDITS_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'audit programme settings that say nothing true': [
    {
      name: 'an area owns a clause written as a number',
      files: config({ areas: [{ id: 'it', name: 'IT', owner: 'alice', owns: [7.2] }, BASE_CONFIG.areas[1]] }),
      args: VALIDATE,
      code: 1,
      says: ['schema/requirement-number', 'areas[0].owns[0]', 'quote it: "7.2"'],
    },
    {
      name: 'an area owns a clause ISO 27001 does not have',
      files: config({ areas: [{ id: 'it', name: 'IT', owner: 'alice', owns: ['11'] }, BASE_CONFIG.areas[1]] }),
      args: VALIDATE,
      code: 1,
      says: ['ref/requirement', '11 is not an ISO 27001:2022 clause or Annex A control'],
    },
    {
      name: 'training that lapses before it was completed',
      files: config({
        people: BASE_CONFIG.people.map((p) =>
          p.id === 'bob'
            ? {
                ...p,
                competence: [
                  { course: 'Auditor course', date: '2026-03-01', evidence: 'TR-1', expires_on: '2025-03-01' },
                ],
              }
            : p,
        ),
      }),
      args: VALIDATE,
      code: 1,
      says: [
        'date/order',
        "bob's competence (Auditor course) lapses on 2025-03-01, before it was completed on 2026-03-01",
      ],
    },
    {
      name: 'a billion fieldwork days a clause',
      files: config({ audit_programme: { days_per_group: 1e9 } }),
      args: VALIDATE,
      code: 1,
      says: ['schema/too-big', 'audit_programme.days_per_group must be a number of days from 0 to 30'],
    },
    {
      name: 'a stage 2 on a day the calendar has not',
      files: config({ certification: { stage2_on: '2026-02-30' } }),
      args: VALIDATE,
      code: 1,
      says: ['schema/date', 'certification.stage2_on "2026-02-30" is not a real calendar date'],
    },
  ],
  'internal audits no one could judge the objectivity of': [
    {
      name: 'an internal audit with an empty list of areas, and no owner of its criteria',
      files: { 'audits/AUD-0001.yaml': stringify(r.audit({ areas: [] })[1]) },
      args: VALIDATE,
      code: 1,
      says: ['audit/areas', 'AUD-0001 is an internal audit that names no area it audits', '--areas'],
    },
    {
      name: 'cim audit plan of an internal audit with no --areas is refused, and writes nothing',
      args: [...PLAN, '--criteria', '9.2', '--lead-auditor', 'bob'],
      env: TODAY,
      code: 1,
      says: ['names no area it audits', 'areas[].owns'],
    },
    {
      name: 'cim audit plan with the ISMS manager leading an audit of clause 9',
      args: [...PLAN, '--criteria', '9', '--areas', 'hr', '--lead-auditor', 'alice'],
      env: TODAY,
      code: 1,
      says: [
        'lead auditor alice is the ISMS manager',
        'lead auditor alice of AUD-0001 does not hold the internal-auditor role',
      ],
    },
  ],
};
