// The privacy centre's sections, beside the page in view.
import { NavLink, Outlet } from 'react-router';

const SECTIONS = [
  { to: '/privacy', label: 'Study invitations', end: true },
  { to: '/privacy/consents', label: 'Your consents', end: false },
  { to: '/privacy/data-access', label: 'Data access', end: false },
  { to: '/privacy/visibility', label: 'Profile visibility', end: false },
];

export function PrivacyLayout() {
  return (
    <div className="with-subnav">
      <nav aria-label="Privacy sections" className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="subnav-content">
        <Outlet />
      </div>
    </div>
  );
}
