import { NavLink, Outlet } from 'react-router';

const SECTIONS = [
  { to: '/profile', label: 'Profile', end: true },
  { to: '/profile/password', label: 'Password', end: false },
  { to: '/profile/sessions', label: 'Signed-in devices', end: false },
  { to: '/profile/data', label: 'Your data', end: false },
];

export function ProfileLayout() {
  return (
    <div className="with-subnav">
      <nav aria-label="Profile sections" className="subnav">
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
