// The cohort preview's plain logic: one bar per count a researcher may see. A count below k
// comes from the server only as "fewer than k" (no number), so it gets no bar at all: a bar
// of any length would claim a size nobody may know.
import type { components } from '../../api/schema';

export type Cohort = components['schemas']['CohortResponse'];
export type CohortCount = components['schemas']['CountResponse'];

export interface CohortBar {
  /** Stable key for the row. */
  key: string;
  /** What the row counts ("Eligible members", a category's name). */
  label: string;
  /** The count as it may be read: "0", "fewer than 11", "at least 22". */
  text: string;
  /** Bar length in percent of the scale; null when the count is suppressed (no bar). */
  percent: number | null;
  suppressed: boolean;
}

/** The scale's top: the largest shown lower bound, and never less than k (so k fits on it). */
export function scaleMax(counts: readonly CohortCount[], k: number): number {
  let max = Math.max(k, 1);
  for (const c of counts) if (!c.suppressed && c.at_least != null) max = Math.max(max, c.at_least);
  return max;
}

/** One count as a bar: its length in percent of `max`, or none when suppressed. */
export function barOf(count: CohortCount, max: number): Pick<CohortBar, 'text' | 'percent' | 'suppressed'> {
  if (count.suppressed) return { text: count.label, percent: null, suppressed: true };
  const n = count.at_least ?? 0;
  const percent = max > 0 ? Math.min(100, Math.max(0, (n / max) * 100)) : 0;
  return { text: count.label, percent: Math.round(percent * 10) / 10, suppressed: false };
}

/**
 * The rows of the preview: eligible and consenting members, then the consenting members of
 * each requested category, all on one scale.
 */
export function cohortBars(cohort: Cohort, nameOf: (category: string) => string): CohortBar[] {
  const counts = [cohort.eligible, cohort.consenting, ...cohort.categories.map((c) => c.consenting)];
  const max = scaleMax(counts, cohort.k);
  return [
    { key: 'eligible', label: 'Eligible members', ...barOf(cohort.eligible, max) },
    { key: 'consenting', label: 'Members who consent', ...barOf(cohort.consenting, max) },
    ...cohort.categories.map((c) => ({
      key: `category:${c.category}`,
      label: nameOf(c.category),
      ...barOf(c.consenting, max),
    })),
  ];
}

/** Where the minimum cohort k sits on the scale, in percent. */
export function kPercent(cohort: Cohort): number {
  const counts = [cohort.eligible, cohort.consenting, ...cohort.categories.map((c) => c.consenting)];
  return Math.round((cohort.k / scaleMax(counts, cohort.k)) * 1000) / 10;
}

/** Whether enough members consent for an export (the server decides; this only guides). */
export function enoughToExport(cohort: Cohort): boolean {
  const c = cohort.consenting;
  return !c.suppressed && (c.at_least ?? 0) >= cohort.k;
}

/** Categories too few members granted: an export leaves them out. */
export function thinCategories(cohort: Cohort): string[] {
  return cohort.categories
    .filter((c) => c.consenting.suppressed || (c.consenting.at_least ?? 0) < cohort.k)
    .map((c) => c.category);
}
