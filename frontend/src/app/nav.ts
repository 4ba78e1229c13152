import type { Role } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * Main navigation for a role. Every member gets the patient items; members who moderate a
 * community (GET /me `moderator_of`) get the moderation area, administrators the appeals they
 * resolve and the administration area, and researchers their studies.
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
  if (role === 'researcher') items.push({ to: '/research', label: 'Research' });
  if (role === 'admin') items.push({ to: '/admin', label: 'Admin' });
  items.push({ to: '/privacy', label: 'Privacy' });
  items.push({ to: '/profile', label: 'Profile' });
  return items;
}
