import type { Context } from '../context.js';
import { compareDiagnostics } from '../domain/diagnostics.js';
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
  const diagnostics = [...opened.result.diagnostics, ...found].sort(compareDiagnostics);
  return { ...opened, result: { ...opened.result, diagnostics, errors: opened.result.errors + found.length } };
}
