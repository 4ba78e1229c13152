// The data-access log in words: "Study X (Institution) received your blood pressure
// measurements and PHQ-9 answers on 3 May — 42 days of data".
import type { components } from '../../api/schema';

export type DataAccessEntry = components['schemas']['DataAccessEntry'];

/** "Blood pressure" → "blood pressure"; names that are not plain capitalised words stay. */
export function lowerFirst(name: string): string {
  return /^[A-Z][a-z]*(\b|$)/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const FIXED: Record<string, string> = {
  demographics: 'age band and country',
  conditions: 'conditions and the years they were diagnosed',
};

/**
 * What a category reads as after "your": catalog names first (`measurement:blood_pressure` →
 * "blood pressure measurements", `questionnaire:phq-9` → "PHQ-9 answers"), else the server's
 * own label without its leading "Your".
 */
export function categoryPhrase(
  key: string,
  serverLabel: string | undefined,
  catalog: ReadonlyMap<string, string>,
): string {
  const fixed = FIXED[key];
  if (fixed) return fixed;
  const [kind, slug] = key.split(':');
  const name = catalog.get(key);
  if (name && kind === 'measurement') return `${lowerFirst(name)} measurements`;
  if (name && kind === 'questionnaire') return `${name} answers`;
  if (serverLabel) return serverLabel.replace(/^your\s+/i, '');
  return slug ? `${slug.replace(/_/g, ' ')} ${kind === 'questionnaire' ? 'answers' : 'measurements'}` : key;
}

/** "42 days of data", "1 day of data"; null for none (only undated data, such as demographics). */
export function daysText(days: number): string | null {
  if (days <= 0) return null;
  return `${days} ${days === 1 ? 'day' : 'days'} of data`;
}

/** The whole line for one export that included me. */
export function accessSentence(
  e: Pick<
    DataAccessEntry,
    'study_title' | 'institution' | 'categories' | 'category_labels' | 'days_of_data' | 'exported_at'
  >,
  catalog: ReadonlyMap<string, string>,
  formatDay: (iso: string) => string,
): string {
  const what = joinWords(e.categories.map((c, i) => categoryPhrase(c, e.category_labels[i], catalog)));
  const days = daysText(e.days_of_data);
  const shared = what ? `your ${what}` : 'your data';
  const when = formatDay(e.exported_at);
  return `${e.study_title} (${e.institution}) received ${shared} on ${when}${days ? ` — ${days}` : ''}`;
}
