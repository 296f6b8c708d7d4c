import type { Context } from '../context.js';
import { openRegister, type OpenRegister } from './open.js';

export interface ValidateOptions {
  readonly dir?: string;
  readonly asOf?: string;
  readonly strict?: boolean;
}

/** Validates the register: syntax, schema, register rules and policy compliance. */
export async function validateRegister(opts: ValidateOptions, ctx: Context): Promise<OpenRegister> {
  return openRegister({ ...opts, compliance: true }, ctx);
}
