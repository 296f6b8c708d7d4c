import type { Context } from '../context.js';
import { KINDS, findKind } from '../domain/kinds/index.js';
import { dueItems } from '../domain/queries.js';
import { compareIds, type RegisterInput } from '../domain/register.js';
import type { ValidationResult } from '../domain/validate/index.js';
import { closest } from '../domain/validate/schema.js';
import { UserError } from '../errors.js';
import { invalidConfig, openRegister } from './open.js';

export interface ListOptions {
  readonly dir?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly owner?: string;
  /** Only records with a deadline passed as of this date (or today). */
  readonly overdue?: boolean;
  readonly asOf?: string;
}

export interface ListRow {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly owner: string;
  readonly title: string;
  readonly file: string;
}

export interface ListResult {
  readonly rows: ListRow[];
  /** Records that could not be read at all; `cim validate` says why. */
  readonly unreadable: number;
  readonly errors: number;
}

/** Lists records as written, so a register with errors can still be browsed. */
export async function list(opts: ListOptions, ctx: Context): Promise<ListResult> {
  const kind = opts.kind === undefined ? undefined : findKind(opts.kind);
  if (opts.kind !== undefined && !kind) {
    throw new UserError(`unknown kind "${opts.kind}"`, `use one of: ${KINDS.map((k) => k.name).join(', ')}`);
  }
  if (kind && opts.status !== undefined && !kind.states.includes(opts.status)) {
    throw new UserError(
      `${kind.title.toLowerCase()} records have no status "${opts.status}"`,
      `use one of: ${kind.states.join(', ')}`,
    );
  }
  if (!kind && opts.status !== undefined && !KINDS.some((k) => k.states.includes(opts.status!))) {
    const states = [...new Set(KINDS.flatMap((k) => k.states))];
    const near = closest(opts.status, states);
    throw new UserError(
      `no kind of record has the status "${opts.status}"${near ? `; did you mean ${near}?` : ''}`,
      '`cim schema` lists the states of every kind',
    );
  }
  const { input, result, asOf } = await openRegister({ ...opts, compliance: false }, ctx);
  if (opts.owner !== undefined) checkOwner(opts.owner, input, result);
  let overdue: Set<string> | undefined;
  if (opts.overdue) {
    if (!result.register) throw invalidConfig(result);
    overdue = new Set(
      dueItems(result.register)
        .filter((i) => i.due < asOf)
        .map((i) => i.id),
    );
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  const rows = input.files
    .filter((f) => !kind || f.kind === kind)
    .map((f) => ({
      id: f.id,
      kind: f.kind.name,
      status: text(f.data.status),
      owner: text(f.data.owner),
      title: text(f.data.title),
      file: f.file,
    }))
    .filter(
      (r) =>
        (opts.status === undefined || r.status === opts.status) &&
        (opts.owner === undefined || r.owner === opts.owner) &&
        (overdue === undefined || overdue.has(r.id)),
    )
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || compareIds(a.id, b.id));
  return { rows, unreadable: input.scanned - input.files.length, errors: result.errors };
}

/**
 * An owner nobody in cim.yaml is — usually a typo — is refused rather than listing nothing. A
 * record owned by someone cim.yaml lacks (an error `cim validate` reports) can still be listed.
 */
function checkOwner(owner: string, input: RegisterInput, result: ValidationResult): void {
  const people = result.register?.config.people.map((p) => p.id);
  if (!people || people.includes(owner) || input.files.some((f) => f.data.owner === owner)) return;
  const near = closest(owner, people);
  throw new UserError(
    `no person ${owner} in cim.yaml${near ? `; did you mean ${near}?` : ''}`,
    people.length ? `the people in cim.yaml: ${people.join(', ')}` : 'declare people under people in cim.yaml',
  );
}

const kindOrder = (name: string) => KINDS.findIndex((k) => k.name === name);
