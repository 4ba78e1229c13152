// One invitation: what the study is about, who runs it, each kind of data it asks for and why
// (one checkbox each), the consent text and its fingerprint, and the consent button. Before a
// first consent the comprehension check comes in between; on passing, the consent goes on.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { AlertIcon } from '../../components/Icons';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { ComprehensionCheck } from './ComprehensionCheck';
import { ConsentState } from './InvitationsPage';
import { pKeys, useComprehensionCheck, useInvitations } from './queries';
import type { Invitation } from './types';
import { Withdraw } from './Withdraw';

export function InvitationPage() {
  const { id = '' } = useParams();
  const invitations = useInvitations();
  const invitation = invitations.data?.items.find((i) => i.study_id === id);
  usePageTitle(invitation?.title ?? 'Study invitation');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/privacy">Study invitations</Link>
      </p>
      {invitations.isPending && <Loading label="Loading the invitation" />}
      {invitations.isError && (
        <>
          <h1>Study invitation</h1>
          <ProblemAlert error={asProblemError(invitations.error)} focus={false} />
        </>
      )}
      {invitations.data && !invitation && (
        <>
          <h1>Study invitation</h1>
          <p>
            This study is not inviting you (any more). It may have ended. Your{' '}
            <Link to="/privacy/consents">consent receipts</Link> still show what you agreed to.
          </p>
        </>
      )}
      {invitation && <InvitationDetails invitation={invitation} />}
    </>
  );
}

type ConsentValues = { categories: string[] };

function InvitationDetails({ invitation: inv }: { invitation: Invitation }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const check = useComprehensionCheck();
  const [stage, setStage] = useState<'choose' | 'check'>('choose');
  const [pending, setPending] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const active = inv.my_consent?.kind === 'granted';
  const granted = active ? (inv.my_consent?.categories ?? []) : [];
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ConsentValues>({ defaultValues: { categories: granted } });
  const server = useServerErrors(setError, ['categories']);
  const [consentProblem, setConsentProblem] = useState<ProblemError | null>(null);
  const groupId = useId();

  // A new consent or a withdrawal changes what is ticked by default.
  useEffect(() => {
    reset({ categories: active ? (inv.my_consent?.categories ?? []) : [] });
  }, [inv.my_consent, active, reset]);

  const consent = async (categories: string[]) => {
    setConsentProblem(null);
    try {
      const receipt = await unwrap(
        api.POST('/api/v1/studies/{id}/consent', {
          params: { path: { id: inv.study_id } },
          body: { categories, consent_text_sha256: inv.consent_sha256 },
        }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pKeys.invitations }),
        queryClient.invalidateQueries({ queryKey: pKeys.consents }),
      ]);
      void navigate(`/privacy/consents/${receipt.receipt_id}`, { state: { consented: true } });
    } catch (err) {
      const e = asProblemError(err);
      if (e.code === 'comprehension_required') {
        setPending(categories);
        setStage('check');
        return;
      }
      // The text changed since this page loaded: fetch the new one to read.
      if (e.code === 'consent_text_changed') void queryClient.invalidateQueries({ queryKey: pKeys.invitations });
      setStage('choose');
      if (e.fieldErrors.length > 0) server.handle(e);
      else setConsentProblem(e);
    }
  };

  const onSubmit = async (v: ConsentValues) => {
    server.clear();
    setMessage('');
    const categories = Array.isArray(v.categories) ? v.categories : [];
    if (categories.length === 0) {
      setError('categories', { type: 'required', message: 'Tick at least one kind of data to share.' }, { shouldFocus: true });
      return;
    }
    if (check.data && !check.data.passed_at) {
      setPending(categories);
      setStage('check');
      return;
    }
    await consent(categories);
  };

  const errId = `${groupId}-error`;
  return (
    <>
      <h1>{inv.title}</h1>
      <p className="muted">
        Run by <strong>{inv.institution}</strong> · until {formatDate(inv.ends_on)} <ConsentState invitation={inv} />
      </p>
      <p role="status" className="status-text">
        {message}
      </p>
      <section aria-labelledby="about-heading" className="panel">
        <h2 id="about-heading">What the study is about</h2>
        <p className="prose">{inv.lay_summary}</p>
        <p>
          It would use data you recorded between {formatDate(inv.data_from)} and {formatDate(inv.data_to)}.
        </p>
      </section>

      {stage === 'check' ? (
        <ComprehensionCheck onPassed={() => consent(pending)} onCancel={() => setStage('choose')}>
          <p>
            <strong>You chose to share:</strong>{' '}
            {inv.categories
              .filter((c) => pending.includes(c.category))
              .map((c) => c.label)
              .join(', ')}
            . When your answers are right, your consent is recorded and you get a receipt.
          </p>
        </ComprehensionCheck>
      ) : (
        <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="choose-heading" className="panel">
          <h2 id="choose-heading">{active ? 'Change what you share' : 'Choose what to share'}</h2>
          <ProblemAlert error={consentProblem ?? server.problem} form />
          <fieldset
            className="field"
            aria-invalid={errors.categories ? true : undefined}
            aria-describedby={errors.categories ? errId : undefined}
          >
            <legend>Tick each kind of data you agree to share with this study</legend>
            {errors.categories?.message && (
              <p id={errId} className="field-error">
                <AlertIcon /> {errors.categories.message}
              </p>
            )}
            {inv.categories.map((c) => {
              const boxId = `${groupId}-${c.category}`;
              return (
                <div className="checkbox-row category-choice" key={c.category}>
                  <input
                    type="checkbox"
                    id={boxId}
                    value={c.category}
                    aria-describedby={`${boxId}-why`}
                    {...register('categories')}
                  />
                  <div>
                    <label htmlFor={boxId}>{c.label}</label>
                    <div id={`${boxId}-why`} className="hint">
                      Why they ask: {c.reason}
                    </div>
                  </div>
                </div>
              );
            })}
          </fieldset>
          <h3>The consent text</h3>
          <p className="hint">This is exactly what you agree to. It is fixed: the researchers cannot change it later.</p>
          <div className="consent-text" tabIndex={0} role="region" aria-label="Full consent text">
            {inv.consent_text}
          </div>
          <p className="fingerprint">
            Fingerprint of this text (SHA-256): <code>{inv.consent_sha256}</code>
          </p>
          {check.data && !check.data.passed_at && (
            <p className="hint">Before your first consent we ask three short questions, so that everything is clear.</p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : active ? 'Change my consent' : 'Give my consent'}
            </button>
          </div>
        </form>
      )}

      {active && (
        <Withdraw
          studyId={inv.study_id}
          title={inv.title}
          onDone={(m) => {
            setMessage(m);
            setStage('choose');
          }}
        />
      )}
    </>
  );
}
