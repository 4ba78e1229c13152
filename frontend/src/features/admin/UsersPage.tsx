// Members' accounts for administrators: the server narrows the list by part of a handle or
// email, standing and role; suspend an account with a reason (its sessions end and sign-in is
// refused) or lift a suspension.
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonAction } from '../moderation/ReasonForm';
import { aKeys, usersApiQuery, type AdminUserView, type UserFilters } from './queries';
import { AdminCrumbs, Status } from './shared';

const STATUS_LABEL: Record<AdminUserView['status'], string> = {
  active: 'Active',
  suspended: 'Suspended',
  deleted: 'Erased',
};
const ROLE_LABEL: Record<AdminUserView['role'], string> = {
  patient: 'Member',
  researcher: 'Researcher',
  admin: 'Administrator',
};

function UserItem({ user, onDone }: { user: AdminUserView; onDone: (m: string) => void }) {
  return (
    <li className="card card-block user-card">
      <h2>
        {user.handle} <span className="badge">{STATUS_LABEL[user.status]}</span>
      </h2>
      <dl className="study-facts">
        <dt>Email</dt>
        <dd>
          {user.email ?? 'Erased'}
          {user.email && !user.email_verified && ' (not confirmed)'}
        </dd>
        <dt>Role</dt>
        <dd>{ROLE_LABEL[user.role]}</dd>
        <dt>Joined</dt>
        <dd>{formatDate(user.created_at)}</dd>
        {user.status_reason && (
          <>
            <dt>Reason given</dt>
            <dd>{user.status_reason}</dd>
          </>
        )}
      </dl>
      <div className="form-actions">
        <Link to={`/admin/audit?actor=${encodeURIComponent(user.id)}`}>
          What {user.handle} did<span className="visually-hidden"> (audit log)</span>
        </Link>
        <Link to={`/admin/audit?subject_type=user&subject_id=${encodeURIComponent(user.id)}`}>
          What was done to {user.handle}
          <span className="visually-hidden"> (audit log)</span>
        </Link>
        {user.status === 'active' && user.role !== 'admin' && (
          <ReasonAction
            label={`Suspend ${user.handle}`}
            hint="3–500 characters. They are shown this when they try to sign in; their sessions end now."
            danger
            act={async (reason) => {
              await unwrap(
                api.POST('/api/v1/admin/users/{id}/suspend', { params: { path: { id: user.id } }, body: { reason } }),
              );
              onDone(`${user.handle} is suspended.`);
            }}
          />
        )}
        {user.status === 'suspended' && (
          <ReasonAction
            label={`Lift the suspension of ${user.handle}`}
            hint="3–500 characters, for the audit log."
            act={async (reason) => {
              await unwrap(
                api.POST('/api/v1/admin/users/{id}/unsuspend', { params: { path: { id: user.id } }, body: { reason } }),
              );
              onDone(`${user.handle} can sign in again.`);
            }}
          />
        )}
      </div>
    </li>
  );
}

/** `value`, once it has stopped changing for `ms` (so typing does not ask the server per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function UsersPage() {
  usePageTitle('Members');
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [filters, setFilters] = useState<UserFilters>({ text: '', status: '', role: '' });
  const text = useSettled(filters.text, 300);
  const asked: UserFilters = { ...filters, text };
  const users = useInfiniteQuery({
    queryKey: aKeys.userList(asked),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/admin/users', { params: { query: usersApiQuery(asked, pageParam || undefined, 100) } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // The previous list stays on screen while a changed filter is asked for.
    placeholderData: keepPreviousData,
  });
  const shown = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);
  return (
    <>
      <AdminCrumbs />
      <h1>Members</h1>
      <p className="lead">
        Every account, oldest first. Suspending ends the member’s sessions at once; they see your reason when they try
        to sign in.
      </p>
      <form className="admin-filters" aria-label="Filter members" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="user-text">Handle or email contains</label>
          <input
            id="user-text"
            type="search"
            value={filters.text}
            onChange={(e) => setFilters({ ...filters, text: e.target.value })}
          />
        </div>
        <SelectField
          label="Standing"
          value={filters.status}
          onChange={(e) => setFilters({ ...filters, status: e.target.value as UserFilters['status'] })}
        >
          <option value="">Any</option>
          {(Object.keys(STATUS_LABEL) as AdminUserView['status'][]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Role"
          value={filters.role}
          onChange={(e) => setFilters({ ...filters, role: e.target.value as UserFilters['role'] })}
        >
          <option value="">Any</option>
          {(Object.keys(ROLE_LABEL) as AdminUserView['role'][]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </SelectField>
      </form>
      <Status message={message} />
      {users.isPending && <Loading label="Loading members" />}
      {users.isError && <ProblemAlert error={asProblemError(users.error)} focus={false} />}
      {users.data && (
        <>
          <p className="muted" aria-live="polite">
            {users.isPlaceholderData
              ? 'Looking for matching accounts…'
              : `Showing ${shown.length} ${shown.length === 1 ? 'account' : 'accounts'}${users.hasNextPage ? ' (more to load)' : ''}.`}
          </p>
          {shown.length === 0 ? (
            <p className="muted">No accounts match.</p>
          ) : (
            <ul className="card-list">
              {shown.map((u) => (
                <UserItem
                  key={u.id}
                  user={u}
                  onDone={(m) => {
                    setMessage(m);
                    void queryClient.invalidateQueries({ queryKey: aKeys.users });
                  }}
                />
              ))}
            </ul>
          )}
          {users.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button-secondary"
                disabled={users.isFetchingNextPage}
                onClick={() => void users.fetchNextPage()}
              >
                Load more accounts
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
