// Apply to become a verified researcher, and see how the application stands. Any member with a
// confirmed address may apply; this page is its own small chunk so patients who never open it
// never download the researchers' pages.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, ProblemError, unwrap } from '../../api/problem';
import { setUser } from '../../api/session';
import type { Application, ApplicationRequest } from '../../api/types';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useAuth } from '../auth/AuthProvider';
import { APPLICATION_STATUS, rKeys } from './queries';

const FIELDS = ['institution', 'title', 'institutional_email', 'orcid', 'statement'] as const;

/** My application, or null when I have never applied (the server answers 404). */
async function fetchApplication(): Promise<Application | null> {
  try {
    return await unwrap(api.GET('/api/v1/researcher/application'));
  } catch (err) {
    if (err instanceof ProblemError && err.status === 404) return null;
    throw err;
  }
}

function ApplicationStatusCard({ app }: { app: Application }) {
  const { user } = useAuth();
  // An approval makes me a researcher on my next request: pick the new role up from GET /me.
  useEffect(() => {
    if (app.status !== 'approved' || !user || user.role !== 'patient') return;
    void api.GET('/api/v1/me').then(({ data }) => {
      if (data) setUser(data);
    });
  }, [app.status, user]);
  const tone = app.status === 'approved' ? 'alert-success' : app.status === 'rejected' ? 'alert-error' : 'alert-info';
  return (
    <section aria-labelledby="application-heading" className={`alert ${tone}`}>
      <h2 id="application-heading" className="alert-title">
        Your application: {APPLICATION_STATUS[app.status]}
      </h2>
      <p>
        {app.title} at {app.institution} · sent {formatDate(app.created_at)}
        {app.decided_at && <> · decided {formatDate(app.decided_at)}</>}
      </p>
      {app.status === 'pending' && <p>An administrator checks every application. We email you the outcome.</p>}
      {app.status === 'approved' && (
        <p>
          You are a verified researcher. <Link to="/research">Go to your studies</Link>.
        </p>
      )}
      {app.status === 'rejected' && (
        <>
          <p>
            <strong>The reviewer’s reason:</strong> {app.reason ?? 'No reason was given.'}
          </p>
          <p>You may apply again below.</p>
        </>
      )}
    </section>
  );
}

function ApplicationForm() {
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ApplicationRequest>({
    defaultValues: { institution: '', title: '', institutional_email: '', orcid: '', statement: '' },
  });
  const server = useServerErrors(setError, FIELDS);
  const onSubmit = async (v: ApplicationRequest) => {
    server.clear();
    try {
      const orcid = v.orcid?.trim();
      const body: ApplicationRequest = {
        institution: v.institution.trim(),
        title: v.title.trim(),
        institutional_email: v.institutional_email.trim(),
        statement: v.statement.trim(),
        ...(orcid ? { orcid } : {}),
      };
      const app = await unwrap(api.POST('/api/v1/researcher/application', { body }));
      queryClient.setQueryData(rKeys.application, app);
    } catch (err) {
      server.handle(err);
    }
  };
  const statementError = errors.statement?.message;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="apply-heading" className="narrow-wide">
      <h2 id="apply-heading">Apply</h2>
      <ProblemAlert error={server.problem} form />
      <TextField label="Institution" autoComplete="organization" error={errors.institution} registration={register('institution', { required: 'Enter your institution.' })} />
      <TextField label="Your position there" autoComplete="organization-title" error={errors.title} registration={register('title', { required: 'Enter your position.' })} />
      <TextField
        label="Institutional email address"
        type="email"
        hint="An address at your institution, so we can check you work there."
        error={errors.institutional_email}
        registration={register('institutional_email', { required: 'Enter your institutional email address.' })}
      />
      <TextField label="ORCID iD (optional)" hint="For example 0000-0002-1825-0097." error={errors.orcid} registration={register('orcid')} />
      <div className="field">
        <label htmlFor="statement">What you research, and why you need data from Kindred</label>
        <div className="hint" id="statement-hint">
          20 to 4,000 characters. Members never see this; the administrator uses it to decide.
        </div>
        {statementError && (
          <p className="field-error" id="statement-error">
            {statementError}
          </p>
        )}
        <textarea
          id="statement"
          rows={6}
          aria-invalid={errors.statement ? true : undefined}
          aria-describedby={`statement-hint${statementError ? ' statement-error' : ''}`}
          {...register('statement', { required: 'Tell us what you research.' })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Send my application
        </button>
      </div>
    </form>
  );
}

export function ApplyPage() {
  usePageTitle('Become a researcher');
  const { user } = useAuth();
  const app = useQuery({ queryKey: rKeys.application, queryFn: fetchApplication });
  if (!user) return null;
  const verified = user.role === 'researcher' || user.role === 'admin';
  return (
    <>
      <h1>Become a researcher</h1>
      <p className="lead">
        Verified researchers may ask members for de-identified copies of what they track. Members decide for
        themselves whether to take part, one study at a time.
      </p>
      {!user.email_verified && (
        <div className="alert alert-info">
          <p>Please confirm your email address first: you can apply once it is confirmed.</p>
        </div>
      )}
      {app.isPending && <Loading label="Loading your application" />}
      {app.isError && <ProblemAlert error={asProblemError(app.error)} focus={false} />}
      {app.data && <ApplicationStatusCard app={app.data} />}
      {app.isSuccess && !verified && app.data?.status !== 'pending' && app.data?.status !== 'approved' && user.email_verified && (
        <ApplicationForm />
      )}
      {verified && !app.data && (
        <p>
          You already have a researcher’s access. <Link to="/research">Go to your studies</Link>.
        </p>
      )}
    </>
  );
}
