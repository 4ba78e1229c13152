import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { Community } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMyConditions } from '../conditions/queries';
import { cKeys, useCommunities } from './queries';
import './communities.css';

/** Joins or leaves a community; the lists refresh afterwards. */
export function useMembership(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (join: boolean) => {
      if (join) await unwrap(api.POST('/api/v1/communities/{slug}/join', { params: { path: { slug } } }));
      else await unwrap(api.DELETE('/api/v1/communities/{slug}/membership', { params: { path: { slug } } }));
      return join;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cKeys.all }),
  });
}

export function MembershipButton({ community, onChange }: { community: Community; onChange?: (joined: boolean) => void }) {
  const m = useMembership(community.slug);
  if (community.archived) return <span className="badge">Archived</span>;
  return (
    <div className="membership">
      <button
        type="button"
        className={community.joined ? 'button-secondary' : undefined}
        disabled={m.isPending}
        onClick={() => m.mutate(!community.joined, { onSuccess: (joined) => onChange?.(joined) })}
      >
        {community.joined ? 'Leave' : 'Join'}
        <span className="visually-hidden"> {community.name}</span>
      </button>
      {m.isError && <ProblemAlert error={asProblemError(m.error)} />}
    </div>
  );
}

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function CommunityCard({ c, onChange }: { c: Community; onChange: (message: string) => void }) {
  return (
    <li className="card community-card">
      <div>
        <p className="card-title">
          <Link to={`/communities/${c.slug}`}>{c.name}</Link>
          {c.visibility === 'public' && <span className="badge">Open to all members</span>}
          {c.moderator && <span className="badge">You moderate</span>}
        </p>
        <p className="muted">{c.description}</p>
        <p className="muted">
          {plural(c.member_count, 'member', 'members')} · {plural(c.thread_count, 'thread', 'threads')}
        </p>
      </div>
      <MembershipButton
        community={c}
        onChange={(joined) => onChange(joined ? `You joined ${c.name}.` : `You left ${c.name}.`)}
      />
    </li>
  );
}

/** Every community (one per condition, plus a few general ones): find, join and leave. */
export function CommunitiesPage() {
  usePageTitle('Communities');
  const list = useCommunities();
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState('');
  const filterId = useId();
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const conditions = useMyConditions();
  const mine = items.filter((c) => c.joined);
  // A condition's community has the condition's slug.
  const mySlugs = new Set((conditions.data?.items ?? []).map((m) => m.condition.slug));
  const suggested = items.filter((c) => !c.joined && mySlugs.has(c.slug));
  const needle = filter.trim().toLowerCase();
  const others = items.filter(
    (c) =>
      !c.joined &&
      !mySlugs.has(c.slug) &&
      (!needle || c.name.toLowerCase().includes(needle) || c.description.toLowerCase().includes(needle)),
  );

  return (
    <>
      <h1>Communities</h1>
      <p className="lead">
        Talk with people who live with the same condition. Each community has its own volunteer moderators; what you
        write there is read by its members.
      </p>
      <p role="status" className="status-text">
        {message}
      </p>
      {list.isPending && <Loading label="Loading communities" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {list.data && (
        <>
          <section aria-labelledby="mine-heading">
            <h2 id="mine-heading">Your communities</h2>
            {mine.length === 0 ? (
              <p className="muted">You have not joined a community yet. Find one below.</p>
            ) : (
              <ul className="card-list">
                {mine.map((c) => (
                  <CommunityCard key={c.slug} c={c} onChange={setMessage} />
                ))}
              </ul>
            )}
          </section>
          {suggested.length > 0 && (
            <section aria-labelledby="suggested-heading">
              <h2 id="suggested-heading">For your conditions</h2>
              <ul className="card-list">
                {suggested.map((c) => (
                  <CommunityCard key={c.slug} c={c} onChange={setMessage} />
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="all-heading">
            <h2 id="all-heading">Find a community</h2>
            <div className="field">
              <label htmlFor={filterId}>Condition or topic</label>
              <input
                id={filterId}
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                autoComplete="off"
              />
            </div>
            {others.length === 0 ? (
              <p className="muted">No community matches “{filter}”.</p>
            ) : (
              <ul className="card-list">
                {others.map((c) => (
                  <CommunityCard key={c.slug} c={c} onChange={setMessage} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
