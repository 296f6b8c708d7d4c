// The candidates for the word under the cursor, from the words before it: pure, so every case is
// one line of a table in the tests. Two steps, so the register is read only when the word needs
// it: `locate` says what is being completed, `offer` lists the candidates from what is known.
import type { ArgSpec, CommandSpec, OptionSpec, Source } from './spec.js';

/** What a record is, as far as completion needs to know. */
export interface RecordFact {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly title: string;
  /** Its state is final: nothing may change it any more. */
  readonly final: boolean;
  /** A management review's actions still open: their refs and texts. */
  readonly openActions: readonly (readonly [ref: string, text: string])[];
}

/** What the register says that completion offers: its records, people and areas. */
export interface Facts {
  readonly records: readonly RecordFact[];
  readonly people: readonly (readonly [id: string, name: string])[];
  readonly areas: readonly (readonly [id: string, name: string])[];
}

export const NO_FACTS: Facts = { records: [], people: [], areas: [] };

/** The kinds and their states, which need no register. */
export type Catalog = readonly { readonly name: string; readonly title: string; readonly states: readonly string[] }[];

export interface Candidate {
  readonly value: string;
  readonly description: string;
}

type Offer =
  | { readonly type: 'commands' | 'flags'; readonly command: CommandSpec }
  | { readonly type: 'value'; readonly source: Source; readonly list: boolean };

/** What the word under the cursor is, and what the line before it says. */
export interface Target {
  readonly prefix: string;
  readonly offers: readonly Offer[];
  /** The `-C` folder given on the line, as written. */
  readonly dir?: string;
  /** The kind the command works on: a kind command's, or a kind given as an argument. */
  readonly kind?: string;
  /** The arguments given to the command so far. */
  readonly args: readonly string[];
}

/** Edits the register's commands that refuse a record in a final state: `cim edit` (see
 * commands/edit.ts), so only the records it would change are offered. */
const NOT_FINAL = new Set(['edit']);

function findOption(chain: readonly CommandSpec[], word: string): OptionSpec | undefined {
  const long = word.startsWith('--') ? word.slice(2) : undefined;
  const short = !long && word.length >= 2 ? word[1] : undefined;
  for (const c of [...chain].reverse()) {
    const found = c.options.find((o) => (long !== undefined ? o.long === long : o.short === short));
    if (found) return found;
  }
  return undefined;
}

function argAt(command: CommandSpec, index: number): ArgSpec | undefined {
  const last = command.args.at(-1);
  return command.args[index] ?? (last?.variadic ? last : undefined);
}

/** The value of an argument or option of the command, leaving out final records where it refuses them. */
function valueOffer(command: CommandSpec, source: Source, list = false): Offer {
  const notFinal = NOT_FINAL.has(command.name) && source.from === 'records';
  return { type: 'value', source: notFinal ? { ...source, notFinal } : source, list };
}

const NO_VALUE: Source = { from: 'none' };

/** Reads the words before the cursor (options, their values, sub-commands, arguments) and says
 * what the last word is to be. `words` are those after `cim`; the last is the one completed. */
export function locate(root: CommandSpec, words: readonly string[]): Target {
  const chain: CommandSpec[] = [root];
  const args: string[] = [];
  let dir: string | undefined;
  let kind: string | undefined;
  let pending: OptionSpec | undefined;
  let ended = false;
  const command = () => chain.at(-1)!;
  // The global `-C <dir>`: the register the candidates come from.
  const isDir = (o: OptionSpec | undefined) => o !== undefined && o.short === 'C' && root.options.includes(o);
  for (const word of words.slice(0, -1)) {
    if (pending) {
      if (isDir(pending)) dir = word;
      pending = undefined;
    } else if (!ended && word === '--') ended = true;
    else if (!ended && word.startsWith('-') && word.length > 1) {
      const [name, inline] = word.startsWith('--') ? splitInline(word) : [word.slice(0, 2), word.slice(2) || undefined];
      const option = findOption(chain, name);
      if (option?.value && inline === undefined) pending = option;
      if (isDir(option) && inline !== undefined) dir = inline;
    } else {
      const sub = args.length === 0 ? command().commands.find((c) => c.name === word) : undefined;
      if (sub) {
        chain.push(sub);
        kind = sub.kind ?? kind;
      } else args.push(word);
    }
  }
  const prefix = words.at(-1) ?? '';
  const context = { ...(dir !== undefined ? { dir } : {}), ...(kind ? { kind } : {}), args };
  const here = command();
  if (pending) return { prefix, offers: [valueOffer(here, pending.value ?? NO_VALUE, pending.list)], ...context };
  if (!ended && prefix.startsWith('--') && prefix.includes('=')) {
    const [name, value] = splitInline(prefix);
    const option = findOption(chain, name);
    const offers = option?.value ? [valueOffer(here, option.value, option.list)] : [];
    return { prefix: value ?? '', offers, ...context };
  }
  if (!ended && prefix.startsWith('-')) return { prefix, offers: [{ type: 'flags', command: here }], ...context };
  const arg = argAt(here, args.length);
  const offers: Offer[] = [];
  if (args.length === 0 && here.commands.length > 0) offers.push({ type: 'commands', command: here });
  if (arg) offers.push(valueOffer(here, arg.value));
  return { prefix, offers, ...context };
}

function splitInline(word: string): [string, string | undefined] {
  const at = word.indexOf('=');
  return at < 0 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
}

/** Whether the candidates come from the register, so it has to be read. */
export function needsRegister(target: Target): boolean {
  return target.offers.some(
    (o) => o.type === 'value' && ['people', 'areas', 'records', 'actions'].includes(o.source.from),
  );
}

/** Whether the shell is to complete file or folder names itself. */
export function pathsWanted(target: Target): 'files' | 'dirs' | undefined {
  for (const o of target.offers)
    if (o.type === 'value' && (o.source.from === 'files' || o.source.from === 'dirs')) return o.source.from;
  return undefined;
}

/** A value the shell can insert as it is: no space, quote or character the shell would expand. */
const PLAIN = /^[A-Za-z0-9._,:@+=/-]+$/;

/** The candidates for the target, those starting with what is typed, each once, in order. */
export function offer(target: Target, catalog: Catalog, facts: Facts): Candidate[] {
  const all = target.offers.flatMap((o) => offered(o, target, catalog, facts));
  const seen = new Set<string>();
  return all.filter((c) => {
    if (!PLAIN.test(c.value) || !c.value.startsWith(target.prefix) || seen.has(c.value)) return false;
    seen.add(c.value);
    return true;
  });
}

function offered(o: Offer, target: Target, catalog: Catalog, facts: Facts): Candidate[] {
  if (o.type === 'commands') return o.command.commands.map((c) => ({ value: c.name, description: c.description }));
  if (o.type !== 'value')
    return o.command.options.map((opt) => ({
      value: opt.long !== undefined ? `--${opt.long}` : `-${opt.short}`,
      description: opt.description,
    }));
  if (!o.list) return values(o.source, target, catalog, facts);
  // A list: complete its last item after the ones already written.
  const comma = target.prefix.lastIndexOf(',');
  const head = target.prefix.slice(0, comma + 1);
  const given = new Set(head.split(',').filter(Boolean));
  return values(o.source, target, catalog, facts)
    .filter((c) => !given.has(c.value))
    .map((c) => ({ ...c, value: head + c.value }));
}

function values(source: Source, target: Target, catalog: Catalog, facts: Facts): Candidate[] {
  switch (source.from) {
    case 'choices':
      return source.values.map((value) => ({ value, description: '' }));
    case 'kinds':
      return catalog.map((k) => ({ value: k.name, description: k.title }));
    case 'states':
      return statesFor(target, catalog).map((value) => ({ value, description: '' }));
    case 'people':
      return facts.people.map(([value, description]) => ({ value, description }));
    case 'areas':
      return facts.areas.map(([value, description]) => ({ value, description }));
    case 'records':
      return facts.records
        .filter(
          (r) =>
            (!source.kinds || source.kinds.includes(r.kind)) &&
            (!source.states || source.states.includes(r.status)) &&
            !(source.notFinal && r.final),
        )
        .map((r) => ({ value: r.id, description: `${r.status}: ${r.title}` }));
    case 'actions': {
      const review = target.args[0]?.toUpperCase();
      const record = facts.records.find((r) => r.id === review);
      return (record?.openActions ?? []).map(([value, description]) => ({ value, description }));
    }
    default:
      return [];
  }
}

/** The states of the kind the line works on, or of every kind when it names none. */
function statesFor(target: Target, catalog: Catalog): string[] {
  const named = target.kind ?? target.args.find((a) => catalog.some((k) => k.name === a));
  const kinds = catalog.filter((k) => named === undefined || k.name === named);
  return [...new Set(kinds.flatMap((k) => k.states))];
}

/**
 * The words as the shell passed them: bash splits `--format=md` at the `=` and keeps the quotes
 * a word was typed with, so the `=` is joined back and the quotes are taken off.
 */
export function wordsFrom(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i]!;
    if (word === '=' && out.at(-1)?.startsWith('-')) out.push(`${out.pop()!}=${raw[++i] ?? ''}`);
    else out.push(unquoted(word));
  }
  return out;
}

/** A word without the quotes and backslashes it was typed with: `"my dir"`, `my\ dir`. */
export function unquoted(word: string): string {
  return word.replace(
    /'([^']*)'?|"((?:[^"\\]|\\.)*)"?|\\(.)/g,
    (_m, single?: string, double?: string, escaped?: string) =>
      single ?? (double !== undefined ? double.replace(/\\(.)/g, '$1') : (escaped ?? '')),
  );
}
