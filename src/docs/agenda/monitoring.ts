// 9.3.2 d2: monitoring and measurement results, as the policy compliance findings as of the meeting
// and the incidents of the period by severity.
import type { Diagnostic } from '../../domain/diagnostics.js';
import { incident } from '../../domain/kinds/index.js';
import { entriesOf, type Register } from '../../domain/register.js';
import { isPolicyRule } from '../../domain/validate/rule-ids.js';
import { count, longDate, trend } from '../format.js';
import { incidentsIn } from './issues.js';
import type { Period } from './period.js';
import { section, table, type AgendaSection } from './section.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export function monitoringSection(
  register: Register,
  period: Period,
  diagnostics: readonly Diagnostic[],
): AgendaSection {
  const { asOf, since, previous, inPrior } = period;
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics)
    if (d.severity === 'warning' && isPolicyRule(d.rule)) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  const incidents = incidentsIn(register, period);
  const all = entriesOf(register, incident);
  const incidentsBefore = all.filter((e) => inPrior(e.data.occurred_on)).length;
  return section(
    'd2',
    `${count([...byRule.values()].flat().length, 'policy compliance finding')} as of ${longDate(asOf)}; ${count(incidents.length, 'incident')} ${since}${previous ? ` (${trend(incidents.length, incidentsBefore)} on the previous period)` : ''}.`,
    [],
    [
      table(
        'Policy compliance findings',
        [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        [
          ['Check', 'rule', ([rule]) => rule],
          ['Findings', 'n', ([, ds]) => String(ds.length)],
          ['For example', 'example', ([, ds]) => ds[0]!.message],
        ],
      ),
      table('Incidents by severity', SEVERITIES, [
        ['Severity', 'severity', (s) => s],
        ['This period', 'now', (s) => String(incidents.filter((e) => e.data.severity === s).length)],
        [
          'Previous period',
          'before',
          (s) =>
            previous ? String(all.filter((e) => e.data.severity === s && inPrior(e.data.occurred_on)).length) : '—',
        ],
      ]),
    ],
  );
}
