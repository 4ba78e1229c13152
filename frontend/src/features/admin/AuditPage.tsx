// The audit log for administrators: newest first, filtered by action, by who acted, by what it
// was about and by a time range (the filters live in the URL, so a filtered view can be linked
// to), older pages on demand.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  actorName,
  aKeys,
  AUDIT_ACTION_SUGGESTIONS,
  AUDIT_SUBJECT_SUGGESTIONS,
  auditApiQuery,
  auditFiltered,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  isoToLocalInput,
  localInputToIso,
  NO_AUDIT_FILTERS,
  type AuditEvent,
  type AuditFilters,
} from './queries';
import { AdminCrumbs } from './shared';

function details(e: AuditEvent): string {
  const d = e.details as unknown;
  if (d == null || (typeof d === 'object' && Object.keys(d).length === 0)) return '';
  return JSON.stringify(d);
}

/** A link to the events about one thing (a filter on its kind and id). */
function aboutHref(type: string, id: string): string {
  return `/admin/audit?${new URLSearchParams({ subject_type: type, subject_id: id }).toString()}`;
}

function FilterForm({ applied, onApply }: { applied: AuditFilters; onApply: (f: AuditFilters) => void }) {
  // The time range is typed in the browser's time zone and sent as UTC.
  const [draft, setDraft] = useState({ ...applied, from: isoToLocalInput(applied.from), to: isoToLocalInput(applied.to) });
  return (
    <form
      className="admin-filters"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...draft, from: localInputToIso(draft.from), to: localInputToIso(draft.to) });
      }}
    >
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <div className="hint" id="audit-action-hint">
          For example admin.user_suspended; leave empty for every action.
        </div>
        <input
          id="audit-action"
          list="audit-actions"
          autoComplete="off"
          aria-describedby="audit-action-hint"
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        />
        <datalist id="audit-actions">
          {AUDIT_ACTION_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-actor">Who acted (user id)</label>
        <div className="hint" id="audit-actor-hint">
          The members page links to each member’s events.
        </div>
        <input
          id="audit-actor"
          autoComplete="off"
          aria-describedby="audit-actor-hint"
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-subject-type">About (kind of thing)</label>
        <div className="hint" id="audit-subject-type-hint">
          For example user, community or study.
        </div>
        <input
          id="audit-subject-type"
          list="audit-subject-types"
          autoComplete="off"
          aria-describedby="audit-subject-type-hint"
          value={draft.subject_type}
          onChange={(e) => setDraft({ ...draft, subject_type: e.target.value })}
        />
        <datalist id="audit-subject-types">
          {AUDIT_SUBJECT_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-subject-id">About (id)</label>
        <div className="hint" id="audit-subject-id-hint">
          The id shown in the “About” column; each one links to its events.
        </div>
        <input
          id="audit-subject-id"
          autoComplete="off"
          aria-describedby="audit-subject-id-hint"
          value={draft.subject_id}
          onChange={(e) => setDraft({ ...draft, subject_id: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <div className="hint" id="audit-from-hint">
          Events at or after this time (your time zone).
        </div>
        <input
          id="audit-from"
          type="datetime-local"
          aria-describedby="audit-from-hint"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-to">Until</label>
        <div className="hint" id="audit-to-hint">
          Events before this time (your time zone).
        </div>
        <input
          id="audit-to"
          type="datetime-local"
          aria-describedby="audit-to-hint"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </div>
      <div className="form-actions">
        <button type="submit">Show events</button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setDraft(NO_AUDIT_FILTERS);
            onApply(NO_AUDIT_FILTERS);
          }}
        >
          Clear the filters
        </button>
      </div>
    </form>
  );
}

export function AuditPage() {
  usePageTitle('Audit log');
  const [search, setSearch] = useSearchParams();
  const filters = auditFiltersFromSearch(search);
  const events = useInfiniteQuery({
    queryKey: aKeys.audit(filters),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/admin/audit', { params: { query: auditApiQuery(filters, pageParam || undefined) } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  // Handles for the ids in the log, from the first page of accounts (ids otherwise).
  const users = useQuery({
    queryKey: [...aKeys.users, 'handles'],
    queryFn: () => unwrap(api.GET('/api/v1/admin/users', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
  const handles = useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, u.handle])), [users.data]);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = auditFiltered(filters);
  return (
    <>
      <AdminCrumbs />
      <h1>Audit log</h1>
      <p className="lead">
        Every action that touches someone else’s data, and every sign-in, newest first. The log is a hash chain: a
        changed or removed row breaks it.
      </p>
      <FilterForm
        key={auditFiltersToSearch(filters).toString()}
        applied={filters}
        onApply={(f) => setSearch(auditFiltersToSearch(f))}
      />
      {events.isPending && <Loading label="Loading the audit log" />}
      {events.isError && <ProblemAlert error={asProblemError(events.error)} focus={false} />}
      {events.data &&
        (items.length === 0 ? (
          <p className="muted">{filtered ? 'No events match these filters.' : 'No events yet.'}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">About</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>{formatDateTime(e.occurred_at)}</td>
                    <td>{actorName(e.actor_id, handles)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.subject_type && (
                        <>
                          {e.subject_type}{' '}
                          {e.subject_id && (
                            <Link
                              to={aboutHref(e.subject_type, e.subject_id)}
                              aria-label={`Events about ${e.subject_type} ${
                                e.subject_type === 'user' ? actorName(e.subject_id, handles) : e.subject_id
                              }`}
                            >
                              {e.subject_type === 'user' ? actorName(e.subject_id, handles) : <code>{e.subject_id}</code>}
                            </Link>
                          )}
                        </>
                      )}
                    </td>
                    <td className="audit-details">{details(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {events.hasNextPage && (
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load older events
          </button>
        </div>
      )}
    </>
  );
}
