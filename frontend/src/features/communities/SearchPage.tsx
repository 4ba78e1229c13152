import { Link, useParams, useSearchParams } from 'react-router';
import { asProblemError } from '../../api/problem';
import type { SearchHit } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Author } from './Author';
import { SearchForm } from './CommunityPage';
import { useCommunity, useSearch } from './queries';
import { splitByRanges } from './ranges';
import './communities.css';

/** The snippet with the matched words marked (the server gives their character ranges). */
export function Snippet({ hit }: { hit: Pick<SearchHit, 'snippet' | 'highlights'> }) {
  const ranges = hit.highlights.filter((r) => r.length === 2).map((r) => [r[0] ?? 0, r[1] ?? 0] as const);
  return (
    <p className="snippet">
      {splitByRanges(hit.snippet, ranges).map((p, i) => (p.mark === null ? <span key={i}>{p.text}</span> : <mark key={i}>{p.text}</mark>))}
    </p>
  );
}

/** Search within one community: best match first, matched words highlighted. */
export function SearchPage() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const community = useCommunity(slug);
  const results = useSearch(slug, q);
  const name = community.data?.name ?? 'this community';
  usePageTitle(q ? `“${q}” in ${name}` : `Search ${name}`);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/communities">Communities</Link> › <Link to={`/communities/${slug}`}>{name}</Link>
      </p>
      <h1>Search {name}</h1>
      <SearchForm key={q} slug={slug} initial={q} />
      {results.isLoading && <Loading label="Searching" />}
      {results.isError && <ProblemAlert error={asProblemError(results.error)} focus={false} />}
      {results.data && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {results.data.items.length === 0
              ? `Nothing found for “${q}”`
              : `${results.data.items.length}${results.data.next_cursor ? '+' : ''} ${results.data.items.length === 1 ? 'post' : 'posts'} found for “${q}”`}
          </h2>
          <ul className="card-list">
            {results.data.items.map((h) => (
              <li key={h.post.id} className="card card-block search-hit">
                <p className="card-title">
                  <Link to={`/threads/${h.thread.id}#post-${h.post.seq}`}>{h.thread.title}</Link>
                </p>
                <Snippet hit={h} />
                <p className="muted">
                  <Author author={h.post.author} anonymous={h.post.anonymous} mine={h.post.mine} /> ·{' '}
                  {formatDateTime(h.post.created_at)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
