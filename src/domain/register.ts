// The register as validation and commands see it: the config and every record that parsed, with
// lookups by id. Built once per command from what the loader read; pure data, no I/O.
import type { Config } from './config.js';
import type { Diagnostic, SourceMap } from './diagnostics.js';
import type { Kind, RecordOf } from './kind.js';
import { KINDS } from './kinds/index.js';

/** What the loader read: cim.yaml's data and every record file that parsed as YAML. */
export interface RegisterInput {
  readonly root: string;
  readonly config?: { readonly data: unknown; readonly source: SourceMap; readonly text?: string };
  readonly files: readonly RecordFile[];
  /** How many record files were found, including those that could not be read or parsed. */
  readonly scanned: number;
  /** Ids of the record files found but not read: unreadable, not YAML, or not a mapping. */
  readonly unread?: readonly string[];
  /** Problems found while reading: file layout, encoding, YAML syntax. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A record file that parsed as a YAML mapping. `data` is schema-checked later. */
export interface RecordFile {
  /** Path relative to the register root, forward slashes: `nonconformities/NC-0001.yaml`. */
  readonly file: string;
  readonly kind: Kind;
  /** The id the file name gives. */
  readonly id: string;
  readonly data: Record<string, unknown>;
  readonly source: SourceMap;
  /** The raw text, for commands that show or rewrite a record. */
  readonly text: string;
}

/** A record whose data passed its kind's schema. */
export interface Entry<T = Record<string, unknown>> extends Omit<RecordFile, 'data'> {
  readonly data: T & { id: string; status: string; title: string; owner: string; created: string };
}

/** Effective id prefixes: the kind defaults, overridden by cim.yaml `prefixes`. */
export class Prefixes {
  private readonly byKind = new Map<string, string>();
  private readonly byPrefix = new Map<string, Kind>();

  constructor(overrides: Readonly<Record<string, string | undefined>> = {}) {
    for (const kind of KINDS) {
      const prefix = overrides[kind.name] ?? kind.prefix;
      this.byKind.set(kind.name, prefix);
      this.byPrefix.set(prefix, kind);
    }
  }

  of(kind: Kind): string {
    return this.byKind.get(kind.name) ?? kind.prefix;
  }

  /** The kind an id belongs to, by its prefix. */
  kindOf(id: string): Kind | undefined {
    return this.byPrefix.get(id.slice(0, id.lastIndexOf('-')));
  }
}

export interface Register {
  readonly root: string;
  readonly config: Config;
  readonly prefixes: Prefixes;
  readonly entries: readonly Entry[];
  readonly byId: ReadonlyMap<string, Entry>;
  readonly byKind: ReadonlyMap<string, readonly Entry[]>;
  /** Ids of record files that exist but could not be read or failed their schema: not dangling,
   * just not checked. */
  readonly unchecked: ReadonlySet<string>;
}

export function buildRegister(
  root: string,
  config: Config,
  prefixes: Prefixes,
  entries: readonly Entry[],
  unchecked: ReadonlySet<string> = new Set(),
): Register {
  const byId = new Map<string, Entry>();
  const byKind = new Map<string, Entry[]>(KINDS.map((k) => [k.name, []]));
  for (const e of entries) {
    if (!byId.has(e.data.id)) byId.set(e.data.id, e);
    byKind.get(e.kind.name)!.push(e);
  }
  return { root, config, prefixes, entries, byId, byKind, unchecked };
}

/** The valid records of one kind, typed as that kind's records. */
export function entriesOf<K extends Kind>(register: Register, kind: K): readonly Entry<RecordOf<K>>[] {
  return (register.byKind.get(kind.name) ?? []) as unknown as readonly Entry<RecordOf<K>>[];
}

/** Orders ids by prefix, then by number, so NC-0010 follows NC-0009. */
export function compareIds(a: string, b: string): number {
  const [pa, na] = [a.slice(0, a.lastIndexOf('-')), Number(a.slice(a.lastIndexOf('-') + 1))];
  const [pb, nb] = [b.slice(0, b.lastIndexOf('-')), Number(b.slice(b.lastIndexOf('-') + 1))];
  return pa < pb ? -1 : pa > pb ? 1 : na - nb;
}
