// Query keys and hooks of the privacy centre (the consent API, DESIGN §6.6).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const pKeys = {
  invitations: ['me', 'invitations'] as const,
  consents: ['me', 'consents'] as const,
  receipt: (id: string) => ['me', 'consents', id] as const,
  check: ['me', 'comprehension-check'] as const,
  dataAccess: ['me', 'data-access'] as const,
};

export function useInvitations() {
  return useQuery({ queryKey: pKeys.invitations, queryFn: () => unwrap(api.GET('/api/v1/me/invitations')) });
}

export function useConsents() {
  return useQuery({ queryKey: pKeys.consents, queryFn: () => unwrap(api.GET('/api/v1/me/consents')) });
}

export function useReceipt(id: string) {
  return useQuery({
    queryKey: pKeys.receipt(id),
    queryFn: () => unwrap(api.GET('/api/v1/me/consents/{id}', { params: { path: { id } } })),
  });
}

export function useComprehensionCheck() {
  return useQuery({ queryKey: pKeys.check, queryFn: () => unwrap(api.GET('/api/v1/me/comprehension-check')) });
}

/** Every research export that included me, newest first (always fetched afresh on opening). */
export function useDataAccess() {
  return useQuery({
    queryKey: pKeys.dataAccess,
    queryFn: () => unwrap(api.GET('/api/v1/me/data-access')),
    staleTime: 0,
  });
}
