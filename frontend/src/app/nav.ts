import type { Role } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * Main navigation for a role. Every member gets the patient items; research and admin areas
 * join this list as they are built (their routes stay out of the nav until then).
 */
export function navItems(role: Role | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [
    { to: '/dashboard', label: 'Dashboard' },
    { to: '/measurements', label: 'Measurements' },
    { to: '/questionnaires', label: 'Questionnaires' },
    { to: '/profile', label: 'Profile' },
  ];
  return items;
}
