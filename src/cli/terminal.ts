// Everything cim prints passes through here. Records, file names, git identities and arguments
// are text people chose, and a terminal acts on control characters instead of showing them (an
// escape sequence can clear the screen or retitle the window), so each is shown as a \u escape,
// as are the characters that reorder text (U+202E) or break lines in some programs and not in
// others (U+2028). Line ends and tabs stay in `shown`, and so do the colour codes cim adds itself
// when colour is on; `oneLine` escapes line ends and tabs too, for a value that must stay on its
// line (a cell of a table, a title beside an id).
import { escapeChar, visible } from '../domain/validate/text.js';

// The only colour codes kept: those of the styles cim uses (bold, dim, red, green, yellow, cyan and
// their ends). Any other, even one a person wrote into a record, is shown, not obeyed: a code
// that hides text (8, black on black) or moves the cursor could make a row say what it does not.
const COLOUR_OR_CONTROL =
  // eslint-disable-next-line no-control-regex
  /(\u001b\[(?:1|2|22|31|32|33|36|39)m)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** The text with every character a terminal would act on written as a \u escape. */
export function shown(text: string, keepColour = false): string {
  return text.replace(COLOUR_OR_CONTROL, (char: string, colour: string | undefined) =>
    colour !== undefined && keepColour ? colour : [...char].map(escapeChar).join(''),
  );
}

/** A value people wrote, on one line: line breaks and tabs are \u escapes too, so it cannot make
 * a row of its own in a listing. Colour is added after, by the caller. */
export function oneLine(text: string): string {
  return visible(text);
}
