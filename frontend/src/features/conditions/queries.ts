import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ConditionStatus } from '../../api/types';

export const catalogKey = ['conditions'] as const;
export const myConditionsKey = ['me', 'conditions'] as const;

export function useConditionCatalog() {
  return useQuery({
    queryKey: catalogKey,
    queryFn: () => unwrap(api.GET('/api/v1/conditions')),
    staleTime: 60 * 60 * 1000,
  });
}

export function useMyConditions() {
  return useQuery({
    queryKey: myConditionsKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/conditions')),
  });
}

/** Plain words for each status (a Record, so a new server status fails the build). */
export const STATUS_LABEL: Record<ConditionStatus, string> = {
  active: 'I have it now',
  in_remission: 'In remission',
  resolved: 'I no longer have it',
};
