// Text that would not be shown as it is stored. Control characters make a terminal act instead of
// show (an escape sequence clears the screen or retitles the window); a line break in a one-line
// field forges a row of `cim list`; line and paragraph separators break lines in some programs and
// not others; bidirectional embeddings, overrides and isolates show the text around them in
// another order than it is stored. The schema's text fields refuse them (fields.ts); this module
// says which characters they are, what each is called, and how each is shown when printed.
import { formatPath, type FieldDiagnostic, type Path } from '../diagnostics.js';
import { TEXT_BIDI, TEXT_CONTROL_CHARACTER, TEXT_LINE_BREAK } from './rule-ids.js';

/** Bidirectional embeddings and overrides (U+202A–202E) and isolates (U+2066–2069). */
export const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** What no text field holds: C0 controls other than tab and line feed, DEL, the C1 controls, the
 * Unicode line and paragraph separators, and BIDI. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** What a one-line field does not hold either: a tab or a line feed. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Every character above, tab and line feed too: a diagnostic is one line, and a line feed in a
// file name or quoted value could forge a diagnostic line of its own.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'null',
  0x07: 'bell',
  0x08: 'backspace',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0x85: 'next line',
  0x9b: 'control sequence introducer',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/** A character written as a \u escape: \u001b for ESC. */
export const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A character as the Unicode standard names it, for messages: `U+202E (right-to-left override)`. */
export function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  const name = NAMES[code] ?? (code <= 0x9f ? 'a control character' : 'a formatting character');
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
}

/** The text on one line, with every character above written as a \u escape. */
export function visible(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/** What is wrong with the characters of a text field's value, for its schema to report. */
export interface TextProblem {
  readonly rule: typeof TEXT_CONTROL_CHARACTER | typeof TEXT_LINE_BREAK | typeof TEXT_BIDI;
  /** Says what the field holds, e.g. `holds U+202E (right-to-left override), …`. */
  readonly message: string;
  readonly hint: string;
}

const PLAIN_HINT = 'remove it: records hold plain text, shown as it is written';

/**
 * The first character of `value` a field of that kind may not hold, or undefined. A one-line
 * field (a title, a name) holds no tab or line break either; prose keeps its line feeds and tabs.
 */
export function textProblem(value: string, oneLine: boolean): TextProblem | undefined {
  const found = (oneLine ? UNSAFE_IN_LINE : UNSAFE).exec(value);
  if (!found) return undefined;
  const char = found[0];
  const named = describeChar(char);
  if (BIDI.test(char))
    return {
      rule: TEXT_BIDI,
      message: `holds ${named}, which shows the text around it in another order than it is stored`,
      hint: PLAIN_HINT,
    };
  if (/[\n\r\u0085\u2028\u2029]/.test(char))
    return oneLine
      ? {
          rule: TEXT_LINE_BREAK,
          message: `holds a line break, ${named}, but is one line`,
          hint: 'write it on one line; longer text belongs in a field such as description or notes',
        }
      : {
          rule: TEXT_LINE_BREAK,
          message: `holds ${named}, a line break that not every program shows as one`,
          hint: 'use an ordinary line break (a new line in a block scalar, or \\n in double quotes)',
        };
  return {
    rule: TEXT_CONTROL_CHARACTER,
    message: `holds the control character ${named}`,
    hint: char === '\t' ? 'write it on one line with spaces, not tabs' : PLAIN_HINT,
  };
}

/** Whether any key or string in the data holds a control character: a walk with no allocation,
 * since nearly every record has none and this runs on every record of the register. */
function anyControl(value: unknown): boolean {
  if (typeof value === 'string') return UNSAFE.test(value);
  if (Array.isArray(value)) {
    for (const v of value) if (anyControl(v)) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (UNSAFE.test(key) || anyControl((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

/**
 * Every key and string of a record that holds a character no text may hold. The schema's text
 * fields refuse them already, with the field named; this walk is the net under it, for keys and
 * for any string a schema declares without the text builders, so nothing reaches a terminal.
 */
export function controlCharacters(data: unknown, file: string): FieldDiagnostic[] {
  if (!anyControl(data)) return [];
  const out: FieldDiagnostic[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      const found = UNSAFE.exec(value);
      if (found) out.push(diagnostic(file, path, found[0], false));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const found = UNSAFE.exec(key);
        if (found) out.push(diagnostic(file, [...path, key], found[0], true));
        visit(v, [...path, key]);
      }
    }
  };
  visit(data, []);
  return out;
}

function diagnostic(file: string, path: Path, char: string, atKey: boolean): FieldDiagnostic {
  // The key itself holds the character, so it is not repeated in the message.
  const parent = visible(formatPath(atKey ? path.slice(0, -1) : path));
  const what = atKey ? `a key${parent ? ` in ${parent}` : ''}` : parent || 'the text';
  const problem = textProblem(char, false)!;
  return {
    severity: 'error',
    rule: problem.rule,
    file,
    path,
    ...(atKey ? { atKey } : {}),
    message: `${what} ${problem.message}`,
    hint: problem.hint,
  };
}
