// The profile's sections, beside the page in view.
import { SubnavLayout, type Section } from '../../components/SubnavLayout';

const SECTIONS: Section[] = [
  { to: '/profile', label: 'Profile', end: true },
  { to: '/profile/password', label: 'Password', end: false },
  { to: '/profile/sessions', label: 'Signed-in devices', end: false },
  { to: '/profile/data', label: 'Your data', end: false },
];

export function ProfileLayout() {
  return <SubnavLayout label="Profile sections" sections={SECTIONS} />;
}
