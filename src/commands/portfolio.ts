// `cim status --all DIR…` (also `cim portfolio`): a consultant's view of every client register, one
// line each — who it is for, how many records, what is overdue, the next review and audit, and
// whether `cim validate` would pass it. A register that cannot be read is a line saying why, not the
// end of the list.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { CONFIG_FILE } from '../io/register.js';
import { asOfDate } from './open.js';
import { daysAhead, summarise, type StatusResult } from './status.js';
import { validateRegister } from './validate.js';

export interface PortfolioOptions {
  readonly asOf?: string;
  readonly days?: string;
}

/** One client register as the portfolio shows it. */
export interface PortfolioLine {
  /** The register's folder, absolute. */
  readonly root: string;
  readonly organisation?: string;
  readonly records?: number;
  readonly errors?: number;
  readonly warnings?: number;
  readonly overdue?: number;
  readonly dueSoon?: number;
  readonly nextReview?: StatusResult['nextReview'];
  readonly nextAudit?: StatusResult['nextAudit'];
  /** The cadence's date for the next review has passed, or the review scheduled falls after it. */
  readonly reviewLate?: boolean;
  /** The next audit's planned day or month has passed without it starting. */
  readonly auditLate?: boolean;
  /** `cim validate`'s verdict as of the date: valid, or not; absent when the register cannot be read. */
  readonly valid?: boolean;
  /** Why the register could not be read, with the fix. */
  readonly problem?: { readonly message: string; readonly hint?: string };
}

export interface PortfolioResult {
  readonly asOf: string;
  readonly soonDays: number;
  readonly registers: readonly PortfolioLine[];
}

/** A folder given that holds no register, and why. */
const NOT_A_REGISTER_HINT = `give the folder of a register (it holds ${CONFIG_FILE}), or a folder whose folders are registers`;

/**
 * The registers in each folder given: the folder itself when it is one, else the registers
 * directly inside it; a folder that is neither is kept, with the reason, so it gets its line.
 */
export async function findRegisters(
  dirs: readonly string[],
  cwd: string,
): Promise<{ readonly root: string; readonly problem?: string }[]> {
  const found = new Map<string, string | undefined>();
  for (const dir of dirs) {
    const from = resolve(cwd, dir);
    if (await isRegister(from)) found.set(from, undefined);
    else if (!(await isFolder(from))) found.set(from, `${dir} is not a folder`);
    else {
      const inside = await registersInside(from);
      for (const root of inside) found.set(root, undefined);
      if (!inside.length) found.set(from, `no ${CONFIG_FILE} in ${dir} or in the folders directly inside it`);
    }
  }
  return [...found].map(([root, problem]) => (problem ? { root, problem } : { root }));
}

export async function portfolio(
  dirs: readonly string[],
  opts: PortfolioOptions,
  ctx: Context,
): Promise<PortfolioResult> {
  const soonDays = daysAhead(opts.days);
  const asOf = asOfDate(opts.asOf, ctx);
  const registers: PortfolioLine[] = [];
  for (const { root, problem } of await findRegisters(dirs, ctx.cwd)) {
    if (problem) {
      registers.push({ root, problem: { message: problem, hint: NOT_A_REGISTER_HINT } });
      continue;
    }
    try {
      const opened = await validateRegister({ dir: root, asOf }, ctx);
      const register = opened.result.register;
      const s = register ? summarise(opened, soonDays) : undefined;
      const items = s?.owners.flatMap((o) => o.items) ?? [];
      registers.push({
        root: opened.root,
        ...(register ? { organisation: register.config.organisation } : {}),
        records: opened.result.records,
        errors: opened.result.errors,
        warnings: opened.result.warnings,
        valid: opened.result.errors === 0,
        ...(s
          ? {
              overdue: items.filter((i) => i.overdue).length,
              dueSoon: items.filter((i) => !i.overdue).length,
              nextReview: s.nextReview,
              reviewLate: s.nextReview.dueBy < (s.nextReview.scheduled?.on ?? asOf) || s.nextReview.dueBy < asOf,
              ...(s.nextAudit
                ? { nextAudit: s.nextAudit, auditLate: s.nextAudit.planned < asOf.slice(0, s.nextAudit.planned.length) }
                : {}),
            }
          : {}),
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      registers.push({ root, problem: { message: e.message, ...(e.hint ? { hint: e.hint } : {}) } });
    }
  }
  return { asOf, soonDays, registers };
}

async function isRegister(dir: string): Promise<boolean> {
  return stat(join(dir, CONFIG_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function registersInside(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .sort();
  const registers: string[] = [];
  for (const folder of folders) if (await isRegister(folder)) registers.push(folder);
  return registers;
}
