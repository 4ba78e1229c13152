import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { clearSession } from '../../api/session';
import { saveBlob } from '../../app/download';
import { usePageTitle } from '../../app/usePageTitle';
import { CheckboxField, PasswordField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';

export function DataPage() {
  usePageTitle('Your data');
  return (
    <>
      <h1>Your data</h1>
      <DownloadSection />
      <DeleteSection />
    </>
  );
}

function DownloadSection() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const download = async () => {
    setBusy(true);
    setMessage('');
    setProblem(null);
    try {
      const blob = await unwrap(api.GET('/api/v1/me/export', { parseAs: 'blob' }));
      const day = new Date().toISOString().slice(0, 10);
      saveBlob(new Blob([blob], { type: 'application/json' }), `kindred-my-data-${day}.json`);
      setMessage('Your download has started.');
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="download-heading" className="panel">
      <h2 id="download-heading">Download your data</h2>
      <p>
        Get a copy of everything Kindred holds about you, such as your account, profile,
        conditions, measurements and questionnaire answers, as one JSON file you can keep or
        take elsewhere.
      </p>
      <ProblemAlert error={problem} />
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing your file…' : 'Download my data'}
      </button>
      <p role="status" className="status-text">
        {message}
      </p>
    </section>
  );
}

const deleteSchema = z.object({
  password: z.string().min(1, { error: 'Enter your password to confirm.' }),
  understood: z.boolean().refine((v) => v, { error: 'Tick this box to confirm you understand.' }),
});
type DeleteValues = z.infer<typeof deleteSchema>;
const DELETE_FIELDS = ['password', 'understood'] as const;

function DeleteSection() {
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DeleteValues>({
    resolver: zodResolver(deleteSchema),
    defaultValues: { password: '', understood: false },
  });
  const server = useServerErrors(setError, DELETE_FIELDS);

  const onSubmit = async (v: DeleteValues) => {
    server.clear();
    try {
      await unwrap(api.DELETE('/api/v1/me', { body: { password: v.password } }));
      clearSession('deleted');
      navigate('/login', { replace: true, state: { deleted: true } });
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <section aria-labelledby="delete-heading" className="panel panel-danger">
      <h2 id="delete-heading">Delete your account</h2>
      <p>Deleting your account is permanent. It cannot be undone. We delete:</p>
      <ul>
        <li>your email address, password and profile</li>
        <li>your conditions, measurements and questionnaire answers</li>
        <li>your sessions: you are signed out everywhere</li>
      </ul>
      <p>
        Posts you wrote in communities stay, so conversations still make sense, but they show
        “deleted member” instead of your handle. Research data already sent to a study with your
        consent cannot be recalled; nothing more is sent after today.
      </p>
      <p>If you might come back, consider downloading your data first.</p>
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
        <PasswordField
          label="Your password"
          autoComplete="current-password"
          registration={register('password')}
          error={errors.password}
        />
        <CheckboxField
          label="I understand my account and data will be deleted for good"
          registration={register('understood')}
          error={errors.understood}
        />
        <button type="submit" className="button-danger" disabled={isSubmitting}>
          {isSubmitting ? 'Deleting…' : 'Delete my account permanently'}
        </button>
      </form>
    </section>
  );
}
