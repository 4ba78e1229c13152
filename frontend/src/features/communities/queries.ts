import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { FindingKind, ModActionKind, ReportCategory } from '../../api/types';

export const cKeys = {
  all: ['communities'] as const,
  list: ['communities', 'list'] as const,
  one: (slug: string) => ['communities', 'one', slug] as const,
  threads: (slug: string) => ['communities', 'threads', slug] as const,
  thread: (id: string) => ['communities', 'thread', id] as const,
  search: (slug: string, q: string) => ['communities', 'search', slug, q] as const,
  modlog: (slug: string) => ['communities', 'modlog', slug] as const,
  notifications: ['me', 'notifications'] as const,
};

export function useCommunities() {
  return useQuery({
    queryKey: cKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/communities')),
  });
}

export function useCommunity(slug: string) {
  return useQuery({
    queryKey: cKeys.one(slug),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
  });
}

export function useThreads(slug: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: cKeys.threads(slug),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/communities/{slug}/threads', {
          params: { path: { slug }, query: { limit: 30, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}

export function useThread(id: string) {
  return useInfiniteQuery({
    queryKey: cKeys.thread(id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/threads/{id}', {
          params: { path: { id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Reading moves the read position; refetching on focus would mark posts read unseen.
    refetchOnWindowFocus: false,
  });
}

export function useSearch(slug: string, q: string) {
  return useQuery({
    queryKey: cKeys.search(slug, q),
    queryFn: () =>
      unwrap(api.GET('/api/v1/communities/{slug}/search', { params: { path: { slug }, query: { q, limit: 20 } } })),
    enabled: q.trim() !== '',
  });
}

/** The community's moderation log (first pages): where members find the actions about them. */
export function useModLog(slug: string, enabled = true) {
  return useQuery({
    queryKey: cKeys.modlog(slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/communities/{slug}/modlog', { params: { path: { slug }, query: { limit: 100 } } })),
    enabled,
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: cKeys.notifications,
    queryFn: () => unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit: 50 } } })),
  });
}

export const REPORT_CATEGORIES: { value: ReportCategory; label: string; hint: string }[] = [
  { value: 'self_harm', label: 'Someone may be at risk of harming themselves', hint: 'Moderators see these first.' },
  { value: 'harassment', label: 'Harassment or abuse', hint: 'Insults, threats or targeting a member.' },
  { value: 'misinformation', label: 'Harmful medical misinformation', hint: 'Advice that could hurt someone who follows it.' },
  { value: 'promotion', label: 'Selling or promoting something', hint: 'Testimonials, products, clinics, referral links.' },
  { value: 'privacy', label: 'It reveals someone’s private details', hint: 'Names, contact details, addresses.' },
  { value: 'spam', label: 'Spam', hint: 'Repeated or off-topic posts.' },
  { value: 'other', label: 'Something else', hint: 'Tell the moderators what is wrong below.' },
];

export function categoryLabel(c: ReportCategory): string {
  return REPORT_CATEGORIES.find((x) => x.value === c)?.label ?? c;
}

export const FINDING_NAMES: Record<FindingKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  street_address: 'a street address',
  date_of_birth: 'a date of birth',
  national_id: 'an ID or insurance number',
  social_profile: 'a social media profile',
};

export const ACTION_NAMES: Record<ModActionKind, string> = {
  report_dismissed: 'Report dismissed',
  post_removed: 'Post removed',
  post_restored: 'Post restored',
  thread_removed: 'Thread removed',
  thread_restored: 'Thread restored',
  thread_locked: 'Thread locked',
  thread_unlocked: 'Thread unlocked',
  thread_pinned: 'Thread pinned',
  thread_unpinned: 'Thread unpinned',
  post_approved: 'Post approved',
  post_rejected: 'Post rejected',
  member_warned: 'Member warned',
  member_banned: 'Member banned',
  member_unbanned: 'Member unbanned',
  appeal_reversed: 'Appeal granted: action reversed',
  appeal_upheld: 'Appeal turned down: action upheld',
};

/** Actions a member may appeal (once). */
export const APPEALABLE: ReadonlySet<ModActionKind> = new Set([
  'post_removed',
  'thread_removed',
  'post_rejected',
  'member_warned',
  'member_banned',
]);
