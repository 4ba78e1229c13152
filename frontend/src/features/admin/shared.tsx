// What the administration pages share on screen: the breadcrumb back to the admin home and the
// polite status line that announces what an action did.
import { Fragment } from 'react';
import { Link } from 'react-router';

/** "Administration › …" above the heading; `trail` are the pages between home and this one. */
export function AdminCrumbs({ trail = [] }: { trail?: { to: string; label: string }[] }) {
  return (
    <p className="breadcrumb">
      <Link to="/admin">Administration</Link>
      {trail.map((t) => (
        <Fragment key={t.to}>
          {' › '}
          <Link to={t.to}>{t.label}</Link>
        </Fragment>
      ))}
    </p>
  );
}

export function Status({ message }: { message: string }) {
  return (
    <p role="status" className="status-text">
      {message}
    </p>
  );
}
