import { Navigate, Outlet, useLocation } from 'react-router';
import { getEndReason } from '../../api/session';
import { Loading } from '../../components/Loading';
import { useAuth } from './AuthProvider';

/** Routes below this need a signed-in member; others are sent to sign in and brought back. */
export function RequireAuth() {
  const { user, restoring } = useAuth();
  const location = useLocation();
  if (restoring) return <Loading label="Checking your session" />;
  if (!user) {
    // A deliberate sign-out or deletion says so; an expired session brings the member back.
    const reason = getEndReason();
    const state =
      reason === 'signed_out'
        ? { signedOut: true }
        : reason === 'deleted'
          ? { deleted: true }
          : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
