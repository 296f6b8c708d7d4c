// The tests behind the rules that refuse a field filled for form's sake.
import { describe, expect, it } from 'vitest';
import {
  isPlaceholder,
  isPlaceholderCause,
  normalise,
  restates,
  wordCount,
} from '../../src/domain/validate/substance.js';

describe('normalise', () => {
  it('folds case, accents, punctuation and spacing', () => {
    expect(normalise('  Café — “Root”  CAUSE!! ')).toBe('cafe root cause');
  });
  it('folds plain ASCII text the same way', () => {
    expect(normalise('  Cafe -- "Root"  CAUSE!! ')).toBe('cafe root cause');
    expect(normalise('n/a')).toBe(normalise('N/Ā'));
  });
});

describe('isPlaceholder', () => {
  it.each(['n/a', 'N/A', ' - ', '?', 'TBD.', 'None', 'unknown', 'Human error', 'not applicable'])(
    '%j is a placeholder',
    (text) => expect(isPlaceholder(text)).toBe(true),
  );
  it.each(['No owner for the quarterly review task', 'Backups were not tested', 'nobody'])('%j is not', (text) =>
    expect(isPlaceholder(text)).toBe(false),
  );
});

describe('isPlaceholderCause', () => {
  it('refuses a bare cause and one with too short a why', () => {
    expect(isPlaceholderCause('Human error')).toBe(true);
    expect(isPlaceholderCause('human error by ops')).toBe(true);
  });
  it('takes a bare cause that goes on to say why', () => {
    expect(isPlaceholderCause('Human error: the runbook step was ambiguous and untested')).toBe(false);
  });
});

describe('restates', () => {
  const description = 'The quarterly access review for Q1 was not carried out.';
  it('finds the same text, however punctuated', () => {
    expect(restates('the quarterly access review for q1 was not carried out', description)).toBe(true);
  });
  it('finds a text whose words are all in the other', () => {
    expect(restates('Access review not carried out', description)).toBe(true);
  });
  it('takes a text that adds a cause', () => {
    expect(restates('No owner was assigned to the review task after the reorganisation', description)).toBe(false);
  });
});

describe('wordCount', () => {
  it('counts words, not punctuation', () => expect(wordCount('Ticket OPS-12 — closed.')).toBe(4));
});
