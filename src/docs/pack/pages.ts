// The models of the pack's own pages: the index, a page per record and the validation report.
// Pure: the command reads the register, its history and its evidence files and hands them here.
import type { Diagnostic } from '../../domain/diagnostics.js';
import type { Change } from '../../domain/history.js';
import { KINDS } from '../../domain/kinds/index.js';
import { referencesTo } from '../../domain/links.js';
import { compareIds, entriesOf, type Entry, type Register } from '../../domain/register.js';
import { fieldRows, linkTo, recordPage, shown, type Depth } from './site.js';

/** A step of a record's history, as `cim log ID` finds it. */
export interface HistoryStep {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  readonly action: string;
  readonly from?: string;
  readonly to?: string;
  readonly changes: readonly Change[];
  readonly renumberedFrom?: string;
  readonly renumberedTo?: string;
}

/** An attachment as found when the pack was built: copied (its SHA-256 as found), or why not. */
export interface AttachmentFound {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly added_on: string;
  readonly added_by: string;
  readonly note?: string;
  /** Whether the file is in the pack, under the same path. */
  readonly copied: boolean;
  /** What is wrong with it: missing, not a plain file, or changed since it was attached. */
  readonly problem?: string;
}

export interface DocumentLink {
  /** From the pack's top: `documents/policy.html`. */
  readonly path: string;
  readonly title: string;
}

const byId = (a: Entry, b: Entry) => compareIds(a.data.id, b.data.id);

/** The record page's model. */
export function recordModel(
  register: Register,
  entry: Entry,
  history: readonly HistoryStep[],
  attachments: readonly AttachmentFound[],
  outgoing: ReadonlyMap<string, readonly { id: string; field: string }[]>,
) {
  const titled = (id: string, field: string) => ({
    id,
    field,
    title: register.byId.get(id)?.data.title ?? '',
    href: linkTo(recordPage(id), 'folder'),
  });
  const refersTo = (outgoing.get(entry.data.id) ?? []).map((r) => titled(r.id, r.field));
  const referredBy = referencesTo(register, entry.data.id).map((b) => titled(b.id, b.field));
  return {
    id: entry.data.id,
    title: entry.data.title,
    kind: entry.kind.title,
    status: entry.data.status,
    file: entry.file,
    fields: fieldRows(entry.data, ['attachments']),
    hasRefersTo: refersTo.length > 0,
    refersTo,
    hasReferredBy: referredBy.length > 0,
    referredBy,
    hasAttachments: attachments.length > 0,
    attachments: attachments.map((a) => ({
      file: a.file,
      href: a.copied ? linkTo(a.file, 'folder') : '',
      problem: a.problem ?? '',
      sha256: a.sha256,
      size: `${a.size} bytes`,
      added_on: a.added_on,
      added_by: register.config.people.find((p) => p.id === a.added_by)?.name ?? a.added_by,
      note: a.note ?? '',
    })),
    hasHistory: history.length > 0,
    history: history.map((h) => ({
      date: h.date,
      action: h.action,
      transition: h.from && h.to && h.from !== h.to ? `${h.from} → ${h.to}` : h.from === undefined && h.to ? h.to : '',
      author: h.author,
      commit: h.commit,
      short: h.commit.slice(0, 7),
      hasChanges: h.changes.length > 0,
      changes: h.changes.map((c) => ({ path: c.path, before: shown(c.before), after: shown(c.after) })),
      note: h.renumberedFrom
        ? `renumbered from ${h.renumberedFrom}`
        : h.renumberedTo
          ? `renumbered to ${h.renumberedTo}`
          : '',
    })),
  };
}

/** What each record refers to: every other record's backlinks, turned round. */
export function outgoingReferences(register: Register): Map<string, { id: string; field: string }[]> {
  const out = new Map<string, { id: string; field: string }[]>();
  for (const target of [...register.entries].sort(byId)) {
    for (const b of referencesTo(register, target.data.id)) {
      out.set(b.id, [...(out.get(b.id) ?? []), { id: target.data.id, field: b.field }]);
    }
  }
  return out;
}

export interface OverdueItem {
  readonly id: string;
  readonly title: string;
  readonly what: string;
  readonly due: string;
  readonly owner: string;
}

/** The index page's model. */
export function indexModel(
  register: Register,
  head: { readonly asOf: string; readonly commit: string },
  overdue: readonly OverdueItem[],
  documents: readonly DocumentLink[],
  validation: { readonly path: string; readonly summary: string },
) {
  const kinds = KINDS.map((k) => ({ kind: k, records: [...entriesOf(register, k)].sort(byId) })).filter(
    (k) => k.records.length > 0,
  );
  return {
    organisation: register.config.organisation,
    asOf: head.asOf,
    commit: head.commit,
    recordCount: String(register.entries.length),
    validation: { href: linkTo(validation.path, 'top'), summary: validation.summary },
    counts: kinds.map(({ kind, records }) => ({
      kind: kind.title,
      states: kind.states
        .map((s) => [s, records.filter((r) => r.data.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${s} ${n}`)
        .join(' · '),
      total: String(records.length),
    })),
    hasOverdue: overdue.length > 0,
    overdue: overdue.map((o) => ({
      ...o,
      href: register.byId.has(o.id) ? linkTo(recordPage(o.id), 'top') : '',
    })),
    documents: documents.map((d) => ({ href: linkTo(d.path, 'top'), title: d.title })),
    kinds: kinds.map(({ kind, records }) => ({
      title: kind.title,
      records: records.map((r) => ({
        id: r.data.id,
        title: r.data.title,
        status: r.data.status,
        href: linkTo(recordPage(r.data.id), 'top'),
      })),
    })),
  };
}

/** The validation page's model: every diagnostic, a record's file linked to its page. */
export function validationModel(
  register: Register,
  asOf: string,
  result: { readonly errors: number; readonly warnings: number; readonly records: number },
  diagnostics: readonly Diagnostic[],
  from: Depth,
) {
  const pageOf = (file: string) => register.entries.find((e) => e.file === file)?.data.id;
  return {
    asOf,
    valid: diagnostics.length === 0,
    records: String(result.records),
    summary: validationSummary(result),
    diagnostics: diagnostics.map((d) => {
      const id = pageOf(d.file);
      return {
        severity: d.severity,
        where: `${d.file}:${d.line}:${d.column}`,
        href: id ? linkTo(recordPage(id), from) : '',
        rule: d.rule,
        message: d.message,
        hint: d.hint,
      };
    }),
  };
}

export function validationSummary(result: { readonly errors: number; readonly warnings: number }): string {
  if (result.errors === 0 && result.warnings === 0) return '✔ valid';
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  return `${n(result.errors, 'error')}, ${n(result.warnings, 'warning')}`;
}
