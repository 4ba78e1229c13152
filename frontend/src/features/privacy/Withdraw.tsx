// One-click withdrawal, with what it does and does not do said plainly next to the button.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { WITHDRAW_DOES, WITHDRAW_DOES_NOT } from './consent';
import { pKeys } from './queries';

export function Withdraw({
  studyId,
  title,
  onDone,
  level = 2,
}: {
  studyId: string;
  title: string;
  onDone: (message: string) => void;
  /** The heading level, to fit where it is placed. */
  level?: 2 | 3 | 4;
}) {
  const Heading = `h${level}` as const;
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const headingId = `withdraw-${studyId}`;

  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await unwrap(api.DELETE('/api/v1/studies/{id}/consent', { params: { path: { id: studyId } } }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pKeys.consents }),
        queryClient.invalidateQueries({ queryKey: pKeys.invitations }),
      ]);
      onDone(`You withdrew from “${title}”. No future export will include your data.`);
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="panel panel-danger withdraw">
      <Heading id={headingId}>
        Withdraw from this study<span className="visually-hidden">: {title}</span>
      </Heading>
      <p>
        <strong>What withdrawing does:</strong> {WITHDRAW_DOES}
      </p>
      <p>
        <strong>What it cannot do:</strong> {WITHDRAW_DOES_NOT}
      </p>
      <ProblemAlert error={problem} />
      <button type="button" className="button-danger" onClick={() => void withdraw()} disabled={busy}>
        {busy ? 'Withdrawing…' : 'Withdraw my consent'}
      </button>
    </section>
  );
}
