// Splitting text at character ranges the server gives (search highlights, privacy findings).
// The server counts Unicode characters (code points); JavaScript strings count UTF-16 units,
// so every offset goes through `Array.from`.

export interface Piece {
  text: string;
  /** Index of the range this piece is inside, or null for plain text. */
  mark: number | null;
}

/**
 * Cuts `text` into plain and marked pieces at `[start, end)` code-point ranges. Ranges are
 * clamped to the text; empty ones are dropped; a range overlapping an earlier one starts where
 * that one ended, so no character is marked twice.
 */
export function splitByRanges(text: string, ranges: readonly (readonly [number, number])[]): Piece[] {
  const chars = Array.from(text);
  const order = ranges
    .map(([start, end], index) => ({ start: Math.max(0, start), end: Math.min(chars.length, end), index }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: Piece[] = [];
  let at = 0;
  for (const r of order) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) pieces.push({ text: chars.slice(at, start).join(''), mark: null });
    pieces.push({ text: chars.slice(start, r.end).join(''), mark: r.index });
    at = r.end;
  }
  if (at < chars.length) pieces.push({ text: chars.slice(at).join(''), mark: null });
  return pieces;
}

/** The UTF-16 index (for `setSelectionRange`) of code point `cp` in `text`. */
export function utf16Index(text: string, cp: number): number {
  let units = 0;
  let n = 0;
  for (const ch of text) {
    if (n >= cp) break;
    units += ch.length;
    n += 1;
  }
  return units;
}
