import { Link } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';

const AREAS = [
  {
    to: '/admin/researchers',
    title: 'Researcher applications',
    text: 'Check who asks to become a researcher; approve or turn down with a reason.',
  },
  {
    to: '/admin/studies',
    title: 'Studies to review',
    text: 'Approve a study, choosing how exports give dates, or send it back with a reason.',
  },
  { to: '/moderation/appeals', title: 'Appeals', text: 'Members’ appeals against moderators’ decisions.' },
  { to: '/admin/conditions', title: 'Conditions', text: 'The catalog of conditions members choose from; add one.' },
  {
    to: '/admin/communities',
    title: 'Communities',
    text: 'Create a community, change its settings or archive it, and appoint or remove its moderators.',
  },
  {
    to: '/admin/questionnaires',
    title: 'Questionnaires',
    text: 'Create a questionnaire, draft a new version, publish it, or retire an old one.',
  },
  { to: '/admin/users', title: 'Members', text: 'Every account; suspend one with a reason, or lift a suspension.' },
  {
    to: '/admin/flags',
    title: 'Flagged accounts',
    text: 'Accounts that read community content faster than a person can.',
  },
  {
    to: '/admin/audit',
    title: 'Audit log',
    text: 'Who did what and when, filtered by action or by who acted.',
  },
];

/** What administrators look after in the web app. */
export function AdminHome() {
  usePageTitle('Administration');
  return (
    <>
      <h1>Administration</h1>
      <ul className="card-list">
        {AREAS.map((a) => (
          <li className="card" key={a.to}>
            <div>
              <p className="card-title">
                <Link to={a.to}>{a.title}</Link>
              </p>
              <p className="muted">{a.text}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
