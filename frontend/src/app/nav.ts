import type { Role } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * Main navigation for a role. Every member gets the patient items; members who moderate a
 * community (GET /me `moderator_of`) get the moderation area, and administrators the appeals
 * they resolve. Research and admin areas join this list as they are built.
 */
export function navItems(role: Role | undefined, opts: { moderator?: boolean } = {}): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [
    { to: '/dashboard', label: 'Dashboard' },
    { to: '/measurements', label: 'Measurements' },
    { to: '/questionnaires', label: 'Questionnaires' },
    { to: '/communities', label: 'Communities' },
    { to: '/notifications', label: 'Notifications' },
  ];
  if (opts.moderator) items.push({ to: '/moderation', label: 'Moderation' });
  else if (role === 'admin') items.push({ to: '/moderation/appeals', label: 'Appeals' });
  items.push({ to: '/profile', label: 'Profile' });
  return items;
}
