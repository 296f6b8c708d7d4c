// The one YAML reader: text → plain data, with a source map from field paths to line:column, and
// every syntax problem as a diagnostic. It never throws, whatever the input.
import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import {
  AT_START,
  fileError,
  type Diagnostic,
  type Path,
  type Position,
  type SourceMap,
} from '../domain/diagnostics.js';
import {
  FILE_CONFLICT,
  FILE_TOO_LARGE,
  YAML_ALIAS,
  YAML_DUPLICATE_KEY,
  YAML_SYNTAX,
  YAML_UNKNOWN_TAG,
} from '../domain/validate/rule-ids.js';

/** Aliases allowed per document before it is treated as an alias bomb (records need none). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Largest text parsed. Records are a few kilobytes; the parser needs up to a gigabyte of memory and
 * seconds per megabyte of hostile text (a megabyte of "["), so anything larger is refused unread.
 */
export const MAX_YAML_BYTES = 256 * 1024;

export interface ParsedYaml {
  /** The data, or undefined when the text is not usable YAML. */
  readonly data: unknown;
  readonly source: SourceMap;
  readonly diagnostics: Diagnostic[];
  readonly doc?: Document.Parsed;
}

const HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'remove one of the two entries: each key may appear once in a mapping',
  TAG_RESOLVE_FAILED: 'remove the tag: records use plain YAML values only',
  BAD_INDENT: 'indent nested keys consistently with spaces',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep one record per file: remove the extra "---" document',
  BAD_ALIAS: 'define the anchor (&name) before using the alias (*name), or write the value out',
  MISSING_CHAR: 'close the quote, bracket or brace that was opened',
  BLOCK_AS_IMPLICIT_KEY: 'put a colon and a space after each key, and quote values that contain ": "',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; quote values that contain ": "',
  UNEXPECTED_TOKEN: 'check the syntax here; quote text that starts with a special character',
};

const DEFAULT_HINT =
  'fix the YAML syntax at this position; quote text that contains ": " or starts with a special character';

const TOO_DEEP = {
  message: 'the YAML is nested too deeply to read',
  hint: 'records nest a few levels deep: close the brackets and braces that were opened',
};

/** The parser's message, or what it means when the parser ran out of stack. */
function describe(error: unknown): { message: string; hint?: string } {
  const message = error instanceof Error ? error.message : String(error);
  return /call stack/i.test(message) ? TOO_DEEP : { message: firstLine(message) };
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_YAML_BYTES) return tooLarge(bytes, file);
  // The parser makes an Error for each problem, and only its message is used: without a stack to
  // capture, a file of 80,000 problems is read in a fraction of the time.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse(text, file);
  } catch (e) {
    // The parser reports nearly everything as errors; this is for what it throws (deep nesting).
    const { message, hint } = describe(e);
    return unusable(fileError(file, YAML_SYNTAX, `cannot be parsed: ${message}`, hint ?? DEFAULT_HINT));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** A text that gives no data, for the one reason given. */
function unusable(problem: Diagnostic): ParsedYaml {
  return { data: undefined, source: AT_START, diagnostics: [problem] };
}

/** Each line git writes around the two sides of a conflict: `<<<<<<< ours`, `=======`, `>>>>>>> theirs`
 * (and `||||||| base` in the diff3 style). */
const MARKER = /^(?:(?:<{7}|>{7}|\|{7})(?: [^\r\n]*)?|={7})\r?$/gm;

/**
 * Git's conflict markers, left in a file by a merge that stopped: the first one's line, before the
 * YAML parser reads them as broken keys. A row of `=` alone could be text (YAML would not take it
 * as one at the start of a line, but the reader is told only of what git writes), so at least one
 * `<<<<<<<`, `>>>>>>>` or `|||||||` line must be there too.
 */
export function conflictMarkers(text: string, file: string): Diagnostic | undefined {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>') && !text.includes('|||||||')) return undefined;
  let first: number | undefined;
  let strong = false;
  for (const m of text.matchAll(MARKER)) {
    first ??= m.index;
    if (m[0][0] !== '=') strong = true;
    if (strong) break;
  }
  if (first === undefined || !strong) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < first; i = text.indexOf('\n', i + 1)) line++;
  return {
    severity: 'error',
    rule: FILE_CONFLICT,
    file,
    line,
    column: 1,
    message: "unresolved merge conflict: git's conflict markers (<<<<<<<, =======, >>>>>>>) are still in the file",
    hint: `resolve it: keep what is meant, remove the marker lines, then \`git add ${file}\` and commit; or give up the merge with \`git merge --abort\``,
  };
}

/** The hint for a record both branches created: an add/add conflict, which no edit resolves. */
export function addedOnBothHint(id: string): string {
  return `both branches created ${id}: run \`git merge --abort\`, then \`cim renumber ${id} <new id>\` on one of the branches, and merge again`;
}

/** Megabytes or kilobytes, as a person would say the size. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function tooLarge(bytes: number, file: string): ParsedYaml {
  return unusable(
    fileError(
      file,
      FILE_TOO_LARGE,
      `is ${formatSize(bytes)}; records are limited to ${formatSize(MAX_YAML_BYTES)}`,
      'keep evidence out of the record: link to it instead of pasting it in',
    ),
  );
}

function parse(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    // The parser's own check compares each key with every earlier one: a record of 80,000 keys
    // would take a minute. duplicateKeys() below does the same in one pass.
    uniqueKeys: false,
    version: '1.2',
    schema: 'core',
    merge: false,
  });
  // An error at the very end (an unclosed bracket) is shown on the last line, not after it.
  const last = Math.max(0, text.length - (text.endsWith('\n') ? 1 : 0));
  const position = (offset: number): Position => {
    const { line, col } = lines.linePos(Math.min(offset, last));
    return { line, column: col };
  };
  const source: SourceMap = {
    locate: (path, atKey) => position(offsetOf(doc, path, atKey ?? false)),
    written: (path) => {
      const node = doc.getIn(path, true);
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const { message, hint } = describe(e);
    diagnostics.push({
      severity: 'error',
      rule: e.code === 'TAG_RESOLVE_FAILED' ? YAML_UNKNOWN_TAG : YAML_SYNTAX,
      file,
      ...position(e.pos[0]),
      message,
      hint:
        hint ??
        (/end with an? [\]}]/.test(e.message)
          ? 'close the bracket or brace that was opened, or indent its continuation lines'
          : (HINTS[e.code] ?? DEFAULT_HINT)),
    });
  }
  const { duplicates, aliases, keys } = structure(doc);
  for (const { key, offset } of duplicates) {
    diagnostics.push({
      severity: 'error',
      rule: YAML_DUPLICATE_KEY,
      file,
      ...position(offset),
      message: `duplicate key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}`,
      hint: HINTS.DUPLICATE_KEY!,
    });
  }
  for (const { what, offset } of keys) {
    diagnostics.push({
      severity: 'error',
      rule: what === 'an alias' ? YAML_ALIAS : YAML_SYNTAX,
      file,
      ...position(offset),
      message: `a key must be written out as text, not as ${what}`,
      hint: 'write the field name itself, followed by a colon and a space',
    });
  }
  for (const { name, offset, circular } of aliases) {
    const alias = `*${name.length > 40 ? `${name.slice(0, 40)}…` : name}`;
    diagnostics.push({
      severity: 'error',
      rule: YAML_ALIAS,
      file,
      ...position(offset),
      message: circular
        ? `the alias ${alias} is inside its own value, which would then hold itself without end`
        : `the alias ${alias} names no anchor set before it`,
      hint: circular ? 'write the value out in full instead of using an anchor (&) and alias (*)' : HINTS.BAD_ALIAS!,
    });
  }
  if (diagnostics.length > 0) return { data: undefined, source, diagnostics: fewer(diagnostics), doc };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), source, diagnostics, doc };
  } catch (e) {
    // toJS throws only for aliases: unresolved, or so many that expanding them is an attack.
    diagnostics.push(
      fileError(
        file,
        YAML_ALIAS,
        `the YAML aliases cannot be expanded: ${firstLine(e instanceof Error ? e.message : String(e))}`,
        'write values out in full instead of using anchors (&) and aliases (*)',
      ),
    );
    return { data: undefined, source, diagnostics, doc };
  }
}

/** Each problem once (a parser that gives up on deep nesting says so at every level), in the
 * order of the file. How many are listed is decided with the other layers' (validate). */
function fewer(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = `${d.line}:${d.column}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Structure {
  /** Each repeated key of a mapping, where it is written the second and later times. */
  readonly duplicates: { key: string; offset: number }[];
  /** Each alias that names no earlier anchor, or one whose value it is inside. */
  readonly aliases: { name: string; offset: number; circular: boolean }[];
  /** Each key that is not written out as text: a list, a mapping or an alias. */
  readonly keys: { what: 'a list' | 'a mapping' | 'an alias'; offset: number }[];
}

/**
 * What the parser does not report, found in one pass: repeated keys, and aliases that cannot be
 * resolved. An alias inside the value its anchor names (`a: &x [*x]`) makes that value contain
 * itself: toJS() would return a circular value, on which every later walk, clone, JSON or zod
 * check overflows the stack.
 */
function structure(doc: Document.Parsed): Structure {
  const found: Structure = { duplicates: [], aliases: [], keys: [] };
  // An alias names the last node given its anchor before it in the document, as the parser
  // resolves it; the collections being walked are the ones it would be inside.
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  // A plain walk: the parser's generic visit() costs several times as much on every record.
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined || open.has(target))
        found.aliases.push({ name: node.source, offset: node.range?.[0] ?? 0, circular: target !== undefined });
      return;
    }
    if (!isNode(node)) return;
    if (node.anchor !== undefined) anchors.set(node.anchor, node);
    if (isMap(node)) {
      open.add(node);
      const seen = new Set<unknown>();
      for (const { key, value } of node.items) {
        if (isScalar(key)) {
          if (seen.has(key.value)) found.duplicates.push({ key: String(key.value), offset: key.range?.[0] ?? 0 });
          seen.add(key.value);
        } else if (isNode(key)) {
          // Made into text by toJS() with a warning printed on stderr, or, for an alias, equal to
          // a key it repeats without being seen as a duplicate.
          const what = isAlias(key) ? 'an alias' : isMap(key) ? 'a mapping' : 'a list';
          found.keys.push({ what, offset: key.range?.[0] ?? 0 });
        }
        if (!isAlias(key)) walk(key);
        walk(value);
      }
      open.delete(node);
    } else if (isSeq(node)) {
      open.add(node);
      for (const item of node.items) walk(item);
      open.delete(node);
    }
  };
  walk(doc.contents);
  return found;
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).trim();
}

/** The pairs of each mapping by key, made when a path first goes through it: finding a place is
 * then a lookup per segment, not a search of the mapping (20,000 keys, each reported, would take
 * 200 million comparisons). */
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, segment: string | number): Pair | undefined {
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      // The first of repeated keys, as a search from the start would find.
      if (!pairs.has(key)) pairs.set(key, pair);
    }
    pairsByKey.set(map, pairs);
  }
  return pairs.get(String(segment));
}

/** Where a path is written: the deepest node of the path that exists (so a missing field points at
 * the mapping it belongs in). */
function offsetOf(doc: Document.Parsed, path: Path, atKey: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = pairOf(node, segment);
      if (!pair) break;
      const key = pair.key as Node | null;
      if (atKey && i === path.length - 1 && key?.range) return key.range[0];
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] as Node | undefined) ?? null;
    } else {
      break;
    }
    if (!node?.range) break;
    offset = node.range[0];
  }
  return offset;
}
