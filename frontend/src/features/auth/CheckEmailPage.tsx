import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';
import { ResendVerification } from './ResendVerification';

export function CheckEmailPage() {
  usePageTitle('Check your email');
  const state = useLocation().state as { email?: string } | null;
  const email = state?.email;
  return (
    <div className="narrow">
      <h1>Check your email</h1>
      <p>
        We sent a link to {email ? <strong>{email}</strong> : 'your email address'}. Open it
        to confirm the address and finish creating your account. The link works once and
        expires in 24 hours.
      </p>
      <p>
        If nothing arrives within a few minutes, look in your spam folder. If you already had an
        account with this address, we sent a reminder instead.
      </p>
      {email && <ResendVerification email={email} />}
      <p>
        <Link to="/login">Go to sign in</Link>
      </p>
    </div>
  );
}
