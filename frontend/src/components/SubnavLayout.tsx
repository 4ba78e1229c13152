// A page area with its own section links beside the page in view (profile, privacy centre).
import { NavLink, Outlet } from 'react-router';

export interface Section {
  to: string;
  label: string;
  /** Active only on exactly this path (the area's index page). */
  end: boolean;
}

export function SubnavLayout({ label, sections }: { label: string; sections: Section[] }) {
  return (
    <div className="with-subnav">
      <nav aria-label={label} className="subnav">
        <ul>
          {sections.map((s) => (
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
