import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { MeasurementType } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EditReading } from './EditReading';
import { useDisplayUnit } from './displayUnit';
import { describeReading } from './model';
import { mKeys } from './queries';

/** Readings of one type, newest first, 20 at a time, each deletable after a confirmation. */
export function HistoryTable({ type }: { type: MeasurementType }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const shownUnit = useDisplayUnit(type);
  const captionId = useId();
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
          // A real table on wide screens; on a phone each row is drawn as a card (see
          // measurements.css). The explicit roles keep the table's meaning for screen readers
          // when CSS changes how its parts display.
          <div className="readings">
            <table className="readings-table" role="table" aria-labelledby={captionId}>
              <caption id={captionId} className="visually-hidden">
                {type.name} readings, newest first
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    When
                  </th>
                  <th scope="col" role="columnheader">
                    Reading
                  </th>
                  <th scope="col" role="columnheader">
                    Note
                  </th>
                  <th scope="col" role="columnheader">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {rows.map((m) => (
                  <Fragment key={m.id}>
                    <tr role="row" className="reading-row">
                      <td role="cell" className="reading-when">
                        <time dateTime={m.taken_at}>{formatDateTime(m.taken_at)}</time>
                      </td>
                      <td role="cell" className="reading-value">
                        {describeReading(m, type, shownUnit)}
                      </td>
                      <td role="cell" className="reading-note">
                        {m.note ?? ''}
                      </td>
                      <td role="cell" className="reading-actions">
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
                      <tr role="row" className="reading-edit">
                        <td role="cell" colSpan={4}>
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
