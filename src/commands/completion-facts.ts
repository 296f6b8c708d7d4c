// What shell completion offers from the register: its records' ids, states and titles, the open
// actions of its reviews, its people and its areas. Read through the register loader and its
// parse cache, as written and without validating, and never written back: completion runs at
// every TAB, and a register with problems still offers what can be read of it.
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { SHORT_ID_PATTERN } from '../domain/fields.js';
import { isFinal } from '../domain/queries.js';
import { findRoot, loadRegister } from '../io/register.js';
import { isOpenAction, REVIEW_STEPS } from '../domain/kinds/mrt.js';

export interface CompletionFacts {
  readonly records: readonly {
    readonly id: string;
    readonly kind: string;
    readonly status: string;
    readonly title: string;
    readonly final: boolean;
    readonly openActions: readonly (readonly [string, string])[];
  }[];
  readonly people: readonly (readonly [string, string])[];
  readonly areas: readonly (readonly [string, string])[];
}

/** The facts of the register found from `dir` (relative to the context's folder), or from there. */
export async function completionFacts(dir: string | undefined, ctx: Context): Promise<CompletionFacts> {
  const root = await findRoot(resolve(ctx.cwd, dir ?? '.'));
  const loaded = await loadRegister(root, ctx.env);
  const config = (loaded.config?.data ?? {}) as Record<string, unknown>;
  return {
    records: loaded.files.map((f) => {
      const status = text(f.data.status);
      const actions = f.kind.name === REVIEW_STEPS.kind ? listed(f.data[REVIEW_STEPS.action.field]) : [];
      return {
        id: f.id,
        kind: f.kind.name,
        status,
        title: text(f.data.title),
        final: isFinal(f.kind, status),
        openActions: actions
          .filter((a) => typeof a.ref === 'string' && isOpenAction({ status: text(a.status) }))
          .map((a) => [text(a.ref), text(a.text)] as const),
      };
    }),
    people: named(config.people),
    areas: named(config.areas),
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function listed(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

/** The `id` and `name` of each entry of a cim.yaml list whose id is one records can use. */
function named(value: unknown): [string, string][] {
  return listed(value)
    .filter((e) => typeof e.id === 'string' && SHORT_ID_PATTERN.test(e.id))
    .map((e) => [text(e.id), text(e.name)]);
}
