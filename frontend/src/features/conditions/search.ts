import type { Condition } from '../../api/types';

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Conditions whose name (any word start, or anywhere for 3+ letters) or ICD-10 code matches
 * the query; name-prefix matches first.
 */
export function searchConditions(catalog: Condition[], query: string): Condition[] {
  const q = fold(query.trim());
  if (!q) return catalog;
  const scored: [number, Condition][] = [];
  for (const c of catalog) {
    const name = fold(c.name);
    const code = c.icd10.toLowerCase();
    let score = -1;
    if (name.startsWith(q)) score = 0;
    else if (name.split(/[\s(),/-]+/).some((w) => w.startsWith(q))) score = 1;
    else if (code.startsWith(q)) score = 2;
    else if (q.length >= 3 && name.includes(q)) score = 3;
    if (score >= 0) scored.push([score, c]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name)).map(([, c]) => c);
}
