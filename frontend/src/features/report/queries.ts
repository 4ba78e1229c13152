// What the report reads. Each section asks for its own data, keyed by the period, so changing
// the period or unticking a section asks only for what is shown.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Measurement, MeasurementType, QuestionnaireDetail, ResponseView } from '../../api/types';
import { hasUnitChoice } from '../measurements/units';
import { inPeriod, periodQuery, type Period } from './model';

export const reportKeys = {
  all: ['report'] as const,
  displayUnits: ['report', 'display-units'] as const,
};

/** The member's display units (`{type slug: UCUM}`), from the server. */
export function useDisplayUnitsMap() {
  return useQuery({
    queryKey: reportKeys.displayUnits,
    queryFn: async () => (await unwrap(api.GET('/api/v1/me/display-units'))).units,
  });
}

/** The unit readings of `type` are shown in: the member's choice where the type has one. */
export function unitFor(type: MeasurementType, units: Record<string, string> | undefined): string {
  const u = units?.[type.slug];
  return u && hasUnitChoice(type) && type.accepted_units.includes(u) ? u : type.unit;
}

export function useConditions(enabled: boolean) {
  return useQuery({
    queryKey: [...reportKeys.all, 'conditions'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/me/conditions')),
  });
}

/** Daily summaries of one type over the period. */
export function useDailySummary(type: string, period: Period, enabled: boolean) {
  const { from, to } = periodQuery(period);
  return useQuery({
    queryKey: [...reportKeys.all, 'summary', type, from, to],
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/measurements/summary', { params: { query: { type, from, to, bucket: 'day' } } })),
  });
}

/** At most this many readings of one type are read for a report (10 pages). */
export const MAX_READINGS = 2000;

/** Every reading of one type in the period, newest first (at most MAX_READINGS; `more` says when cut). */
export function useReadings(type: string, period: Period, enabled: boolean) {
  const { from, to } = periodQuery(period);
  return useQuery({
    queryKey: [...reportKeys.all, 'readings', type, from, to],
    enabled,
    queryFn: async (): Promise<{ items: Measurement[]; more: boolean }> => {
      const items: Measurement[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/me/measurements', { params: { query: { type, from, to, limit: 200, cursor } } }),
        );
        items.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor && items.length < MAX_READINGS);
      return { items, more: !!cursor };
    },
  });
}

export function useTargets(enabled: boolean) {
  return useQuery({
    queryKey: [...reportKeys.all, 'targets'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/me/targets')),
  });
}

/** The questionnaires, each with my scores in the period and its current version (for bands). */
export function useQuestionnaireScores(period: Period, enabled: boolean) {
  const { from, to } = periodQuery(period);
  return useQuery({
    queryKey: [...reportKeys.all, 'scores', from, to],
    enabled,
    queryFn: async () => {
      const list = await unwrap(api.GET('/api/v1/questionnaires'));
      const all = await Promise.all(
        list.items.map(async (q) => {
          const series = await unwrap(
            api.GET('/api/v1/me/questionnaires/{slug}/scores', { params: { path: { slug: q.slug } } }),
          );
          return { summary: q, answered: series.points.length > 0, points: series.points.filter((p) => inPeriod(p.submitted_at, period)) };
        }),
      );
      const shown = await Promise.all(
        all
          .filter((q) => q.points.length > 0)
          .map(async (q) => ({
            ...q,
            detail: await unwrap(api.GET('/api/v1/questionnaires/{slug}', { params: { path: { slug: q.summary.slug } } })),
          })),
      );
      return { shown, answered: all.filter((q) => q.answered).map((q) => q.summary) };
    },
  });
}

/** How many of the latest PHQ-9 responses in the period show their question 9 answer. */
export const ITEM9_LAST = 6;

export interface Item9Answer {
  response: ResponseView;
  /** The numeric answer (0 = "Not at all"), or null when not answered. */
  value: number | null;
  /** The answer's words in the version answered. */
  answer: string | null;
  /** The question's words. */
  question: string | null;
}

/** The latest PHQ-9 responses in the period (up to ITEM9_LAST) with their question 9 answers. */
export function useItem9Answers(period: Period, enabled: boolean, keyOf: (def: QuestionnaireDetail['version']['definition']) => string | null) {
  const { from, to } = periodQuery(period);
  return useQuery({
    queryKey: [...reportKeys.all, 'phq-9-item-9', from, to],
    enabled,
    queryFn: async (): Promise<Item9Answer[]> => {
      // Newest first: page until past the period's start (or enough are found).
      const found: ResponseView[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await unwrap(
          api.GET('/api/v1/me/responses', { params: { query: { questionnaire: 'phq-9', limit: 100, cursor } } }),
        );
        found.push(...page.items.filter((r) => inPeriod(r.submitted_at, period)));
        const oldest = page.items[page.items.length - 1];
        cursor = page.next_cursor && oldest && Date.parse(oldest.submitted_at) >= Date.parse(from) ? page.next_cursor : undefined;
        pages += 1;
      } while (cursor && found.length < ITEM9_LAST && pages < 20);
      const latest = found.slice(0, ITEM9_LAST);
      const versions = new Map<number, Promise<QuestionnaireDetail>>();
      const version = (v: number) => {
        if (!versions.has(v)) {
          versions.set(
            v,
            unwrap(api.GET('/api/v1/questionnaires/{slug}', { params: { path: { slug: 'phq-9' }, query: { version: v } } })),
          );
        }
        return versions.get(v)!;
      };
      return Promise.all(
        latest.map(async (r) => {
          const [detail, q] = await Promise.all([
            unwrap(api.GET('/api/v1/me/responses/{id}', { params: { path: { id: r.id } } })),
            version(r.version),
          ]);
          const def = q.version.definition;
          const key = keyOf(def);
          const item = def.items.find((i) => i.key === key);
          const value = detail.answers.find((a) => a.key === key)?.value_number ?? null;
          const option = item?.options?.find((o) => o.value === value);
          return { response: r, value, answer: option?.label ?? (value === null ? null : String(value)), question: item?.text ?? null };
        }),
      );
    },
  });
}
