// Flag text as the typed values a step records: a date, a yes or no, a person of cim.yaml…
import type { Input } from '../domain/inputs.js';
import { isIsoDate, isMonth } from '../domain/dates.js';
import type { Register } from '../domain/register.js';
import { UserError } from '../errors.js';

/** Turns flag text into typed values, refusing what cannot be right (exit 2). */
export function parseValues(
  inputs: readonly Input[],
  raw: Readonly<Record<string, string>>,
  register: Register,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [flag, text] of Object.entries(raw)) {
    const input = inputs.find((i) => i.flag === flag);
    if (!input) continue;
    const parts = input.list
      ? text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [text];
    const parsed = parts.map((p) => parseOne(input, p, register));
    out[flag] = input.list ? parsed : parsed[0];
  }
  return out;
}

function parseOne(input: Input, text: string, register: Register): unknown {
  const bad = (hint: string) => new UserError(`--${input.flag} ${JSON.stringify(text)} is not valid`, hint);
  switch (input.type) {
    case 'date':
      if (!isIsoDate(text)) throw bad('write a real date as YYYY-MM-DD (years 1900 to 9999)');
      return text;
    case 'month':
      if (!isMonth(text) && !isIsoDate(text)) throw bad('write a month as YYYY-MM, or a date');
      return text;
    case 'boolean':
      if (/^(y|yes|true)$/i.test(text)) return true;
      if (/^(n|no|false)$/i.test(text)) return false;
      throw bad('write yes or no');
    case 'number':
      if (!Number.isFinite(Number(text))) throw bad('write a number');
      return Number(text);
    case 'enum':
      if (!input.choices?.includes(text)) throw bad(`use one of: ${input.choices?.join(', ')}`);
      return text;
    case 'person':
      if (register.config.people.length === 0) throw nothingToChoose(input);
      if (!register.config.people.some((p) => p.id === text))
        throw bad(`use a person from cim.yaml: ${register.config.people.map((p) => p.id).join(', ')}`);
      return text;
    case 'area':
      if (register.config.areas.length === 0) throw nothingToChoose(input);
      if (!register.config.areas.some((a) => a.id === text))
        throw bad(`use an area from cim.yaml: ${register.config.areas.map((a) => a.id).join(', ')}`);
      return text;
    case 'record':
      return text.toUpperCase();
    default:
      return text;
  }
}

/** A value must be one of a list in cim.yaml, and that list is empty. */
export function nothingToChoose(input: Input): UserError {
  const [list, example] =
    input.type === 'area'
      ? ['areas', '`areas:` (an id, a name and the person who owns it)']
      : ['people', '`people:` (an id, a name, their email and roles)'];
  return new UserError(
    `--${input.flag} must name one of the ${list} in cim.yaml, and cim.yaml lists none`,
    `add one under ${example} in cim.yaml, commit it, and run the command again`,
  );
}
