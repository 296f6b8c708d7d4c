import type { Context } from '../context.js';
import { compareDiagnostics, MAX_PROBLEMS_PER_FILE, moreProblems, type Diagnostic } from '../domain/diagnostics.js';
import { Prefixes } from '../domain/register.js';
import { UserError } from '../errors.js';
import { openRegister, type OpenRegister } from './open.js';

export interface ValidateOptions {
  readonly dir?: string;
  readonly asOf?: string;
  readonly strict?: boolean;
  /** Also check that every commit since the merge base with this ref took legal steps. */
  readonly base?: string;
  /** Also check every commit of the register's history. */
  readonly history?: boolean;
}

/** Validates the register: syntax, schema, register rules, policy compliance, and history. */
export async function validateRegister(opts: ValidateOptions, ctx: Context): Promise<OpenRegister> {
  if (opts.base !== undefined && opts.history)
    throw new UserError('--base and --history cannot be combined', '--history already checks every commit');
  const opened = await openRegister({ ...opts, compliance: true }, ctx);
  if (opts.base === undefined && !opts.history) return opened;
  const { replay } = await import('./history.js');
  const prefixes = opened.result.register?.prefixes ?? new Prefixes();
  const found = await replay(opened.root, opened.input, prefixes, opts.base !== undefined ? { base: opts.base } : {});
  const listed = capped(found);
  const diagnostics = [...opened.result.diagnostics, ...listed].sort(compareDiagnostics);
  const errors = listed.filter((d) => d.severity === 'error').length;
  return { ...opened, result: { ...opened.result, diagnostics, errors: opened.result.errors + errors } };
}

/** History problems listed per file as the others are: the first ones, then one that counts the rest. */
function capped(found: readonly Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of found) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return [...byFile.entries()].flatMap(([file, all]) =>
    all.length <= MAX_PROBLEMS_PER_FILE
      ? all
      : [...all.slice(0, MAX_PROBLEMS_PER_FILE), moreProblems(file, all.slice(MAX_PROBLEMS_PER_FILE))],
  );
}
