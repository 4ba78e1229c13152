// One study, as its researchers see it: where it stands, the reviewer's word, its cohort, its
// exports once approved, the consent text, and what they may do next (change it, submit it,
// ask for an export, add a fellow researcher).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { Study } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useAuth } from '../auth/AuthProvider';
import { CohortPreview } from './CohortPreview';
import { ExportsSection } from './ExportsSection';
import { editable, rKeys, useStudy } from './queries';
import { ReviewOutcome, StudyDetails } from './StudyDetails';

function AddResearcher({ study, onDone }: { study: Study; onDone: (m: string) => void }) {
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<{ handle: string }>({ defaultValues: { handle: '' } });
  const server = useServerErrors(setError, ['handle']);
  const onSubmit = async (v: { handle: string }) => {
    server.clear();
    try {
      const saved = await unwrap(
        api.POST('/api/v1/studies/{id}/members', { params: { path: { id: study.id } }, body: { handle: v.handle.trim() } }),
      );
      queryClient.setQueryData(rKeys.study(study.id), saved);
      reset();
      onDone(`${v.handle.trim()} is now a researcher of this study.`);
    } catch (err) {
      server.handle(err);
    }
  };
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="add-heading" className="panel study-section">
      <h2 id="add-heading">Add a fellow researcher</h2>
      <ProblemAlert error={server.problem} form />
      <TextField
        label="Their handle"
        hint="Only verified researchers can be added. They can read and change the study; only you can add people."
        autoComplete="off"
        error={errors.handle}
        registration={register('handle', { required: 'Enter a handle.' })}
      />
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={isSubmitting}>
          Add researcher
        </button>
      </div>
    </form>
  );
}

export function StudyPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();
  const study = useStudy(id);
  const navigate = useNavigate();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const [message, setMessage] = useState(saved ? 'The study is saved.' : '');
  // Say "saved" once: a reload or a return to this page must not repeat it.
  useEffect(() => {
    if (saved) void navigate(location.pathname, { replace: true, state: null });
  }, [saved, navigate, location.pathname]);
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(study.data?.title ?? 'Study');

  const submit = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const next = await unwrap(api.POST('/api/v1/studies/{id}/submit', { params: { path: { id } } }));
      queryClient.setQueryData(rKeys.study(id), next);
      await queryClient.invalidateQueries({ queryKey: rKeys.studies });
      setMessage('The study was sent for review.');
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };

  const s = study.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/research">Your studies</Link>
      </p>
      {study.isPending && <Loading label="Loading the study" />}
      {study.isError && (
        <>
          <h1>Study</h1>
          <ProblemAlert error={asProblemError(study.error)} focus={false} />
        </>
      )}
      {s && (
        <>
          <h1>{s.title}</h1>
          <p role="status" className="status-text">
            {message}
          </p>
          <ProblemAlert error={problem} />
          <ReviewOutcome study={s} />
          {editable(s.status) && (
            <div className="form-actions study-actions">
              <button type="button" onClick={() => void submit()} disabled={busy}>
                {s.status === 'rejected' ? 'Submit again for review' : 'Submit for review'}
              </button>
              <Link to={`/research/studies/${s.id}/edit`} className="button-link button-secondary">
                Change the study
              </Link>
            </div>
          )}
          <CohortPreview study={s} />
          {(s.status === 'approved' || s.status === 'closed') && <ExportsSection study={s} />}
          <StudyDetails study={s} />
          {user && s.owner_id === user.id && s.status !== 'closed' && <AddResearcher study={s} onDone={setMessage} />}
        </>
      )}
    </>
  );
}
