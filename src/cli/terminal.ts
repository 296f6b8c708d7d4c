// Everything cim prints passes through here. Records, file names, git identities and arguments
// are text people chose, and a terminal acts on control characters instead of showing them (an
// escape sequence can clear the screen or retitle the window), so each is shown as a \u escape.
// Line ends and tabs stay, and so do the colour codes cim adds itself when colour is on.
import { escapeChar } from '../domain/validate/text.js';

// eslint-disable-next-line no-control-regex
const COLOUR_OR_CONTROL = /(\u001b\[[0-9;]*m)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/** The text with every control character a terminal would act on written as a \u escape. */
export function shown(text: string, keepColour = false): string {
  return text.replace(COLOUR_OR_CONTROL, (char: string, colour: string | undefined) =>
    colour !== undefined && keepColour ? colour : [...char].map(escapeChar).join(''),
  );
}
