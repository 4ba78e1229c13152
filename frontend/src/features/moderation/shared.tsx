// What the moderation pages share: query keys, refreshing after an action, the status line.
import { useQueryClient } from '@tanstack/react-query';
import type { ModAction } from '../../api/types';
import { cKeys } from '../communities/queries';

export const mKeys = {
  mine: ['me', 'communities'] as const,
  reports: (slug: string) => ['moderation', 'reports', slug] as const,
  held: (slug: string) => ['moderation', 'held', slug] as const,
  appeals: ['moderation', 'appeals'] as const,
};

/** Every moderation query (and the community pages they change) goes stale after an action. */
export function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['moderation'] }),
      queryClient.invalidateQueries({ queryKey: cKeys.all }),
    ]);
}

export function Status({ message }: { message: string }) {
  return (
    <p role="status" className="status-text">
      {message}
    </p>
  );
}

/** Whom or what an action was about, in a few words. */
export function target(a: ModAction): string {
  if (a.member) return a.member;
  return `${a.target_kind} ${a.target_id.slice(0, 8)}`;
}
