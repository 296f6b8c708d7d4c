// 9.3.2 f: risk assessment and treatment, as the policy exceptions: accepted risks, in force,
// awaiting decision, or ended in the period.
import { exception } from '../../domain/kinds/index.js';
import { hasFact, isLive } from '../../domain/queries.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { count, longDate } from '../format.js';
import type { Period } from './period.js';
import { recordColumns, section, table, type AgendaSection } from './section.js';

export function risksSection(register: Register, { nextReview, inPeriod }: Period): AgendaSection {
  const exceptions = entriesOf(register, exception).filter(
    (e) => isLive(exception, e.data.status) || inPeriod(e.data.expired_on) || inPeriod(e.data.revoked?.on),
  );
  const inForce = exceptions.filter((e) => hasFact(exception, e.data.status, 'in-force'));
  const expiring = inForce.filter((e) => e.data.expires_on !== undefined && e.data.expires_on <= nextReview);
  const awaiting = exceptions.filter((e) => hasFact(exception, e.data.status, 'awaiting-decision'));
  return section(
    'f',
    `${count(inForce.length, 'policy exception')} in force, ${expiring.length} expiring before the review after this one is due (${longDate(nextReview)}); ${awaiting.length} awaiting decision.`,
    exceptions.map((e) => e.data.id),
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
    ],
  );
}
