import { Link } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';

/** What administrators look after in the web app. */
export function AdminHome() {
  usePageTitle('Administration');
  return (
    <>
      <h1>Administration</h1>
      <ul className="card-list">
        <li className="card">
          <div>
            <p className="card-title">
              <Link to="/admin/researchers">Researcher applications</Link>
            </p>
            <p className="muted">Check who asks to become a researcher; approve or turn down with a reason.</p>
          </div>
        </li>
        <li className="card">
          <div>
            <p className="card-title">
              <Link to="/admin/studies">Studies to review</Link>
            </p>
            <p className="muted">Approve a study, choosing how exports give dates, or send it back with a reason.</p>
          </div>
        </li>
        <li className="card">
          <div>
            <p className="card-title">
              <Link to="/moderation/appeals">Appeals</Link>
            </p>
            <p className="muted">Members’ appeals against moderators’ decisions.</p>
          </div>
        </li>
      </ul>
    </>
  );
}
