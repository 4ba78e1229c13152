// Studies by status for administrators; by default the review queue (submitted, oldest first).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { StudyStatus } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STUDY_STATUS } from '../research/queries';
import { StatusBadge } from '../research/StudyDetails';

export const adminStudiesKey = ['admin', 'studies'] as const;

export function StudiesQueuePage() {
  usePageTitle('Studies to review');
  const [status, setStatus] = useState<StudyStatus>('submitted');
  const studies = useQuery({
    queryKey: [...adminStudiesKey, status],
    queryFn: () => unwrap(api.GET('/api/v1/studies', { params: { query: { status, limit: 200 } } })),
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Studies to review</h1>
      <p className="lead">
        Check that each requested category is needed for the purpose, that its reason is clear to a patient, and
        that the ethics reference is real.
      </p>
      <SelectField label="Show studies" value={status} onChange={(e) => setStatus(e.target.value as StudyStatus)}>
        {(Object.keys(STUDY_STATUS) as StudyStatus[]).map((s) => (
          <option key={s} value={s}>
            {STUDY_STATUS[s]}
          </option>
        ))}
      </SelectField>
      {studies.isPending && <Loading label="Loading studies" />}
      {studies.isError && <ProblemAlert error={asProblemError(studies.error)} focus={false} />}
      {studies.data &&
        (studies.data.items.length === 0 ? (
          <p className="muted">No studies here.</p>
        ) : (
          <ul className="card-list">
            {studies.data.items.map((s) => (
              <li key={s.id} className="card">
                <div>
                  <p className="card-title">
                    <Link to={`/admin/studies/${s.id}`}>{s.title}</Link>
                  </p>
                  <p className="muted">
                    {s.submitted_at ? `Submitted ${formatDateTime(s.submitted_at)}` : `Drafted ${formatDateTime(s.created_at)}`}
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
