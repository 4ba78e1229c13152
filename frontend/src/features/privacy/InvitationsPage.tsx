// The studies a member is invited to: what each is about, who runs it, what it asks for, and
// where the member's consent stands.
import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInvitations } from './queries';
import type { Invitation } from './types';

/** Where my consent to an invited study stands, in a few words. */
export function ConsentState({ invitation }: { invitation: Pick<Invitation, 'my_consent'> }) {
  const c = invitation.my_consent;
  if (!c) return <span className="badge">Not answered</span>;
  if (c.kind === 'withdrawn') return <span className="badge">You withdrew on {formatDate(c.at)}</span>;
  return <span className="badge badge-consented">You agreed on {formatDate(c.at)}</span>;
}

export function InvitationsPage() {
  usePageTitle('Study invitations');
  const invitations = useInvitations();
  return (
    <>
      <h1>Study invitations</h1>
      <p className="lead">
        Approved studies you may take part in, because of a condition you track or a community you belong to. Nothing
        about you is shared with a study unless you agree, and you choose exactly what.
      </p>
      {invitations.isPending && <Loading label="Loading your invitations" />}
      {invitations.isError && <ProblemAlert error={asProblemError(invitations.error)} focus={false} />}
      {invitations.data &&
        (invitations.data.items.length === 0 ? (
          <p className="muted">No study is inviting you right now. When one does, you will find it here.</p>
        ) : (
          <ul className="card-list">
            {invitations.data.items.map((inv) => (
              <li key={inv.study_id} className="card card-block invitation-card">
                <h2 className="card-heading">
                  <Link to={`/privacy/invitations/${inv.study_id}`}>{inv.title}</Link>
                </h2>
                <p className="muted">
                  Run by {inv.institution} · until {formatDate(inv.ends_on)} <ConsentState invitation={inv} />
                </p>
                <p>{inv.lay_summary}</p>
                <p>
                  <strong>It asks for:</strong> {inv.categories.map((c) => c.label).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
