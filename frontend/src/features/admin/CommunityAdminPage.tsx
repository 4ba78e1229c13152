// One community for administrators: its settings (name, purpose, condition, who reads it,
// first-post approval, archived) and its moderators (appoint by handle, remove).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { cKeys } from '../communities/queries';
import { CommunityForm } from './CommunityForm';
import { aKeys } from './queries';
import { AdminCrumbs, Status } from './shared';

function Moderators({ slug, onDone }: { slug: string; onDone: (m: string) => void }) {
  const queryClient = useQueryClient();
  const mods = useQuery({
    queryKey: aKeys.moderators(slug),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{slug}/moderators', { params: { path: { slug } } })),
  });
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<{ handle: string }>({ defaultValues: { handle: '' } });
  const server = useServerErrors(setError, ['handle']);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: aKeys.moderators(slug) }),
      queryClient.invalidateQueries({ queryKey: cKeys.all }),
    ]);
  const appoint = async ({ handle }: { handle: string }) => {
    server.clear();
    const h = handle.trim().replace(/^@/, '');
    try {
      await unwrap(api.POST('/api/v1/communities/{slug}/moderators', { params: { path: { slug } }, body: { handle: h } }));
      reset();
      onDone(`${h} is now a moderator of this community.`);
      await refresh();
    } catch (err) {
      server.handle(err);
    }
  };
  const remove = async (handle: string) => {
    setProblem(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/communities/{slug}/moderators/{handle}', { params: { path: { slug, handle } } }),
      );
      onDone(`${handle} no longer moderates this community.`);
      await refresh();
    } catch (err) {
      setProblem(asProblemError(err));
    }
  };
  return (
    <section aria-labelledby="moderators-heading" className="panel admin-form">
      <h2 id="moderators-heading">Moderators</h2>
      <p>Moderators work this community’s report queue, remove posts, and warn or ban members.</p>
      <ProblemAlert error={problem} />
      {mods.isPending && <Loading label="Loading moderators" />}
      {mods.isError && <ProblemAlert error={asProblemError(mods.error)} focus={false} />}
      {mods.data &&
        (mods.data.items.length === 0 ? (
          <p className="muted">Nobody moderates this community yet.</p>
        ) : (
          <ul className="plain-list moderator-list">
            {mods.data.items.map((m) => (
              <li key={m.handle}>
                <span>{m.handle}</span>
                <button type="button" className="button-secondary" onClick={() => void remove(m.handle)}>
                  Remove<span className="visually-hidden"> {m.handle} as moderator</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form onSubmit={handleSubmit(appoint)} noValidate aria-label="Appoint a moderator">
        <ProblemAlert error={server.problem} form />
        <TextField
          label="Appoint a moderator by handle"
          hint="The member’s handle, as shown next to their posts."
          autoComplete="off"
          error={errors.handle}
          registration={register('handle', { validate: (v) => v.trim() !== '' || 'Give a handle.' })}
        />
        <div className="form-actions">
          <button type="submit" disabled={isSubmitting}>
            Appoint
          </button>
        </div>
      </form>
    </section>
  );
}

export function CommunityAdminPage() {
  const { slug = '' } = useParams();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const community = useQuery({
    queryKey: aKeys.community(slug),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
  });
  const c = community.data;
  usePageTitle(c ? `Manage ${c.name}` : 'Manage a community');
  return (
    <>
      <AdminCrumbs trail={[{ to: '/admin/communities', label: 'Communities' }]} />
      {community.isPending && <Loading label="Loading the community" />}
      {community.isError && (
        <>
          <h1>Manage a community</h1>
          <ProblemAlert error={asProblemError(community.error)} focus={false} />
        </>
      )}
      {c && (
        <>
          <h1>Manage {c.name}</h1>
          <p>
            <Link to={`/communities/${c.slug}`}>Open the community</Link>
            {c.archived && <span className="badge">Archived</span>}
          </p>
          <p>{c.condition ? `About ${c.condition.name}.` : 'Not about a particular condition.'}</p>
          <Status message={message} />
          <CommunityForm
            key={`${c.slug}-${c.name}-${c.archived}-${c.condition?.slug ?? ''}`}
            heading="Settings"
            submitLabel="Save the settings"
            existing={c}
            save={async (v) => {
              const next = await unwrap(
                api.PATCH('/api/v1/communities/{slug}', {
                  params: { path: { slug: c.slug } },
                  body: {
                    name: v.name.trim(),
                    description: v.description.trim(),
                    condition: v.condition || null,
                    visibility: v.visibility,
                    approve_first_posts: v.approve_first_posts,
                    archived: v.archived,
                  },
                }),
              );
              queryClient.setQueryData(aKeys.community(slug), next);
              setMessage('The settings are saved.');
              await Promise.all([
                queryClient.invalidateQueries({ queryKey: aKeys.communities }),
                queryClient.invalidateQueries({ queryKey: cKeys.all }),
              ]);
            }}
          />
          <Moderators slug={c.slug} onDone={setMessage} />
        </>
      )}
    </>
  );
}
