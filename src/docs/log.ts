// The incident and corrective action log: every NC with its corrective actions, and every incident,
// as one table per kind (Markdown, HTML), one row per record (CSV) or nested data (JSON).
import { requirementId } from '../domain/fields.js';
import { ca, incident, nc } from '../domain/kinds/index.js';
import { deadline, passedDeadlines } from '../domain/queries.js';
import { compareIds, entriesOf, type Register } from '../domain/register.js';
import { csv } from './escape.js';
import { personName } from './format.js';

export interface LogAction {
  readonly id: string;
  readonly title: string;
  readonly action: string;
  /** The root cause it removes, when the action names it. */
  readonly addresses: string;
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
  /** What was done at once to correct it. */
  readonly correction: string;
  /** The cause found by the analysis. */
  readonly rootCause: string;
  readonly respondBy: string;
  readonly closeBy: string;
  /** The first close_by, when extensions moved it; '' when none did. */
  readonly extendedFrom: string;
  readonly closed: string;
  /** Why it was closed after close_by; '' when it was not. */
  readonly late: string;
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
      title: r.title,
      action: r.action,
      addresses: r.addresses ?? '',
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
        correction: r.correction?.action ?? '',
        rootCause: r.analysis?.root_cause ?? '',
        respondBy: deadline(register, e, 'correction')!,
        closeBy: deadline(register, e, 'closure')!,
        extendedFrom: r.extensions?.[0]?.from ?? '',
        closed: r.closed_on ?? r.withdrawn?.on ?? '',
        late: r.closed_late ?? '',
        overdue: passedDeadlines(register, e, asOf).length > 0,
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

/**
 * One row per NC, CA and incident, with the record each belongs to. For an NC, `correction_or_action`
 * is its correction and `root_cause` the cause its analysis found; for a CA, the action and the
 * root cause it removes.
 */
export function logCsv(model: LogModel): string {
  const columns: readonly (readonly [string, (row: Row) => string | boolean | undefined])[] = [
    ['record', (x) => x.id],
    ['kind', (x) => x.kind],
    ['belongs_to', (x) => x.belongsTo],
    ['title', (x) => x.title],
    ['grade_or_severity', (x) => x.grade],
    ['owner', (x) => x.owner],
    ['status', (x) => x.status],
    ['opened', (x) => x.opened],
    ['due', (x) => x.due],
    ['closed', (x) => x.closed],
    ['outcome', (x) => x.outcome],
    ['correction_or_action', (x) => x.done],
    ['root_cause', (x) => x.cause],
  ];
  const rows: Row[] = [
    ...model.ncs.flatMap((n) => [
      {
        id: n.id,
        kind: 'nc',
        title: n.title,
        grade: n.grade,
        owner: n.owner,
        status: n.status,
        opened: n.raised,
        due: n.closeBy,
        closed: n.closed,
        outcome: n.overdue ? 'overdue' : n.late ? `closed late: ${n.late}` : '',
        done: n.correction,
        cause: n.rootCause,
      },
      ...n.actions.map((a) => ({
        id: a.id,
        kind: 'ca',
        belongsTo: n.id,
        title: a.title,
        owner: a.owner,
        status: a.status,
        due: a.due,
        closed: a.implemented,
        outcome: a.effectiveness,
        done: a.action,
        cause: a.addresses,
      })),
    ]),
    ...model.incidents.map((i) => ({
      id: i.id,
      kind: 'incident',
      title: i.title,
      grade: i.severity,
      owner: i.owner,
      status: i.status,
      opened: i.occurred,
      closed: i.closed,
      outcome: i.outcome,
    })),
  ];
  return csv(
    columns.map(([header]) => header),
    rows.map((row) => columns.map(([, value]) => value(row))),
  );
}

/** A row of the CSV: the fields a record of any of the three kinds fills. */
interface Row {
  readonly id: string;
  readonly kind: string;
  readonly belongsTo?: string;
  readonly title: string;
  readonly grade?: string;
  readonly owner: string;
  readonly status: string;
  readonly opened?: string;
  readonly due?: string;
  readonly closed: string;
  readonly outcome: string;
  readonly done?: string;
  readonly cause?: string;
}
