import { useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';

/** "Send the link again" for a known email address. */
export function ResendVerification({ email }: { email: string }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const resend = async () => {
    setState('sending');
    setProblem(null);
    try {
      await unwrap(api.POST('/api/v1/auth/resend-verification', { body: { email } }));
      setState('sent');
    } catch (err) {
      setProblem(asProblemError(err));
      setState('idle');
    }
  };
  return (
    <div>
      <ProblemAlert error={problem} />
      <button
        type="button"
        className="button-secondary"
        onClick={() => void resend()}
        disabled={state === 'sending'}
      >
        {state === 'sending' ? 'Sending…' : 'Send the link again'}
      </button>
      <p role="status" className="status-text">
        {state === 'sent' ? `We sent a new link to ${email}.` : ''}
      </p>
    </div>
  );
}
