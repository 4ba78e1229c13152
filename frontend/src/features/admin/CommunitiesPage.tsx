// Communities for administrators: every listed community, and a form to create one.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { cKeys } from '../communities/queries';
import { CommunityForm } from './CommunityForm';
import { aKeys } from './queries';
import { AdminCrumbs, Status } from './shared';

export function CommunitiesAdminPage() {
  usePageTitle('Communities');
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const list = useQuery({
    queryKey: aKeys.communities,
    queryFn: () => unwrap(api.GET('/api/v1/communities')),
  });
  return (
    <>
      <AdminCrumbs />
      <h1>Communities</h1>
      <p className="lead">Create a community, change its settings and choose who moderates it.</p>
      <Status message={message} />
      <h2>Communities</h2>
      {list.isPending && <Loading label="Loading communities" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="muted">No communities yet.</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((c) => (
              <li key={c.slug} className="card">
                <div>
                  <p className="card-title">
                    <Link to={`/admin/communities/${c.slug}`}>
                      <span className="visually-hidden">Manage </span>
                      {c.name}
                    </Link>
                  </p>
                  <p className="muted">
                    {c.visibility === 'public' ? 'Everyone signed in can read' : 'Members only'} · {c.member_count}{' '}
                    {c.member_count === 1 ? 'member' : 'members'} · {c.thread_count}{' '}
                    {c.thread_count === 1 ? 'thread' : 'threads'}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ))}
      <CommunityForm
        heading="Create a community"
        submitLabel="Create the community"
        save={async (v) => {
          const c = await unwrap(
            api.POST('/api/v1/communities', {
              body: {
                slug: v.slug.trim(),
                name: v.name.trim(),
                description: v.description.trim(),
                condition: v.condition || null,
                visibility: v.visibility,
                approve_first_posts: v.approve_first_posts,
              },
            }),
          );
          setMessage(`Created the community ${c.name}.`);
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: aKeys.communities }),
            queryClient.invalidateQueries({ queryKey: cKeys.all }),
          ]);
        }}
      />
    </>
  );
}
