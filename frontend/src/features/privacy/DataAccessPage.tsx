// Data access: every research export that included me, newest first, as a timeline in plain
// words (which study, what, when, how many days), and whether its file has since been deleted.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMeasurementTypes } from '../measurements/queries';
import { useQuestionnaires } from '../questionnaires/queries';
import { accessSentence } from './dataAccess';
import { useDataAccess } from './queries';

export function DataAccessPage() {
  usePageTitle('Data access');
  const log = useDataAccess();
  const questionnaires = useQuestionnaires();
  const types = useMeasurementTypes();
  const catalog = useMemo(() => {
    const m = new Map<string, string>();
    for (const q of questionnaires.data?.items ?? []) m.set(`questionnaire:${q.slug}`, q.title);
    for (const t of types.data?.items ?? []) m.set(`measurement:${t.slug}`, t.name);
    return m;
  }, [questionnaires.data, types.data]);
  const items = log.data?.items ?? [];
  return (
    <>
      <h1>Data access</h1>
      <p className="lead">
        Every time a study you consented to received your data, it is listed here: which study, what it received and
        when. Researchers see you only as a random code, never your name, email address or handle.
      </p>
      {log.isPending && <Loading label="Loading your data-access log" />}
      {log.isError && <ProblemAlert error={asProblemError(log.error)} focus={false} />}
      {log.data &&
        (items.length === 0 ? (
          <div className="panel empty-state">
            <h2>Nothing has been shared yet</h2>
            <p>
              No study has received any of your data. A study receives data only if you consent to it, only the kinds
              you choose, and only while your consent is in force. When it does, you will see it here.
            </p>
            <p>
              See <Link to="/privacy">your study invitations</Link> and <Link to="/privacy/consents">your consents</Link>.
            </p>
          </div>
        ) : (
          <>
            <h2 className="visually-hidden">Exports that included you, newest first</h2>
            <ol className="timeline">
              {items.map((e) => (
                <li key={e.export_id} className="timeline-item">
                  <p className="timeline-when">
                    <time dateTime={e.exported_at}>{formatDateTime(e.exported_at)}</time>
                  </p>
                  <p className="timeline-what">{accessSentence(e, catalog, formatDate)}.</p>
                  {e.expired ? (
                    <p className="muted">
                      <span className="badge">File deleted</span> Kindred has deleted this export’s file after its
                      retention period. The researchers may still keep the copy they downloaded.
                    </p>
                  ) : (
                    <p className="muted">
                      Kindred keeps the file for a limited time, then deletes it; the researchers keep their copy.
                    </p>
                  )}
                </li>
              ))}
            </ol>
            <p className="muted">
              Withdrawing your consent stops future exports, but it cannot recall these.{' '}
              <Link to="/privacy/consents">Manage your consents</Link>.
            </p>
          </>
        ))}
    </>
  );
}
