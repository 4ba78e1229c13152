import { describe, expect, it } from 'vitest';
import { splitByRanges, utf16Index } from './ranges';

describe('splitByRanges', () => {
  it('marks the given ranges and keeps the rest as plain text', () => {
    expect(splitByRanges('my knee hurts after the knee brace', [[3, 7], [24, 28]])).toEqual([
      { text: 'my ', mark: null },
      { text: 'knee', mark: 0 },
      { text: ' hurts after the ', mark: null },
      { text: 'knee', mark: 1 },
      { text: ' brace', mark: null },
    ]);
  });

  it('counts Unicode characters, not UTF-16 units', () => {
    // "…" and the emoji are one character each for the server.
    const text = '…😀 café call 555 0100';
    const pieces = splitByRanges(text, [[8, 12]]);
    expect(pieces[1]).toEqual({ text: 'call', mark: 0 });
    expect(pieces[0]?.text).toBe('…😀 café ');
  });

  it('sorts, clamps and never marks a character twice', () => {
    expect(splitByRanges('abcdef', [[4, 99], [1, 3], [2, 5], [3, 3]])).toEqual([
      { text: 'a', mark: null },
      { text: 'bc', mark: 1 },
      { text: 'de', mark: 2 },
      { text: 'f', mark: 0 },
    ]);
  });

  it('returns the whole text when nothing is marked', () => {
    expect(splitByRanges('plain', [])).toEqual([{ text: 'plain', mark: null }]);
    expect(splitByRanges('', [[0, 2]])).toEqual([]);
  });
});

describe('utf16Index', () => {
  it('turns a code-point offset into a string index', () => {
    expect(utf16Index('😀abc', 1)).toBe(2);
    expect(utf16Index('abc', 2)).toBe(2);
    expect(utf16Index('ab', 9)).toBe(2);
  });
});
