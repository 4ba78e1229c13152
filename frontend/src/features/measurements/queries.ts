import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const mKeys = {
  types: ['measurement-types'] as const,
  all: ['me', 'measurements'] as const,
};

export function useMeasurementTypes() {
  return useQuery({
    queryKey: mKeys.types,
    queryFn: () => unwrap(api.GET('/api/v1/measurement-types')),
    staleTime: 60 * 60 * 1000,
  });
}
