import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAuth } from './AuthProvider';

export function VerifyEmailPage() {
  usePageTitle('Confirm your email');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, signOut } = useAuth();
  // A query (not an effect) so the single-use token is posted once, even when React mounts
  // the page twice in development.
  const verify = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () => unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } })),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
  });

  // Confirming the address ends every session opened before it (whoever registered the
  // address may not be its owner), this browser's too: sign out here so the app says so.
  const confirmed = verify.isSuccess;
  useEffect(() => {
    if (confirmed && user) void signOut();
  }, [confirmed, user, signOut]);

  return (
    <div className="narrow">
      <h1>Confirm your email</h1>
      {!token && (
        <p>
          This link is incomplete. Open the link from your email again, or copy the whole
          address into your browser.
        </p>
      )}
      {verify.isPending && token && <Loading label="Confirming your email address" />}
      {verify.isSuccess && (
        <div className="alert alert-success" role="status">
          <p className="alert-title">Your email address is confirmed.</p>
          <p>
            For your safety, every earlier sign-in to this account has ended.{' '}
            <Link to="/login">Sign in</Link> to continue.
          </p>
        </div>
      )}
      {verify.isError && (
        <>
          <ProblemAlert error={asProblemError(verify.error)} focus={false} />
          <p>
            If you already confirmed your address with it, just <Link to="/login">sign in</Link>.
            Otherwise, sign in and ask for a new link from your dashboard, or{' '}
            <Link to="/register">create an account</Link> again.
          </p>
        </>
      )}
    </div>
  );
}
