import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const qKeys = {
  list: ['questionnaires'] as const,
  detail: (slug: string) => ['questionnaires', slug] as const,
  due: ['me', 'questionnaires', 'due'] as const,
  responses: ['me', 'responses'] as const,
  scores: (slug: string) => ['me', 'questionnaires', slug, 'scores'] as const,
};

export function useQuestionnaires() {
  return useQuery({
    queryKey: qKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/questionnaires')),
    staleTime: 10 * 60 * 1000,
  });
}

export function useQuestionnaire(slug: string) {
  return useQuery({
    queryKey: qKeys.detail(slug),
    queryFn: () => unwrap(api.GET('/api/v1/questionnaires/{slug}', { params: { path: { slug } } })),
    staleTime: 10 * 60 * 1000,
  });
}

export function useDue() {
  return useQuery({
    queryKey: qKeys.due,
    queryFn: () => unwrap(api.GET('/api/v1/me/questionnaires/due')),
  });
}

export function useMyResponses() {
  return useQuery({
    queryKey: qKeys.responses,
    queryFn: () => unwrap(api.GET('/api/v1/me/responses')),
  });
}

export function useScores(slug: string) {
  return useQuery({
    queryKey: qKeys.scores(slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/questionnaires/{slug}/scores', { params: { path: { slug } } })),
  });
}

/** "moderately severe" → "Moderately severe". */
export function bandLabel(band: string | null | undefined): string | null {
  if (!band) return null;
  return band.charAt(0).toUpperCase() + band.slice(1);
}
