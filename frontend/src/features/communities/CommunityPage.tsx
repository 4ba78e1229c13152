import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { Community, Thread } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Author } from './Author';
import { MembershipButton } from './CommunitiesPage';
import { Composer } from './Composer';
import { MemberNotices } from './notices';
import { cKeys, useCommunity, useThreads } from './queries';
import './communities.css';

function ThreadItem({ t }: { t: Thread }) {
  return (
    <li className={`card thread-item${t.unread_count > 0 ? ' unread' : ''}`}>
      <div>
        <p className="card-title">
          <Link to={`/threads/${t.id}`}>{t.title}</Link>
          {t.pinned && <span className="badge">Pinned</span>}
          {t.locked && <span className="badge">Locked</span>}
          {t.status !== 'published' && <span className="badge">{t.status === 'held' ? 'Waiting for approval' : t.status}</span>}
          {t.unread_count > 0 && <span className="badge badge-new">{t.unread_count} new</span>}
        </p>
        <p className="muted">
          Started by <Author author={t.author} anonymous={t.anonymous} mine={t.mine} /> ·{' '}
          {t.post_count === 1 ? '1 post' : `${t.post_count} posts`} · last activity {formatDateTime(t.last_activity_at)}
        </p>
      </div>
    </li>
  );
}

export function SearchForm({ slug, initial = '' }: { slug: string; initial?: string }) {
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const id = useId();
  return (
    <form
      role="search"
      aria-label="Search this community"
      className="search-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`/communities/${slug}/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label htmlFor={id}>Search this community</label>
      <div className="inline-row">
        <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

function NewThread({ community }: { community: Community }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Start a new thread
        </button>
      </p>
    );
  }
  return (
    <section aria-labelledby="new-thread-heading" className="panel">
      <h2 id="new-thread-heading">Start a new thread</h2>
      <Composer
        mode="thread"
        label="New thread"
        submitLabel="Post thread"
        community={community.slug}
        onCancel={() => setOpen(false)}
        send={async (v, confirm) => {
          const r = await unwrap(
            api.POST('/api/v1/communities/{slug}/threads', {
              params: { path: { slug: community.slug } },
              body: { title: v.title.trim(), body: v.body, anonymous: v.anonymous, confirm_privacy_findings: confirm },
            }),
          );
          void queryClient.invalidateQueries({ queryKey: cKeys.all });
          navigate(`/threads/${r.thread.id}`, {
            state: { crisis: !!r.crisis_resources, held: r.held },
          });
        }}
      />
    </section>
  );
}

/** One community: its threads (pinned first, unread marked), search, and a new thread. */
export function CommunityPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const c = community.data;
  usePageTitle(c?.name ?? 'Community');
  const canRead = !!c && (c.joined || c.moderator || c.visibility === 'public');
  const threads = useThreads(slug, canRead);

  if (community.isPending) return <Loading label="Loading the community" />;
  if (community.isError || !c) {
    return (
      <>
        <h1>Community</h1>
        <ProblemAlert error={asProblemError(community.error)} focus={false} />
        <p>
          <Link to="/communities">All communities</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/communities">Communities</Link>
      </p>
      <h1>{c.name}</h1>
      <p className="lead">{c.description}</p>
      <div className="community-meta">
        <p className="muted">
          {c.member_count.toLocaleString()} {c.member_count === 1 ? 'member' : 'members'} ·{' '}
          {c.visibility === 'public' ? 'Any Kindred member can read it' : 'Only its members can read it'}
          {c.approve_first_posts && ' · New members’ first posts are checked by a moderator'}
        </p>
        <MembershipButton community={c} />
        {c.moderator && (
          <Link to={`/moderation/${c.slug}`} className="button-link button-secondary">
            Moderate
          </Link>
        )}
      </div>
      {canRead && <MemberNotices community={c.slug} />}
      {canRead && <SearchForm slug={c.slug} />}
      {(c.joined || c.moderator) && !c.archived && <NewThread community={c} />}
      {!canRead && (
        <p className="alert alert-info">Join this community to read its threads and take part.</p>
      )}
      {canRead && (
        <section aria-labelledby="threads-heading">
          <h2 id="threads-heading">Threads</h2>
          {threads.isPending && <Loading label="Loading threads" />}
          {threads.isError && <ProblemAlert error={asProblemError(threads.error)} focus={false} />}
          {threads.data &&
            (threads.data.pages[0]?.items.length === 0 ? (
              <p className="muted">No threads yet. Start the first one.</p>
            ) : (
              <ul className="card-list">
                {threads.data.pages.flatMap((page) => page.items).map((t) => (
                  <ThreadItem key={t.id} t={t} />
                ))}
              </ul>
            ))}
          {threads.hasNextPage && (
            <button
              type="button"
              className="button-secondary"
              disabled={threads.isFetchingNextPage}
              onClick={() => void threads.fetchNextPage()}
            >
              Show older threads
            </button>
          )}
        </section>
      )}
    </>
  );
}
