// Accounts flagged to administrators (today: reading community content faster than a person).
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { aKeys } from './queries';
import { AdminCrumbs } from './shared';

const KIND_LABEL: Record<string, string> = { scraping: 'Reading faster than a person can' };

export function FlagsPage() {
  usePageTitle('Flagged accounts');
  const flags = useInfiniteQuery({
    queryKey: aKeys.flags,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/admin/flags', { params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = flags.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <AdminCrumbs />
      <h1>Flagged accounts</h1>
      <p className="lead">
        Accounts that read community content faster than a person can, newest first (each at most once an hour). Look
        at what they did in the audit log; suspend them from the members page if they are scraping.
      </p>
      {flags.isPending && <Loading label="Loading flags" />}
      {flags.isError && <ProblemAlert error={asProblemError(flags.error)} focus={false} />}
      {flags.data &&
        (items.length === 0 ? (
          <p className="muted">No accounts are flagged.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Flagged accounts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Why</th>
                  <th scope="col">What was seen</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {items.map((f) => (
                  <tr key={f.id}>
                    <td>{formatDateTime(f.created_at)}</td>
                    <td>{KIND_LABEL[f.kind] ?? f.kind}</td>
                    <td>{f.details}</td>
                    <td>
                      <Link to={`/admin/audit?actor=${encodeURIComponent(f.user_id)}`}>
                        <code>{f.user_id}</code>
                        <span className="visually-hidden"> in the audit log</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {flags.hasNextPage && (
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={flags.isFetchingNextPage}
            onClick={() => void flags.fetchNextPage()}
          >
            Load older flags
          </button>
        </div>
      )}
    </>
  );
}
