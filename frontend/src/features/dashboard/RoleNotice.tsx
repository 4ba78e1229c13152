import { Link } from 'react-router';
import type { Role } from '../../api/types';

/**
 * Tells a researcher or an administrator where their own work lives: the pages the web app
 * has for their role, and the API (whose reference the server publishes at /api/docs) for what
 * it does not have yet. Patients see nothing here.
 */
export function RoleNotice({ role }: { role: Role }) {
  if (role === 'patient') return null;
  const text =
    role === 'researcher'
      ? {
          title: 'You are signed in as a researcher',
          to: '/research',
          page: 'Your studies',
          body: 'Each study’s page shows its cohort preview and its dataset requests (exports); all of it also works through the API.',
        }
      : {
          title: 'You are signed in as the administrator',
          to: '/admin',
          page: 'Administration',
          body: 'Pages for managing accounts, questionnaires and the audit log are not in the web app yet. Until they are, administrators work through the API.',
        };
  return (
    <div className="alert alert-info" role="note" aria-label={text.title}>
      <p className="alert-title">{text.title}</p>
      <p>
        Your work starts at <Link to={text.to}>{text.page}</Link>.
      </p>
      <p>
        {text.body} Its reference is at <a href="/api/docs/">the API documentation</a>. The
        tracking pages below work for your own health, like everyone else’s.
      </p>
    </div>
  );
}
