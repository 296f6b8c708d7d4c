// Finding, reading and validating the register: the first step of nearly every command.
import { resolve } from 'node:path';
import { isIsoDate, today } from '../domain/dates.js';
import type { RegisterInput } from '../domain/register.js';
import { validate, type ValidationResult } from '../domain/validate/index.js';
import { UserError } from '../errors.js';
import { findRoot, loadRegister } from '../io/register.js';
import type { Context } from '../context.js';

export interface OpenOptions {
  /** -C: where to look for the register instead of the current folder. */
  readonly dir?: string;
  readonly asOf?: string;
  readonly strict?: boolean;
  readonly compliance?: boolean;
}

export interface OpenRegister {
  readonly root: string;
  readonly asOf: string;
  readonly input: RegisterInput;
  readonly result: ValidationResult;
}

export async function openRegister(opts: OpenOptions, ctx: Context): Promise<OpenRegister> {
  const asOf = asOfDate(opts.asOf, ctx);
  const root = await findRoot(resolve(ctx.cwd, opts.dir ?? '.'));
  const input = await loadRegister(root);
  const result = validate(input, { asOf, strict: opts.strict ?? false, compliance: opts.compliance ?? true });
  return { root, asOf, input, result };
}

export function asOfDate(value: string | undefined, ctx: Context): string {
  if (value === undefined) return today(ctx.now);
  if (!isIsoDate(value))
    throw new UserError(`--as-of ${value} is not a date`, 'write it as YYYY-MM-DD, e.g. --as-of 2026-06-30');
  return value;
}
