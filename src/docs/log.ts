// The incident and corrective action log: every NC with its corrective actions, and every incident,
// as one table per kind (Markdown, HTML), one row per record (CSV) or nested data (JSON).
import { requirementId } from '../domain/fields.js';
import { ca, incident, nc } from '../domain/kinds/index.js';
import { entriesOf, type Register } from '../domain/register.js';
import { ncDeadlines } from '../domain/validate/compliance.js';
import { compareIds } from '../commands/list.js';
import { csv } from './escape.js';
import { personName } from './format.js';

export interface LogAction {
  readonly id: string;
  readonly action: string;
  readonly owner: string;
  readonly status: string;
  readonly due: string;
  readonly implemented: string;
  readonly effectiveness: string;
}

export interface LogNc {
  readonly id: string;
  readonly title: string;
  readonly grade: string;
  readonly source: string;
  readonly requirement: string;
  readonly area: string;
  readonly owner: string;
  readonly status: string;
  readonly raised: string;
  readonly respondBy: string;
  readonly closeBy: string;
  readonly closed: string;
  readonly overdue: boolean;
  readonly actions: readonly LogAction[];
}

export interface LogIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly owner: string;
  readonly status: string;
  readonly occurred: string;
  readonly closed: string;
  readonly outcome: string;
}

export interface LogModel {
  readonly organisation: string;
  readonly title: string;
  readonly asOf: string;
  readonly ncs: readonly LogNc[];
  readonly incidents: readonly LogIncident[];
}

export function logModel(register: Register, asOf: string): LogModel {
  const name = (p: string | undefined) => (p ? personName(register, p) : '');
  const actions = new Map<string, LogAction[]>();
  for (const e of [...entriesOf(register, ca)].sort((a, b) => compareIds(a.data.id, b.data.id))) {
    const r = e.data;
    const list = actions.get(r.nc) ?? [];
    list.push({
      id: r.id,
      action: r.action,
      owner: name(r.owner),
      status: r.status,
      due: r.due,
      implemented: r.implemented_on ?? '',
      effectiveness: r.effectiveness ? `${r.effectiveness.result} (${r.effectiveness.reviewed_on})` : '',
    });
    actions.set(r.nc, list);
  }
  const ncs = [...entriesOf(register, nc)]
    .sort((a, b) => compareIds(a.data.id, b.data.id))
    .map((e) => {
      const r = e.data;
      const { respondBy, closeBy } = ncDeadlines(register, r);
      const done = r.status === 'closed' || r.status === 'withdrawn';
      return {
        id: r.id,
        title: r.title,
        grade: r.grade,
        source: r.source.ref ?? r.source.type,
        requirement: r.requirement.map(requirementId).join(', '),
        area: register.config.areas.find((a) => a.id === r.area)?.name ?? r.area,
        owner: name(r.owner),
        status: r.status,
        raised: r.raised_on,
        respondBy,
        closeBy,
        closed: r.closed_on ?? r.withdrawn?.on ?? '',
        overdue: !done && (closeBy < asOf || (r.status === 'open' && respondBy < asOf)),
        actions: actions.get(r.id) ?? [],
      };
    });
  const incidents = [...entriesOf(register, incident)]
    .sort((a, b) => compareIds(a.data.id, b.data.id))
    .map((e) => {
      const r = e.data;
      return {
        id: r.id,
        title: r.title,
        severity: r.severity,
        owner: name(r.owner),
        status: r.status,
        occurred: r.occurred_on,
        closed: r.closed_on ?? '',
        outcome: r.improvement
          ? r.improvement.raised?.length
            ? `raised ${r.improvement.raised.join(', ')}`
            : `nothing raised: ${r.improvement.none ?? ''}`
          : '',
      };
    });
  return {
    organisation: register.config.organisation,
    title: 'Incident and corrective action log',
    asOf,
    ncs,
    incidents,
  };
}

/** One row per NC, CA and incident, with the record each belongs to. */
export function logCsv(model: LogModel): string {
  const header = [
    'record',
    'kind',
    'belongs_to',
    'title',
    'grade_or_severity',
    'owner',
    'status',
    'opened',
    'due',
    'closed',
    'outcome',
  ];
  const rows = [
    ...model.ncs.flatMap((n) => [
      [n.id, 'nc', '', n.title, n.grade, n.owner, n.status, n.raised, n.closeBy, n.closed, n.overdue ? 'overdue' : ''],
      ...n.actions.map((a) => [
        a.id,
        'ca',
        n.id,
        a.action,
        '',
        a.owner,
        a.status,
        '',
        a.due,
        a.implemented,
        a.effectiveness,
      ]),
    ]),
    ...model.incidents.map((i) => [
      i.id,
      'incident',
      '',
      i.title,
      i.severity,
      i.owner,
      i.status,
      i.occurred,
      '',
      i.closed,
      i.outcome,
    ]),
  ];
  return csv(header, rows);
}
