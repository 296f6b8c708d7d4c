// 9.3.2 f: risk assessment and treatment, as far as the register knows it: the policy exceptions
// (accepted risks, in force, awaiting decision, or ended in the period), and the risks of the
// organisation's own risk register that open nonconformities and changes name, the treatment of
// each in hand in those records.
import { change, exception, nc } from '../../domain/kinds/index.js';
import { hasFact, isLive, liveEntries } from '../../domain/queries.js';
import { compareIds, entriesOf, type Entry, type Register } from '../../domain/register.js';
import { count, longDate } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

type Naming = Entry<{ readonly risk_refs?: readonly string[] | undefined }>;

/** Risk references in the order a risk register numbers them: R-2 before R-014. */
const byReference = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Each risk the open NCs and changes name, in order, with the records naming it, in id order. */
function namedRisks(register: Register, { byEnd }: Period): [risk: string, records: Naming[]][] {
  const records: Naming[] = [
    ...liveEntries(register, nc).filter((e) => byEnd(e.data.raised_on)),
    ...liveEntries(register, change).filter((e) => byEnd(e.data.created)),
  ];
  const named = new Map<string, Naming[]>();
  for (const e of records.sort((a, b) => compareIds(a.data.id, b.data.id)))
    for (const risk of new Set(e.data.risk_refs ?? [])) named.set(risk, [...(named.get(risk) ?? []), e]);
  return [...named].sort(([a], [b]) => byReference(a, b));
}

export function risksSection(register: Register, period: Period): AgendaSection {
  const { nextReview, inPeriod, byEnd } = period;
  const exceptions = entriesOf(register, exception).filter(
    (e) =>
      (isLive(exception, e.data.status) && byEnd(e.data.requested_on)) ||
      inPeriod(e.data.expired_on) ||
      inPeriod(e.data.revoked?.on),
  );
  const inForce = exceptions.filter((e) => hasFact(exception, e.data.status, 'in-force'));
  const expiring = inForce.filter((e) => e.data.expires_on !== undefined && e.data.expires_on <= nextReview);
  const awaiting = exceptions.filter((e) => hasFact(exception, e.data.status, 'awaiting-decision'));
  const risks = namedRisks(register, period);
  const naming = [...new Set(risks.flatMap(([, records]) => records))].sort((a, b) => compareIds(a.data.id, b.data.id));
  return section(
    'f',
    `${count(inForce.length, 'policy exception')} in force, ${expiring.length} expiring before the review after this one is due (${longDate(nextReview)}); ${awaiting.length} awaiting decision; ${
      risks.length
        ? `${count(risks.length, 'risk')} named by ${count(naming.length, 'open nonconformity or change', 'open nonconformities and changes')}.`
        : 'no open nonconformity or change names a risk.'
    }`,
    [...exceptions, ...naming].map((e) => e.data.id),
    [
      table('Policy exceptions (accepted risks)', exceptions, [
        ...recordColumns('Exception'),
        ['Risk', 'risk', (e) => e.data.risk],
        ['State', 'status', (e) => e.data.status],
        [
          'Expires',
          'expires',
          (e) =>
            e.data.expires_on
              ? `${longDate(e.data.expires_on)}${expiring.includes(e) ? ' (before the review after this one)' : ''}`
              : '—',
        ],
      ]),
      table('Risks named by records', risks, [
        ['Risk', 'risk', ([risk]) => risk],
        ['Named by', 'records', ([, records]) => records.map((e) => `${e.data.id} (${e.data.status})`).join(', ')],
      ]),
    ],
  );
}
