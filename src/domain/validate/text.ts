// Text a terminal would act on instead of showing: control characters in any key or value. They
// have no place in a record, and `cim list` or `git log` would otherwise pass an escape sequence
// from a pull request straight to the reader's terminal (clearing it, or retitling the window).
import { formatPath, type Finding, type Path } from '../diagnostics.js';

// C0 controls other than tab and line feed, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// Every control character, tab and line feed too: a diagnostic is one line, and a line feed in a
// file name or quoted value could forge a diagnostic line of its own.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]/g;

/** A character written as a \u escape: \u001b for ESC. */
export const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text on one line, with every control character written as a \u escape. */
export function visible(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/** Whether any key or string in the data holds a control character: a walk with no allocation,
 * since nearly every record has none and this runs on every record of the register. */
function anyControl(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (Array.isArray(value)) {
    for (const v of value) if (anyControl(v)) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (CONTROL.test(key) || anyControl((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

export function controlCharacters(data: unknown, file: string): Finding[] {
  if (!anyControl(data)) return [];
  const out: Finding[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      const found = CONTROL.exec(value);
      if (found) out.push(finding(file, path, found[0], false));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const found = CONTROL.exec(key);
        if (found) out.push(finding(file, [...path, key], found[0], true));
        visit(v, [...path, key]);
      }
    }
  };
  visit(data, []);
  return out;
}

function finding(file: string, path: Path, char: string, atKey: boolean): Finding {
  const code = escapeChar(char);
  // The key itself holds the character, so it is not repeated in the message.
  const parent = visible(formatPath(atKey ? path.slice(0, -1) : path));
  const what = atKey ? `a key${parent ? ` in ${parent}` : ''}` : parent || 'the text';
  return {
    severity: 'error',
    rule: 'text/control-character',
    file,
    path,
    ...(atKey ? { atKey } : {}),
    message: `${what} holds the control character ${code}`,
    hint: 'remove it: records hold plain text, and a terminal acts on a control character instead of showing it',
  };
}
