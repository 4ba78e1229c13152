// Researcher applications by status (pending first): approve, or turn down with a reason.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { Application, ApplicationStatus } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonAction } from '../moderation/ReasonForm';
import { APPLICATION_STATUS } from '../research/queries';

const key = (status: ApplicationStatus) => ['admin', 'researchers', status] as const;

function ApplicationItem({ app, onDone }: { app: Application; onDone: (m: string) => void }) {
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const approve = async () => {
    setProblem(null);
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/admin/researchers/{id}/approve', { params: { path: { id: app.id } } }));
      onDone(`Approved: ${app.title} at ${app.institution} is now a researcher.`);
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card card-block">
      <h2>
        {app.title}, {app.institution}
      </h2>
      <dl className="study-facts">
        <dt>Institutional email</dt>
        <dd>{app.institutional_email}</dd>
        <dt>ORCID iD</dt>
        <dd>{app.orcid ?? 'None given'}</dd>
        <dt>Applied</dt>
        <dd>{formatDateTime(app.created_at)}</dd>
        <dt>Member id</dt>
        <dd>
          <code>{app.user_id}</code>
        </dd>
        <dt>Their statement</dt>
        <dd className="application-statement">{app.statement}</dd>
        {app.reason && (
          <>
            <dt>Reason given</dt>
            <dd>{app.reason}</dd>
          </>
        )}
      </dl>
      <ProblemAlert error={problem} />
      {app.status === 'pending' && (
        <div className="form-actions">
          <button type="button" onClick={() => void approve()} disabled={busy}>
            Approve<span className="visually-hidden"> {app.institution} application</span>
          </button>
          <ReasonAction
            label="Turn down"
            hint="The applicant is emailed this reason and sees it on their application."
            danger
            act={async (reason) => {
              await unwrap(
                api.POST('/api/v1/admin/researchers/{id}/reject', { params: { path: { id: app.id } }, body: { reason } }),
              );
              onDone(`Turned down: ${app.title} at ${app.institution}.`);
            }}
          />
        </div>
      )}
    </li>
  );
}

export function ResearchersPage() {
  usePageTitle('Researcher applications');
  const [status, setStatus] = useState<ApplicationStatus>('pending');
  const [message, setMessage] = useState('');
  const queryClient = useQueryClient();
  const apps = useQuery({
    queryKey: key(status),
    queryFn: () => unwrap(api.GET('/api/v1/admin/researchers', { params: { query: { status, limit: 200 } } })),
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Researcher applications</h1>
      <p className="lead">
        A verified researcher may draft studies and, once a study is approved, receive de-identified data from
        members who consent. Check the institution and the statement before approving.
      </p>
      <SelectField label="Show applications" value={status} onChange={(e) => setStatus(e.target.value as ApplicationStatus)}>
        {(Object.keys(APPLICATION_STATUS) as ApplicationStatus[]).map((s) => (
          <option key={s} value={s}>
            {APPLICATION_STATUS[s]}
          </option>
        ))}
      </SelectField>
      <p role="status" className="status-text">
        {message}
      </p>
      {apps.isPending && <Loading label="Loading applications" />}
      {apps.isError && <ProblemAlert error={asProblemError(apps.error)} focus={false} />}
      {apps.data &&
        (apps.data.items.length === 0 ? (
          <p className="muted">No applications here.</p>
        ) : (
          <ul className="card-list">
            {apps.data.items.map((a) => (
              <ApplicationItem
                key={a.id}
                app={a}
                onDone={(m) => {
                  setMessage(m);
                  void queryClient.invalidateQueries({ queryKey: ['admin', 'researchers'] });
                }}
              />
            ))}
          </ul>
        ))}
    </>
  );
}
