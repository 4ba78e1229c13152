import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const meKey = ['me'] as const;
export const sessionsKey = ['me', 'sessions'] as const;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => unwrap(api.GET('/api/v1/me')) });
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/sessions')),
  });
}
