import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Author } from '../communities/Author';
import { Markdown } from '../communities/Markdown';
import { ReasonAction } from './ReasonForm';
import { mKeys, Status, useRefresh } from './shared';

/** New members' first posts waiting for approval. */
export function HeldPage() {
  const { slug = '' } = useParams();
  const [message, setMessage] = useState('');
  const refresh = useRefresh();
  usePageTitle('Held posts');
  const held = useQuery({
    queryKey: mKeys.held(slug),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{slug}/held', { params: { path: { slug } } })),
  });
  const done = (m: string) => {
    setMessage(m);
    void refresh();
  };
  return (
    <>
      <h1>Held posts</h1>
      <p>A new member’s first post waits here until a moderator approves it.</p>
      <Status message={message} />
      {held.isPending && <Loading label="Loading held posts" />}
      {held.isError && <ProblemAlert error={asProblemError(held.error)} focus={false} />}
      {held.data &&
        (held.data.items.length === 0 ? (
          <p className="muted">Nothing is waiting.</p>
        ) : (
          <ul className="card-list">
            {held.data.items.map((p) => (
              <li key={p.id} className="card card-block">
                <p className="muted">
                  By <Author author={p.author} anonymous={p.anonymous} mine={p.mine} /> on {formatDateTime(p.created_at)} ·{' '}
                  <Link to={`/threads/${p.thread_id}`}>Open the thread</Link>
                </p>
                {p.body != null && <Markdown source={p.body} />}
                <div className="post-actions">
                  <ReasonAction
                    label="Approve"
                    hint="Goes into the moderation log."
                    act={async (reason) => {
                      await unwrap(api.POST('/api/v1/posts/{id}/approve', { params: { path: { id: p.id } }, body: { reason } }));
                      done('Approved: the post is published.');
                    }}
                  />
                  <ReasonAction
                    label="Reject"
                    danger
                    act={async (reason) => {
                      await unwrap(api.POST('/api/v1/posts/{id}/reject', { params: { path: { id: p.id } }, body: { reason } }));
                      done('Rejected: the author is told why.');
                    }}
                  />
                </div>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
