// Records on their own: one id each, plain text only, and exceptions no longer than the policy allows.
import { CONFIG_FILE } from '../../config.js';
import type { FieldDiagnostic } from '../../diagnostics.js';
import { addDays } from '../../dates.js';
import { exception } from '../../kinds/index.js';
import { entriesOf, type Entry } from '../../register.js';
import { error, type Rule } from '../rule.js';
import { EXCEPTION_TOO_LONG, ID_DUPLICATE } from '../rule-ids.js';
import { controlCharacters } from '../text.js';

export const duplicateIds: Rule = (register) => {
  const seen = new Map<string, Entry>();
  const out: FieldDiagnostic[] = [];
  for (const e of register.entries) {
    const first = seen.get(e.data.id);
    if (first)
      out.push(
        error(
          e,
          ID_DUPLICATE,
          ['id'],
          `id ${e.data.id} is also used by ${first.file}`,
          'give each record its own id; the file name is the id',
        ),
      );
    else seen.set(e.data.id, e);
  }
  return out;
};

export const exceptionLength: Rule = (register) => {
  const max = register.config.exceptions.max_days;
  return entriesOf(register, exception).flatMap((e) => {
    const { approved_on, expires_on } = e.data;
    if (!approved_on || !expires_on || expires_on <= addDays(approved_on, max)) return [];
    return [
      error(
        e,
        EXCEPTION_TOO_LONG,
        ['expires_on'],
        `expires_on ${expires_on} is more than ${max} days after approval on ${approved_on}`,
        `set expires_on to ${addDays(approved_on, max)} or earlier (exceptions.max_days in cim.yaml)`,
      ),
    ];
  });
};

/** Records and cim.yaml hold plain text, nothing a terminal would act on. */
export const plainText: Rule = (register) => [
  ...controlCharacters(register.config, CONFIG_FILE),
  ...register.entries.flatMap((e) => controlCharacters(e.data, e.file)),
];
