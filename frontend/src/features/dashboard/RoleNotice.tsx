import type { Role } from '../../api/types';

/**
 * Tells a researcher or an administrator where their own work lives. The web app's research
 * and administration pages arrive in a later version; until then those roles work through the
 * API, whose reference the server publishes at /api/docs. Patients see nothing here.
 */
export function RoleNotice({ role }: { role: Role }) {
  if (role === 'patient') return null;
  const text =
    role === 'researcher'
      ? {
          title: 'You are signed in as a researcher',
          body: 'Pages for studies and dataset requests are not in the web app yet. Until they are, researchers work through the API.',
        }
      : {
          title: 'You are signed in as the administrator',
          body: 'Pages for managing accounts, questionnaires and the audit log are not in the web app yet. Until they are, administrators work through the API.',
        };
  return (
    <div className="alert alert-info" role="note" aria-label={text.title}>
      <p className="alert-title">{text.title}</p>
      <p>
        {text.body} Its reference is at <a href="/api/docs/">the API documentation</a>. The
        tracking pages below work for your own health, like everyone else’s.
      </p>
    </div>
  );
}
