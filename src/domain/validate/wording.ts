// Words that messages about records share.
import type { Kind } from '../kind.js';

/** "an incident", "a nonconformity": the words with the article they take. */
export function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

export function article(kind: Kind): string {
  return withArticle(kind.title.toLowerCase());
}
