// The categories a study may request, built from the real catalogs, and how the server's field
// errors about the categories sent find the picker's rows.
import { ProblemError } from '../../api/problem';
import type { MeasurementType, QuestionnaireSummary } from '../../api/types';

export interface CategoryOption {
  /** What the server calls it: `demographics`, `questionnaire:phq-9`, `measurement:body_weight`. */
  key: string;
  label: string;
  group: 'About the member' | 'Questionnaires' | 'Measurements';
}

export function categoryOptions(
  questionnaires: readonly Pick<QuestionnaireSummary, 'slug' | 'title'>[],
  types: readonly Pick<MeasurementType, 'slug' | 'name'>[],
): CategoryOption[] {
  return [
    { key: 'demographics', label: 'Birth year, sex and country', group: 'About the member' },
    { key: 'conditions', label: 'Conditions they live with', group: 'About the member' },
    ...questionnaires.map((q) => ({ key: `questionnaire:${q.slug}`, label: q.title, group: 'Questionnaires' as const })),
    ...types.map((t) => ({ key: `measurement:${t.slug}`, label: t.name, group: 'Measurements' as const })),
  ];
}

/** A readable name for a category string, using the catalogs when they know it. */
export function categoryLabel(key: string, options: readonly CategoryOption[]): string {
  const known = options.find((o) => o.key === key);
  if (known) return known.group === 'About the member' ? known.label : `${known.label} (${known.group.toLowerCase().replace(/s$/, '')})`;
  const [kind, slug] = key.split(':');
  return slug ? `${slug} (${kind})` : key;
}

/**
 * Rewrites a 422's field names from what was sent (`categories[2].reason`, `conditions[0]`) to
 * the form's own (`cats.7.reason`, `conditions`): `sent[i]` is the picker row the i-th sent
 * category came from. `categories` itself (none chosen) becomes `picker`.
 */
export function placeStudyErrors(err: ProblemError, sent: readonly number[]): ProblemError {
  const errors = err.fieldErrors;
  if (errors.length === 0) return err;
  const renamed = errors.map((fe) => {
    const cat = /^categories\[(\d+)\]\.(reason|category)$/.exec(fe.field);
    if (cat) {
      const row = sent[Number(cat[1])];
      return row === undefined ? fe : { ...fe, field: `cats.${row}.reason` };
    }
    if (fe.field === 'categories') return { ...fe, field: 'picker' };
    const elig = /^(conditions|communities)\[\d+\]$/.exec(fe.field);
    if (elig?.[1]) return { ...fe, field: elig[1] };
    return fe;
  });
  return new ProblemError({ ...err.problem, errors: renamed });
}
