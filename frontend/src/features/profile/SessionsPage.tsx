import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { Session } from '../../api/types';
import { describeUserAgent, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { sessionsKey, useSessions } from './queries';

export function SessionsPage() {
  usePageTitle('Signed-in devices');
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const revoke = useMutation({
    mutationFn: (s: Session) =>
      unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: s.id } } })),
    onSuccess: (_data, s) => {
      setProblem(null);
      setMessage(`Signed out ${describeUserAgent(s.user_agent)}.`);
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (err) => setProblem(asProblemError(err)),
  });

  return (
    <>
      <h1>Signed-in devices</h1>
      <p>
        These are the browsers and apps signed in to your account. If you don’t recognise one,
        sign it out and change your password.
      </p>
      <p role="status" className="status-text">
        {message}
      </p>
      <ProblemAlert error={problem} />
      {sessions.isPending && <Loading label="Loading your devices" />}
      {sessions.isError && <ProblemAlert error={asProblemError(sessions.error)} focus={false} />}
      {sessions.data && (
        <ul className="card-list">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="card">
              <div>
                <p className="card-title">
                  {describeUserAgent(s.user_agent)}
                  {s.current && <span className="badge">This device</span>}
                </p>
                <p className="muted">
                  Signed in {formatDateTime(s.created_at)} · last active{' '}
                  {formatDateTime(s.last_used_at)}
                </p>
              </div>
              {!s.current && (
                <button
                  type="button"
                  className="button-secondary"
                  disabled={revoke.isPending && revoke.variables?.id === s.id}
                  onClick={() => revoke.mutate(s)}
                >
                  Sign out<span className="visually-hidden"> {describeUserAgent(s.user_agent)}, signed in {formatDateTime(s.created_at)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
