// The one YAML reader: text → plain data, with a source map from field paths to line:column, and
// every syntax problem as a diagnostic. It never throws, whatever the input.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, Path, Position, SourceMap } from '../domain/diagnostics.js';

/** Aliases allowed per document before it is treated as an alias bomb (records need none). */
export const MAX_ALIAS_COUNT = 100;

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

export function parseYaml(text: string, file: string): ParsedYaml {
  try {
    return parse(text, file);
  } catch (e) {
    // The parser reports nearly everything as errors; this is for what it throws (deep nesting).
    return {
      data: undefined,
      source: { locate: () => ({ line: 1, column: 1 }) },
      diagnostics: [
        {
          severity: 'error',
          rule: 'yaml/syntax',
          file,
          line: 1,
          column: 1,
          message: `cannot be parsed: ${firstLine(e instanceof Error ? e.message : String(e))}`,
          hint: DEFAULT_HINT,
        },
      ],
    };
  }
}

function parse(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
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
  const source: SourceMap = { locate: (path, atKey) => position(offsetOf(doc, path, atKey ?? false)) };
  const diagnostics: Diagnostic[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const rule =
      e.code === 'DUPLICATE_KEY'
        ? 'yaml/duplicate-key'
        : e.code === 'TAG_RESOLVE_FAILED'
          ? 'yaml/unknown-tag'
          : 'yaml/syntax';
    diagnostics.push({
      severity: 'error',
      rule,
      file,
      ...position(e.pos[0]),
      message: firstLine(e.message),
      hint: /end with an? [\]}]/.test(e.message)
        ? 'close the bracket or brace that was opened, or indent its continuation lines'
        : (HINTS[e.code] ?? DEFAULT_HINT),
    });
  }
  if (diagnostics.length > 0) return { data: undefined, source, diagnostics, doc };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), source, diagnostics, doc };
  } catch (e) {
    // toJS throws only for aliases: unresolved, or so many that expanding them is an attack.
    diagnostics.push({
      severity: 'error',
      rule: 'yaml/alias',
      file,
      line: 1,
      column: 1,
      message: `the YAML aliases cannot be expanded: ${firstLine(e instanceof Error ? e.message : String(e))}`,
      hint: 'write values out in full instead of using anchors (&) and aliases (*)',
    });
    return { data: undefined, source, diagnostics, doc };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Where a path is written: the deepest node of the path that exists (so a missing field points at
 * the mapping it belongs in). */
function offsetOf(doc: Document.Parsed, path: Path, atKey: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
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
