import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { Notification } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { cKeys, useNotifications } from './queries';
import './communities.css';

/** A link the server wrote is followed inside the app only when it is one of ours. */
function internal(link: string | null | undefined): string | null {
  return link && /^\/(?!\/)[^\\]*$/.test(link) ? link : null;
}

function Item({ n, onRead }: { n: Notification; onRead: (id: string) => void }) {
  const to = internal(n.link);
  return (
    <li className={`card notification${n.read ? '' : ' unread'}`}>
      <div>
        <p>
          {!n.read && <span className="badge badge-new">New</span>} {n.text}
        </p>
        <p className="muted">
          <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
        </p>
      </div>
      <div className="post-actions">
        {to && (
          <Link to={to} onClick={() => !n.read && onRead(n.id)}>
            Open<span className="visually-hidden">: {n.text}</span>
          </Link>
        )}
        {!n.read && (
          <button type="button" className="button-secondary" onClick={() => onRead(n.id)}>
            Mark as read<span className="visually-hidden">: {n.text}</span>
          </button>
        )}
      </div>
    </li>
  );
}

/** Replies to my threads, moderation outcomes and appeal outcomes, newest first. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  const list = useNotifications();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: cKeys.notifications });
  const readOne = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/notifications/read-all')),
    onSettled: refresh,
  });
  const failure = readOne.error ?? readAll.error;
  const unread = list.data?.unread_count ?? 0;

  return (
    <>
      <h1>Notifications</h1>
      {list.isPending && <Loading label="Loading notifications" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {failure && <ProblemAlert error={asProblemError(failure)} />}
      {list.data && (
        <>
          <div className="form-actions">
            <p className="muted">{unread === 0 ? 'Nothing unread.' : `${unread} unread.`}</p>
            {unread > 0 && (
              <button type="button" className="button-secondary" onClick={() => readAll.mutate()} disabled={readAll.isPending}>
                Mark all as read
              </button>
            )}
          </div>
          {list.data.items.length === 0 ? (
            <p className="muted">No notifications yet. Replies to your threads and moderators’ decisions show here.</p>
          ) : (
            <ul className="card-list">
              {list.data.items.map((n) => (
                <Item key={n.id} n={n} onRead={(id) => readOne.mutate(id)} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
