// The privacy centre's sections, beside the page in view.
import { SubnavLayout, type Section } from '../../components/SubnavLayout';

const SECTIONS: Section[] = [
  { to: '/privacy', label: 'Study invitations', end: true },
  { to: '/privacy/consents', label: 'Your consents', end: false },
  { to: '/privacy/data-access', label: 'Data access', end: false },
  { to: '/privacy/visibility', label: 'Profile visibility', end: false },
];

export function PrivacyLayout() {
  return <SubnavLayout label="Privacy sections" sections={SECTIONS} />;
}
