// One study for an administrator: read it, then approve (choosing how exports give dates, with
// an optional note) or send it back with a reason.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { DateMode, Study } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { RadioGroup } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { ReasonAction } from '../moderation/ReasonForm';
import { DATE_MODE, rKeys, useStudy } from '../research/queries';
import { ReviewOutcome, StudyDetails } from '../research/StudyDetails';
import { adminStudiesKey } from './StudiesQueuePage';

interface ApproveValues {
  date_mode: DateMode;
  note: string;
}

function ApproveForm({ study, onDone }: { study: Study; onDone: (s: Study, m: string) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ApproveValues>({ defaultValues: { date_mode: 'relative', note: '' } });
  const server = useServerErrors(setError, ['date_mode', 'note']);
  const onSubmit = async (v: ApproveValues) => {
    server.clear();
    try {
      const note = v.note.trim();
      const next = await unwrap(
        api.POST('/api/v1/studies/{id}/approve', {
          params: { path: { id: study.id } },
          body: { date_mode: v.date_mode, ...(note ? { note } : {}) },
        }),
      );
      onDone(next, 'The study is approved; its consent text is now fixed.');
    } catch (err) {
      server.handle(err);
    }
  };
  const noteError = errors.note?.message;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="approve-heading" className="panel study-section">
      <h2 id="approve-heading">Approve</h2>
      <ProblemAlert error={server.problem} form />
      <RadioGroup
        legend="How exports give dates"
        hint="Relative dates hide when things happened; choose absolute dates only when the purpose needs them."
        error={errors.date_mode}
        registration={register('date_mode', { required: 'Choose how exports give dates.' })}
        options={(Object.keys(DATE_MODE) as DateMode[]).map((m) => ({ value: m, label: DATE_MODE[m] }))}
      />
      <div className="field">
        <label htmlFor="approve-note">Note to the researchers (optional)</label>
        {noteError && (
          <p className="field-error" id="approve-note-error">
            {noteError}
          </p>
        )}
        <textarea
          id="approve-note"
          rows={3}
          maxLength={2000}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? 'approve-note-error' : undefined}
          {...register('note')}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Approve the study
        </button>
      </div>
    </form>
  );
}

export function ReviewStudyPage() {
  const { id = '' } = useParams();
  const study = useStudy(id);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  usePageTitle(study.data ? `Review: ${study.data.title}` : 'Review a study');
  const done = (next: Study, m: string) => {
    queryClient.setQueryData(rKeys.study(id), next);
    void queryClient.invalidateQueries({ queryKey: adminStudiesKey });
    setMessage(m);
  };
  const s = study.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">Administration</Link> › <Link to="/admin/studies">Studies to review</Link>
      </p>
      {study.isPending && <Loading label="Loading the study" />}
      {study.isError && (
        <>
          <h1>Review a study</h1>
          <ProblemAlert error={asProblemError(study.error)} focus={false} />
        </>
      )}
      {s && (
        <>
          <h1>{s.title}</h1>
          <p role="status" className="status-text">
            {message}
          </p>
          <ReviewOutcome study={s} />
          <StudyDetails study={s} />
          {s.status === 'submitted' && (
            <>
              <ApproveForm study={s} onDone={done} />
              <section aria-labelledby="reject-heading" className="panel study-section">
                <h2 id="reject-heading">Send it back</h2>
                <p>The researchers are emailed your reason and can change the study and submit it again.</p>
                <ReasonAction
                  label="Reject with a reason"
                  hint="Say what must change. The researchers are shown this."
                  danger
                  act={async (reason) => {
                    const next = await unwrap(
                      api.POST('/api/v1/studies/{id}/reject', { params: { path: { id: s.id } }, body: { reason } }),
                    );
                    done(next, 'The study was sent back to its researchers.');
                  }}
                />
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
