// A researcher's studies, newest first.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAuth } from '../auth/AuthProvider';
import { rKeys } from './queries';
import { StatusBadge } from './StudyDetails';

export function StudiesPage() {
  usePageTitle('Your studies');
  const { user } = useAuth();
  const researcher = user?.role === 'researcher';
  const studies = useQuery({
    queryKey: rKeys.studies,
    queryFn: () => unwrap(api.GET('/api/v1/studies', { params: { query: { limit: 200 } } })),
    enabled: researcher,
  });
  if (!researcher) {
    return (
      <>
        <h1>Your studies</h1>
        <p>
          Only verified researchers draft studies. <Link to="/research/apply">Apply to become a researcher</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Your studies</h1>
      <p className="lead">
        Draft a study, send it for review, and once an administrator approves it, members who may take part are
        invited.
      </p>
      <p>
        <Link to="/research/studies/new" className="button-link">
          Draft a new study
        </Link>
      </p>
      {studies.isPending && <Loading label="Loading your studies" />}
      {studies.isError && <ProblemAlert error={asProblemError(studies.error)} focus={false} />}
      {studies.data &&
        (studies.data.items.length === 0 ? (
          <p className="muted">You have no studies yet.</p>
        ) : (
          <ul className="card-list">
            {studies.data.items.map((s) => (
              <li key={s.id} className="card">
                <div>
                  <p className="card-title">
                    <Link to={`/research/studies/${s.id}`}>{s.title}</Link>
                  </p>
                  <p className="muted">
                    Updated {formatDate(s.updated_at)} · ends {formatDate(s.ends_on)}
                  </p>
                </div>
                <StatusBadge study={s} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
