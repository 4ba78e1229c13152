import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const unreadKey = ['me', 'notifications', 'unread'] as const;

/** How many of my notifications are unread (for the header); 0 until known. */
export function useUnreadCount(): number {
  const q = useQuery({
    queryKey: unreadKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit: 1 } } })),
    refetchInterval: 60_000,
  });
  return q.data?.unread_count ?? 0;
}
