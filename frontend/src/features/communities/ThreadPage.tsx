import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { Post, Thread } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAuth } from '../auth/AuthProvider';
import { CrisisResources } from '../questionnaires/CrisisResources';
import { Author } from './Author';
import { Composer } from './Composer';
import { Markdown } from './Markdown';
import { RemovalNotice } from './notices';
import { cKeys, useCommunity, useThread } from './queries';
import { ReportForm } from './ReportForm';
import './communities.css';

// Moderators' tools live in the moderation chunk: members who moderate nothing never load it.
const PostTools = lazy(() => import('../moderation/tools').then((m) => ({ default: m.PostTools })));
const ThreadTools = lazy(() => import('../moderation/tools').then((m) => ({ default: m.ThreadTools })));

function Placeholder({ post, community }: { post: Post; community: string }) {
  if (post.status === 'deleted') return <p className="placeholder">The author deleted this post.</p>;
  if (post.status === 'held') {
    return <p className="placeholder">{post.mine ? 'Your post waits for a moderator’s approval. Only you and the moderators see it.' : 'Waiting for a moderator’s approval.'}</p>;
  }
  if ((post.status === 'removed' || post.status === 'rejected') && post.mine) {
    return <RemovalNotice community={community} postId={post.id} status={post.status} />;
  }
  if (post.status === 'removed') return <p className="placeholder">A moderator removed this post.</p>;
  return <p className="placeholder">This post is not shown.</p>;
}

function PostItem({
  post,
  thread,
  firstUnread,
  moderator,
  onChanged,
}: {
  post: Post;
  thread: Thread;
  firstUnread: boolean;
  moderator: boolean;
  onChanged: (message: string) => void;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'delete' | 'report'>('view');
  const [problem, setProblem] = useState<ReturnType<typeof asProblemError> | null>(null);
  const queryClient = useQueryClient();
  const who = post.mine ? 'your post' : `post ${post.seq}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: cKeys.thread(thread.id) });

  const remove = async () => {
    setProblem(null);
    try {
      await unwrap(api.DELETE('/api/v1/posts/{id}', { params: { path: { id: post.id } } }));
      setMode('view');
      onChanged('Your post was deleted.');
      void refresh();
    } catch (err) {
      setProblem(asProblemError(err));
    }
  };

  return (
    <li id={`post-${post.seq}`} className="post-item">
      {firstUnread && (
        <p className="unread-marker" id="unread">
          <span>New since your last visit</span>
        </p>
      )}
      <article className="post" aria-labelledby={`post-${post.seq}-by`}>
        <header className="post-header">
          <p id={`post-${post.seq}-by`}>
            <span className="visually-hidden">Post {post.seq} by </span>
            <Author author={post.author} anonymous={post.anonymous} mine={post.mine} />
          </p>
          <p className="muted">
            <time dateTime={post.created_at}>{formatDateTime(post.created_at)}</time>
            {post.edited_at && <> · edited {formatDateTime(post.edited_at)}</>}
          </p>
        </header>
        {mode === 'edit' && post.body != null ? (
          <Composer
            mode="edit"
            label="Edit your post"
            submitLabel="Save changes"
            community={thread.community}
            initial={{ body: post.body }}
            onCancel={() => setMode('view')}
            send={async (v, confirm) => {
              await unwrap(
                api.PATCH('/api/v1/posts/{id}', {
                  params: { path: { id: post.id } },
                  body: { body: v.body, confirm_privacy_findings: confirm },
                }),
              );
              setMode('view');
              onChanged('Your changes are saved.');
              await refresh();
            }}
          />
        ) : post.body != null && (post.status === 'published' || moderator) ? (
          <>
            {post.status !== 'published' && <p className="badge">{post.status}</p>}
            <Markdown source={post.body} />
          </>
        ) : (
          <Placeholder post={post} community={thread.community} />
        )}
        {moderator && post.previous_body && (
          <details className="previous">
            <summary>Text before the last edit</summary>
            <Markdown source={post.previous_body} />
          </details>
        )}
        {mode === 'view' && (post.can_edit || post.can_report) && (
          <div className="post-actions">
            {post.can_edit && post.body != null && (
              <>
                <button type="button" className="button-secondary" onClick={() => setMode('edit')}>
                  Edit<span className="visually-hidden"> {who}</span>
                </button>
                <button type="button" className="button-secondary" onClick={() => setMode('delete')}>
                  Delete<span className="visually-hidden"> {who}</span>
                </button>
              </>
            )}
            {post.can_report && (
              <button type="button" className="button-secondary" onClick={() => setMode('report')}>
                Report<span className="visually-hidden"> {who}</span>
              </button>
            )}
          </div>
        )}
        {mode === 'delete' && (
          <div className="card card-block" role="group" aria-label="Delete your post">
            <ProblemAlert error={problem} />
            <p>Delete this post? Others will see that a post was deleted, but not what it said.</p>
            <div className="form-actions">
              <button type="button" className="button-danger" onClick={() => void remove()}>
                Yes, delete it
              </button>
              <button type="button" className="button-secondary" onClick={() => setMode('view')}>
                Keep it
              </button>
            </div>
          </div>
        )}
        {mode === 'report' && (
          <ReportForm
            postId={post.id}
            onDone={(sent) => {
              setMode('view');
              if (sent) onChanged('Thank you. The moderators will look at your report.');
            }}
          />
        )}
        {moderator && (
          <Suspense fallback={null}>
            <PostTools post={post} onDone={(m) => { onChanged(m); void refresh(); }} />
          </Suspense>
        )}
      </article>
    </li>
  );
}

/** A thread: its posts in order (unread ones marked), reply, edit, delete, report. */
export function ThreadPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  // What publishing a new thread said (see CommunityPage's NewThread).
  const state: unknown = location.state;
  const arrived = {
    crisis: typeof state === 'object' && state !== null && 'crisis' in state && state.crisis === true,
    held: typeof state === 'object' && state !== null && 'held' in state && state.held === true,
  };
  const thread = useThread(id);
  const first = thread.data?.pages[0];
  const t = first?.thread;
  const community = useCommunity(t?.community ?? '');
  const { user } = useAuth();
  // Admins moderate every community (the community's `moderator` flag names appointed seats).
  const moderator = (community.data?.moderator ?? false) || user?.role === 'admin';
  usePageTitle(t?.title ?? 'Thread');
  const [crisis, setCrisis] = useState(!!arrived.crisis);
  const [message, setMessage] = useState(arrived.held ? 'Your post waits for a moderator’s approval before others see it.' : '');
  const queryClient = useQueryClient();
  const scrolled = useRef(false);

  // Arriving from a notification (`#post-3`): show that post.
  useEffect(() => {
    if (scrolled.current || !thread.data || !location.hash) return;
    scrolled.current = true;
    document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [thread.data, location.hash]);

  if (thread.isPending) return <Loading label="Loading the thread" />;
  if (thread.isError || !t || !first || !thread.data) {
    return (
      <>
        <h1>Thread</h1>
        <ProblemAlert error={asProblemError(thread.error)} focus={false} />
        <p>
          <Link to="/communities">Communities</Link>
        </p>
      </>
    );
  }
  // The first post I have not read that someone else wrote (my own replies are not news).
  const posts = thread.data.pages.flatMap((page) => page.posts);
  const unreadFrom = first.first_unread;
  const firstUnread =
    unreadFrom == null ? null : (posts.find((p) => p.seq >= unreadFrom && p.seq > 1 && !p.mine)?.seq ?? null);
  const canReply = (community.data?.joined || moderator) && !community.data?.archived && (!t.locked || moderator);

  return (
    <>
      {crisis && <CrisisResources />}
      <p className="breadcrumb">
        <Link to="/communities">Communities</Link> ›{' '}
        <Link to={`/communities/${t.community}`}>{community.data?.name ?? t.community}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="muted">
        {t.pinned && <span className="badge badge-lead">Pinned</span>}
        {t.locked && <span className="badge badge-lead">Locked: no new replies</span>}
        Started by <Author author={t.author} anonymous={t.anonymous} mine={t.mine} /> on {formatDateTime(t.created_at)}
      </p>
      {moderator && (
        <Suspense fallback={null}>
          <ThreadTools thread={t} onDone={(m) => { setMessage(m); void queryClient.invalidateQueries({ queryKey: cKeys.all }); }} />
        </Suspense>
      )}
      <p role="status" className="status-text">
        {message}
      </p>
      {firstUnread != null && (
        <p>
          <a href="#unread">Go to the first new post</a>
        </p>
      )}
      <ol className="post-list">
        {posts.map((p) => (
          <PostItem
            key={p.id}
            post={p}
            thread={t}
            firstUnread={p.seq === firstUnread}
            moderator={moderator}
            onChanged={setMessage}
          />
        ))}
      </ol>
      {thread.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          disabled={thread.isFetchingNextPage}
          onClick={() => void thread.fetchNextPage()}
        >
          Show later posts
        </button>
      )}
      {canReply ? (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">Reply</h2>
          <Composer
            mode="reply"
            label="Reply to this thread"
            submitLabel="Post reply"
            community={t.community}
            send={async (v, confirm) => {
              const r = await unwrap(
                api.POST('/api/v1/threads/{id}/posts', {
                  params: { path: { id: t.id } },
                  body: { body: v.body, anonymous: v.anonymous, confirm_privacy_findings: confirm },
                }),
              );
              setCrisis(!!r.crisis_resources);
              setMessage(r.held ? 'Your reply waits for a moderator’s approval before others see it.' : 'Your reply is posted.');
              await queryClient.invalidateQueries({ queryKey: cKeys.thread(t.id) });
            }}
          />
        </section>
      ) : t.locked ? (
        <p className="alert alert-info">This thread is locked: it takes no new replies.</p>
      ) : !community.data?.joined ? (
        <p className="alert alert-info">
          <Link to={`/communities/${t.community}`}>Join {community.data?.name ?? 'this community'}</Link> to reply.
        </p>
      ) : null}
    </>
  );
}
