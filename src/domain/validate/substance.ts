// Whether a text says something: the tests behind the rules that refuse a field filled for form's
// sake. A placeholder ("n/a", "tbd", "human error") fills a required field and says nothing; a root
// cause that restates the description names the symptom again; evidence of one word is no
// evidence. Each test compares normalised text (case, accents, punctuation and spacing aside).

/** The text folded for comparison: lower case, accents and punctuation gone, words one space apart. */
export function normalise(text: string): string {
  // Most text is ASCII, where the Unicode folding has nothing to do: rules run this on every
  // record of the register, on each step.
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text, normalised. */
export const words = (text: string): string[] => normalise(text).split(' ').filter(Boolean);

/** How many words a text has. */
export const wordCount = (text: string): number => words(text).length;

/**
 * Texts that fill a field without saying anything, normalised. "n/a" normalises to "n a", "-" and
 * "?" to nothing (a text of punctuation alone is a placeholder too).
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'n a',
  'na',
  'not applicable',
  'none',
  'nil',
  'nothing',
  'no',
  'yes',
  'ok',
  'done',
  'x',
  'tbd',
  'tbc',
  'to be decided',
  'to be confirmed',
  'todo',
  'to do',
  'pending',
  'unknown',
  'not known',
  'see above',
  'as above',
  'same as above',
  'see ticket',
  'various',
  'misc',
  'other',
  'human error',
  'user error',
  'operator error',
  'mistake',
  'oversight',
  'error',
  'lessons learned',
  'none identified',
  'nothing to report',
  'no lessons',
  'no lessons learned',
]);

/** Whether a text is a placeholder: one of the words above, or punctuation alone. */
export function isPlaceholder(text: string): boolean {
  const folded = normalise(text);
  return folded === '' || PLACEHOLDERS.has(folded);
}

/** The fewest words a reason, a justification or a piece of evidence says anything checkable in. */
export const FEWEST_WORDS = 3;

/** Whether a reason or evidence says too little to stand: a placeholder, or under `fewest` words. */
export const saysTooLittle = (text: string, fewest = FEWEST_WORDS): boolean =>
  isPlaceholder(text) || wordCount(text) < fewest;

/**
 * Causes that name who or what failed but not why ("human error"): refused unless the text goes on
 * to say why, in at least this many words more.
 */
const BARE_CAUSES = ['human error', 'user error', 'operator error', 'unknown', 'mistake', 'oversight', 'error'];
const WHY_WORDS = 4;

/** Whether a cause is a placeholder, or a bare cause ("human error …") with too little of a why. */
export function isPlaceholderCause(text: string): boolean {
  if (isPlaceholder(text)) return true;
  const folded = normalise(text);
  return BARE_CAUSES.some((bare) => folded.startsWith(`${bare} `) && wordCount(folded.slice(bare.length)) < WHY_WORDS);
}

/** Words too common to tell two texts apart. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the and or of to in on at for by with from as is was were be been are it its this that not no did do does had has have there their they we our'.split(
    ' ',
  ),
);

const contentWords = (text: string): Set<string> => new Set(words(text).filter((w) => !STOP_WORDS.has(w)));

/**
 * Whether `text` restates `other`: the same once normalised, or nearly every word of substance in
 * it (at least 85%) already in `other`, so it adds nothing. A root cause that repeats the
 * description, or a corrective action that repeats the correction, restates it.
 */
export function restates(text: string, other: string): boolean {
  const a = normalise(text);
  const b = normalise(other);
  if (a === '' || a === b) return a === b;
  const mine = contentWords(text);
  if (mine.size === 0) return false;
  const theirs = contentWords(other);
  const shared = [...mine].filter((w) => theirs.has(w)).length;
  return shared / mine.size >= 0.85;
}
