import { useParams } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ACTION_NAMES, useModLog } from '../communities/queries';
import { target } from './shared';

/** The community's moderation log, newest first. */
export function LogPage() {
  const { slug = '' } = useParams();
  usePageTitle('Moderation log');
  const log = useModLog(slug);
  return (
    <>
      <h1>Moderation log</h1>
      <p>Every moderator action in this community, with its reason. Members can read it too.</p>
      {log.isPending && <Loading label="Loading the log" />}
      {log.isError && <ProblemAlert error={asProblemError(log.error)} focus={false} />}
      {log.data &&
        (log.data.items.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Moderation log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">About</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDateTime(a.created_at)}</td>
                    <td>
                      {ACTION_NAMES[a.action]}
                      {a.expires_at && ` until ${formatDateTime(a.expires_at)}`}
                    </td>
                    <td>{target(a)}</td>
                    <td>{a.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
