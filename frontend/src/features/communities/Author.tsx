import type { AuthorView } from '../../api/types';

/** Who wrote something, as the viewer may know it (see docs/communities.md, "as a member"). */
export function Author({ author, anonymous, mine }: { author: AuthorView; anonymous: boolean; mine: boolean }) {
  if (author.kind === 'deleted') return <span className="author">a deleted member</span>;
  if (author.kind === 'anonymous' || !author.handle) return <span className="author">a member</span>;
  return (
    <span className="author">
      {mine ? 'you' : author.handle}
      {anonymous && <span className="muted"> (posted as “a member”: other members do not see {mine ? 'your' : 'this'} handle)</span>}
    </span>
  );
}
