// What git history must show of a register: records change state only by a legal step, start in
// an initial state, are never deleted, and are not edited once final. Pure: it judges pairs of
// versions that the git layer has read.
import { isDeepStrictEqual } from 'node:util';
import { formatPath } from './diagnostics.js';
import type { Kind } from './kind.js';

export interface Change {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The fields that differ between two versions of a record, leaf by leaf. */
export function diffData(before: unknown, after: unknown, path: (string | number)[] = []): Change[] {
  if ((isObject(before) || before === undefined) && (isObject(after) || after === undefined) && before !== after) {
    before ??= {};
    after ??= {};
    const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) => diffData(b[k], a[k], [...path, k]));
  }
  if (isDeepStrictEqual(before, after)) return [];
  return [
    { path: formatPath(path), ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) },
  ];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface HistoryProblem {
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
}

const statusOf = (data: unknown) => (isObject(data) && typeof data.status === 'string' ? data.status : undefined);

/** States in which a record is final: nothing follows, or the minutes are approved. */
export function isFinal(kind: Kind, status: string): boolean {
  return kind.terminal.includes(status);
}

/**
 * Judges one commit's change to one record file. `before`/`after` are the parsed versions
 * (undefined when the file did not exist); unparsable versions are left to `cim validate`.
 */
export function judgeChange(
  kind: Kind,
  id: string,
  before: unknown,
  after: unknown,
  where: string,
): HistoryProblem | undefined {
  if (after === undefined) {
    if (before === undefined) return undefined;
    return {
      rule: 'history/deleted',
      message: `${id} was deleted ${where}`,
      hint: `records are never deleted: restore it (git checkout <commit>^ -- <file>) and withdraw or cancel it instead`,
    };
  }
  const to = statusOf(after);
  if (to === undefined) return undefined;
  if (before === undefined) {
    return kind.initial.includes(to)
      ? undefined
      : {
          rule: 'history/initial',
          message: `${id} first appears ${where} as ${to}; new ${kind.title.toLowerCase()} records start as ${kind.initial.join(' or ')}`,
          hint: `create records with \`cim ${kind.name} ${kind.transitions.find((t) => t.from.length === 0)?.verb ?? ''}\`, then take each step`,
        };
  }
  const from = statusOf(before);
  if (from === undefined) return undefined;
  if (from === to) {
    if (isFinal(kind, from) && !isDeepStrictEqual(before, after)) {
      const fields = diffData(before, after).map((c) => c.path);
      return {
        rule: 'history/final-edited',
        message: `${id} is ${from}, which is final, but ${fields.join(', ')} changed ${where}`,
        hint: 'final records are evidence: record corrections as notes in a new record, or revert the edit',
      };
    }
    return undefined;
  }
  if (kind.transitions.some((t) => t.from.includes(from) && t.to === to)) return undefined;
  const legal = kind.transitions.filter((t) => t.from.includes(from)).map((t) => `${t.verb} (→ ${t.to})`);
  return {
    rule: 'history/transition',
    message: `${id} moved from ${from} to ${to} ${where}, which no single step allows`,
    hint: legal.length
      ? `from ${from} the steps are: ${legal.join(', ')}; take them one at a time with cim`
      : `${from} is final`,
  };
}
