// My consents: those in force now (each with one-click withdrawal) and every past grant,
// change and withdrawal, each with its receipt.
import { useState } from 'react';
import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { byStudy } from './consent';
import { useConsents } from './queries';
import type { ConsentReceipt } from './types';
import { useCategoryNamer } from './useCategoryNamer';
import { Withdraw } from './Withdraw';

function EventLine({ e, name }: { e: ConsentReceipt; name: (k: string) => string }) {
  return (
    <>
      <Link to={`/privacy/consents/${e.receipt_id}`}>
        {e.kind === 'granted' ? `Agreed (version ${e.version})` : 'Withdrew'}
        <span className="visually-hidden">: {e.study_title}</span>
      </Link>{' '}
      <span className="muted">on {formatDateTime(e.at)}</span>
      {e.kind === 'granted' && <span>: {e.categories.map(name).join(', ')}</span>}
    </>
  );
}

export function ConsentsPage() {
  usePageTitle('Your consents');
  const consents = useConsents();
  const name = useCategoryNamer();
  const [message, setMessage] = useState('');
  const studies = consents.data ? byStudy(consents.data.items) : [];
  const current = studies.filter((s) => s.active);
  return (
    <>
      <h1>Your consents</h1>
      <p className="lead">
        Every consent you gave or withdrew, with a receipt for each. A receipt says what you agreed to share, with whom
        and when; download it to keep your own copy.
      </p>
      <p role="status" className="status-text">
        {message}
      </p>
      {consents.isPending && <Loading label="Loading your consents" />}
      {consents.isError && <ProblemAlert error={asProblemError(consents.error)} focus={false} />}
      {consents.data && (
        <>
          <h2>In force now</h2>
          {current.length === 0 ? (
            <p className="muted">
              You are not sharing data with any study. <Link to="/privacy">See your study invitations</Link>.
            </p>
          ) : (
            current.map((s) => (
              <div key={s.studyId} className="card card-block consent-card">
                <h3 className="card-heading">{s.title}</h3>
                <p className="muted">Run by {s.institution}</p>
                <p>
                  <strong>You share:</strong> {s.latest.categories.map(name).join(', ')}
                </p>
                <p>
                  <Link to={`/privacy/consents/${s.latest.receipt_id}`}>
                    View the receipt<span className="visually-hidden"> for {s.title}</span>
                  </Link>
                </p>
                <Withdraw studyId={s.studyId} title={s.title} onDone={setMessage} level={4} />
              </div>
            ))
          )}
          <h2>History</h2>
          {studies.length === 0 ? (
            <p className="muted">You have not consented to any study yet.</p>
          ) : (
            studies.map((s) => (
              <section key={s.studyId} aria-label={`History: ${s.title}`} className="history">
                <h3>{s.title}</h3>
                <ul className="plain-list">
                  {s.events.map((e) => (
                    <li key={e.receipt_id}>
                      <EventLine e={e} name={name} />
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </>
      )}
    </>
  );
}
