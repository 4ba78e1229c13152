import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { MeasurementType } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EditReading } from './EditReading';
import { useDisplayUnit } from './displayUnit';
import { formatReading } from './model';
import { mKeys } from './queries';

/** Readings of one type, newest first, 20 at a time, each deletable after a confirmation. */
export function HistoryTable({ type }: { type: MeasurementType }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const shownUnit = useDisplayUnit(type);
  const list = useInfiniteQuery({
    queryKey: [...mKeys.all, 'list', type.slug],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/me/measurements', {
          params: { query: { type: type.slug, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const del = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/me/measurements/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setConfirming(null);
      setStatus('Reading deleted.');
      void queryClient.invalidateQueries({ queryKey: mKeys.all });
    },
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">Your {type.name.toLowerCase()} readings</h2>
      <p role="status" className="status-text">
        {status}
      </p>
      {del.isError && <ProblemAlert error={asProblemError(del.error)} />}
      {list.isPending && <Loading label="Loading your readings" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {list.data &&
        (rows.length === 0 ? (
          <p className="muted">No readings yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{type.name} readings, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Reading</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <Fragment key={m.id}>
                    <tr>
                      <td>{formatDateTime(m.taken_at)}</td>
                      <td>{formatReading(m, type, shownUnit)}</td>
                      <td>{m.note ?? ''}</td>
                      <td>
                        {confirming === m.id ? (
                          <span className="row-actions">
                            <button
                              type="button"
                              className="button-danger"
                              disabled={del.isPending}
                              onClick={() => del.mutate(m.id)}
                            >
                              Yes, delete
                            </button>
                            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
                              Keep
                            </button>
                          </span>
                        ) : (
                          <span className="row-actions">
                            <button
                              type="button"
                              className="button-secondary"
                              aria-label={`Correct the reading of ${formatDateTime(m.taken_at)}`}
                              aria-expanded={editing === m.id}
                              onClick={() => {
                                setStatus('');
                                setEditing(editing === m.id ? null : m.id);
                              }}
                            >
                              Correct
                            </button>
                            <button
                              type="button"
                              className="button-secondary"
                              aria-label={`Delete the reading of ${formatDateTime(m.taken_at)}`}
                              onClick={() => {
                                setStatus('');
                                setEditing(null);
                                setConfirming(m.id);
                              }}
                            >
                              Delete
                            </button>
                          </span>
                        )}
                      </td>
                    </tr>
                    {editing === m.id && (
                      <tr>
                        <td colSpan={4}>
                          <EditReading
                            reading={m}
                            type={type}
                            onDone={(message) => {
                              setEditing(null);
                              setStatus(message);
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {list.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? 'Loading…' : 'Show older readings'}
        </button>
      )}
    </section>
  );
}
