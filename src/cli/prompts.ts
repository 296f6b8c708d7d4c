// Prompts for missing values on a terminal, listing the valid choices. The only module that
// talks to @inquirer/prompts; commands receive it as a plain function.
import { checkbox, confirm, input as text, select } from '@inquirer/prompts';
import { isIsoDate, isMonth } from '../domain/dates.js';
import { nothingToChoose } from '../commands/values.js';
import type { Input } from '../domain/inputs.js';
import type { Register } from '../domain/register.js';
import type { Ask } from '../commands/step.js';

export const askOnTerminal: Ask = async (input: Input, register: Register, initial?: unknown) => {
  const either = input.oneOf !== undefined && !input.required ? ' (leave empty if there are none)' : '';
  const message = `${input.flag.replaceAll('-', ' ')}${input.description ? ` — ${input.description}` : ''}${either}`;
  const choices = choicesFor(input, register);
  if (choices?.length === 0) throw nothingToChoose(input);
  if (input.type === 'boolean') return confirm({ message });
  if (choices && input.list) {
    const checked = new Set(Array.isArray(initial) ? (initial as unknown[]) : []);
    return checkbox({
      message,
      choices: choices.map((c) => ({ ...c, checked: checked.has(c.value) })),
      required: input.required,
    });
  }
  if (choices) return select({ message, choices });
  const answer = await text({
    message: input.list ? `${message} (comma-separated)` : message,
    required: input.required,
    ...(initial === undefined ? {} : { default: Array.isArray(initial) ? initial.join(', ') : `${initial as string}` }),
    validate: (value) => checkTyped(input, value),
  });
  if (input.list)
    return answer
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return input.type === 'record' ? answer.toUpperCase() : answer;
};

/** What the prompt says of a typed answer before taking it: true, or what is wrong with it. */
function checkTyped(input: Input, value: string): true | string {
  if (!value) return true;
  if (input.type === 'date' && !isIsoDate(value)) return 'write a real date as YYYY-MM-DD (years 1900 to 9999)';
  if (input.type === 'month' && !isIsoDate(value) && !isMonth(value))
    return 'write a month as YYYY-MM, or a date as YYYY-MM-DD';
  if (input.type === 'number' && !Number.isFinite(Number(value))) return 'write a number';
  return true;
}

function choicesFor(input: Input, register: Register): { name: string; value: string }[] | undefined {
  switch (input.type) {
    case 'enum':
      return input.choices?.map((c) => ({ name: c, value: c }));
    case 'person':
      return register.config.people.map((p) => ({ name: `${p.id} (${p.name})`, value: p.id }));
    case 'area':
      return register.config.areas.map((a) => ({ name: `${a.id} (${a.name})`, value: a.id }));
    case 'record': {
      if (!input.kinds?.length) return undefined;
      // Newest first: the record wanted is usually recent.
      const candidates = register.entries
        .filter((e) => input.kinds!.includes(e.kind.name))
        .reverse()
        .slice(0, 40);
      return candidates.length
        ? candidates.map((e) => ({ name: `${e.data.id} ${e.data.title} (${e.data.status})`, value: e.data.id }))
        : undefined;
    }
    default:
      return undefined;
  }
}
