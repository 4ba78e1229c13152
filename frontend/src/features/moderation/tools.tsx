// Moderators' tools on the thread page (loaded only for a community's moderators).
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Post, Thread } from '../../api/types';
import { ReasonAction } from './ReasonForm';

/** Remove or restore one post, with a reason. */
export function PostTools({ post, onDone }: { post: Post; onDone: (message: string) => void }) {
  const path = { params: { path: { id: post.id } } };
  if (post.status === 'published') {
    return (
      <div className="post-actions mod-tools">
        <ReasonAction
          label={`Remove post ${post.seq}`}
          danger
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/posts/{id}/remove', { ...path, body: { reason } }));
            onDone(`Post ${post.seq} removed.`);
          }}
        />
      </div>
    );
  }
  if (post.status === 'removed') {
    return (
      <div className="post-actions mod-tools">
        <ReasonAction
          label={`Restore post ${post.seq}`}
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/posts/{id}/restore', { ...path, body: { reason } }));
            onDone(`Post ${post.seq} restored.`);
          }}
        />
      </div>
    );
  }
  return null;
}

/** Lock / unlock, pin / unpin and remove / restore a thread, each with a reason. */
export function ThreadTools({ thread, onDone }: { thread: Thread; onDone: (message: string) => void }) {
  const path = { params: { path: { id: thread.id } } };
  return (
    <section aria-label="Moderator tools" className="post-actions mod-tools">
      {thread.locked ? (
        <ReasonAction
          label="Unlock thread"
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/unlock', { ...path, body: { reason } }));
            onDone('Thread unlocked.');
          }}
        />
      ) : (
        <ReasonAction
          label="Lock thread"
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/lock', { ...path, body: { reason } }));
            onDone('Thread locked: only moderators can reply.');
          }}
        />
      )}
      {thread.pinned ? (
        <ReasonAction
          label="Unpin thread"
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/unpin', { ...path, body: { reason } }));
            onDone('Thread unpinned.');
          }}
        />
      ) : (
        <ReasonAction
          label="Pin thread"
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/pin', { ...path, body: { reason } }));
            onDone('Thread pinned to the top.');
          }}
        />
      )}
      {thread.status === 'removed' ? (
        <ReasonAction
          label="Restore thread"
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/restore', { ...path, body: { reason } }));
            onDone('Thread restored.');
          }}
        />
      ) : (
        <ReasonAction
          label="Remove thread"
          danger
          act={async (reason) => {
            await unwrap(api.POST('/api/v1/threads/{id}/remove', { ...path, body: { reason } }));
            onDone('Thread removed: members no longer see it.');
          }}
        />
      )}
    </section>
  );
}
