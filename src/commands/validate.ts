import type { Context } from '../context.js';
import { relative, sep } from 'node:path';
import {
  compareDiagnostics,
  fileError,
  MAX_PROBLEMS_PER_FILE,
  moreProblems,
  type Diagnostic,
} from '../domain/diagnostics.js';
import { KINDS } from '../domain/kinds/index.js';
import { allLocalChanges, findGitDir } from '../io/git.js';
import type { Env } from '../io/git-run.js';
import { evidenceDiagnostics } from '../io/evidence.js';
import { CONFIG_FILE } from '../io/register.js';
import { Prefixes } from '../domain/register.js';
import { UserError } from '../errors.js';
import { openRegister, type OpenRegister } from './open.js';
import { HISTORY_UNCOMMITTED } from '../domain/validate/rule-ids.js';

export interface ValidateOptions {
  readonly dir?: string;
  readonly asOf?: string;
  readonly strict?: boolean;
  /** Also check that every commit since the merge base with this ref took legal steps. */
  readonly base?: string;
  /** Also check every commit of the register's history. */
  readonly history?: boolean;
  /** Also check that the documents in docs/ are what cim generates now. */
  readonly docs?: boolean;
}

/** Validates the register: syntax, schema, register rules, policy compliance, history and documents. */
export async function validateRegister(opts: ValidateOptions, ctx: Context): Promise<OpenRegister> {
  if (opts.base !== undefined && opts.history)
    throw new UserError('--base and --history cannot be combined', '--history already checks every commit');
  const opened = await openRegister({ ...opts, compliance: true }, ctx);
  const listed: Diagnostic[] = [...(await evidenceDiagnostics(opened.input))];
  if (opts.docs) {
    const { checkDocs } = await import('./docs-check.js');
    listed.push(...(await checkDocs(opened.root, opened.input, opened.asOf)));
  }
  if (opts.base !== undefined || opts.history) listed.push(...(await historyDiagnostics(opened, opts, ctx)));
  if (listed.length === 0) return opened;
  const diagnostics = [...opened.result.diagnostics, ...listed].sort(compareDiagnostics);
  const count = (severity: Diagnostic['severity']) => listed.filter((d) => d.severity === severity).length;
  return {
    ...opened,
    result: {
      ...opened.result,
      diagnostics,
      errors: opened.result.errors + count('error'),
      warnings: opened.result.warnings + count('warning'),
    },
  };
}

/** What the history check finds: the steps each commit took, and changes not yet committed. */
async function historyDiagnostics(opened: OpenRegister, opts: ValidateOptions, ctx: Context): Promise<Diagnostic[]> {
  const { replay } = await import('./history.js');
  const prefixes = opened.result.register?.prefixes ?? new Prefixes();
  const found = await replay(
    opened.root,
    ctx.env,
    opened.input,
    prefixes,
    opts.base !== undefined ? { base: opts.base } : {},
  );
  return [...capped(found), ...(await uncommitted(opened.root, ctx.env))];
}

/**
 * Record files and cim.yaml with changes not yet committed: the history check judges commits, so
 * a step skipped by hand in the working tree is judged only once it is committed. Said, so that a
 * green check before committing is not taken for a judgement of those changes.
 */
async function uncommitted(root: string, env: Env): Promise<Diagnostic[]> {
  const git = await findGitDir(root);
  if (!git) return [];
  const under = relative(git.top, root).split(sep).join('/');
  const inRegister = (await allLocalChanges(root, env).catch(() => [] as string[]))
    .map((f) => (under === '' ? f : f.startsWith(`${under}/`) ? f.slice(under.length + 1) : undefined))
    .filter((f): f is string => f !== undefined);
  const folders = new Set(KINDS.map((k) => k.folder));
  return inRegister
    .filter((f) => f === CONFIG_FILE || (f.endsWith('.yaml') && folders.has(f.split('/')[0]!)))
    .sort()
    .map((file) => ({
      ...fileError(
        file,
        HISTORY_UNCOMMITTED,
        'has changes not yet committed, which the history check does not judge',
        'commit them (or stash them) and run the check again to have them judged',
      ),
      severity: 'warning' as const,
    }));
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
