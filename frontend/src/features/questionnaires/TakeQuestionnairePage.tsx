import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { QuestionnaireDetail, QuestionnaireItem, ResponseView } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSessionUser } from '../auth/useSessionUser';
import { CrisisNote } from './CrisisResources';
import { clearDraft, draftKey, loadDraft, saveDraft } from './draft';
import {
  blockReason,
  describeAnswer,
  describeCount,
  enabledItems,
  isAnswered,
  prune,
  questionCount,
  type Answer,
  type Answers,
} from './flow';
import { qKeys, useQuestionnaire } from './queries';
import { ResultView } from './ResultView';
import { hasCrisisFlag, raisedFlags } from './scoring';
import './questionnaires.css';

export function TakeQuestionnairePage() {
  const { slug = '' } = useParams();
  const detail = useQuestionnaire(slug);
  usePageTitle(detail.data ? detail.data.title : 'Questionnaire');
  if (detail.isPending) return <Loading label="Loading the questionnaire" />;
  if (detail.isError) {
    return (
      <>
        <h1>Questionnaire</h1>
        <ProblemAlert error={asProblemError(detail.error)} focus={false} />
        <Link to="/questionnaires">Back to questionnaires</Link>
      </>
    );
  }
  return <Flow key={`${slug}:${detail.data.version.version}`} q={detail.data} />;
}

function Flow({ q }: { q: QuestionnaireDetail }) {
  const def = q.version.definition;
  const user = useSessionUser();
  const storeKey = draftKey(user?.id, q.slug, q.version.version);
  // Answers in progress come back after a reload (this tab only; see draft.ts).
  const [initial] = useState(() => loadDraft(storeKey, def));
  const [answers, setAnswers] = useState<Answers>(initial?.answers ?? {});
  const [step, setStep] = useState(initial?.step ?? 0);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [result, setResult] = useState<ResponseView | null>(null);
  const clientId = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();

  const asked = useMemo(() => enabledItems(def, answers), [def, answers]);
  const reviewing = step >= asked.length;
  const current = reviewing ? null : asked[step];
  const count = useMemo(() => describeCount(questionCount(def)), [def]);
  // The definition's flag rules, on the answers as they are now: crisis help shows as soon as
  // an answer raises a crisis flag, not only once the server has scored the answers.
  const crisis = useMemo(() => hasCrisisFlag(raisedFlags(def, answers)), [def, answers]);
  const dirty = !result && Object.values(answers).some((a) => isAnswered(a));

  useEffect(() => {
    if (!result) saveDraft(storeKey, { answers, step });
  }, [storeKey, answers, step, result]);

  // Leaving with answers not sent: the browser asks on reload or closing the tab…
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers need a value set to show their question.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // …and we ask before a link inside the app leads away (the crisis numbers excepted: the
  // answers stay in this tab while they are looked at).
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        dirty && !!user && nextLocation.pathname !== currentLocation.pathname && nextLocation.pathname !== '/help',
      [dirty, user],
    ),
  );

  // Each step starts with focus on its heading, so it is announced and Tab goes on from there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The crisis panel takes focus itself when it shows.
    if (result?.show_crisis_resources) return;
    headingRef.current?.focus();
  }, [step, result]);

  const submit = useMutation({
    mutationFn: () => {
      clientId.current ??= crypto.randomUUID();
      return unwrap(
        api.POST('/api/v1/questionnaires/{slug}/responses', {
          params: { path: { slug: q.slug } },
          body: { version: q.version.version, answers: prune(def, answers), client_id: clientId.current },
        }),
      );
    },
    onSuccess: (r) => {
      clientId.current = null;
      clearDraft(storeKey);
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: qKeys.due });
      void queryClient.invalidateQueries({ queryKey: qKeys.responses });
      void queryClient.invalidateQueries({ queryKey: qKeys.scores(q.slug) });
    },
  });

  function answer(key: string, value: Answer | undefined) {
    // A changed answer is a new submission: the next attempt gets a new client id.
    clientId.current = null;
    setBlocked(null);
    setAnswers((a) => ({ ...a, [key]: value }));
  }

  function next() {
    if (!current) return;
    const why = blockReason(current, answers[current.key]);
    if (why) {
      setBlocked(why);
      return;
    }
    setBlocked(null);
    setStep((s) => s + 1);
  }

  function back() {
    setBlocked(null);
    setStep((s) => Math.max(0, s - 1));
  }

  function discard() {
    clearDraft(storeKey);
    clientId.current = null;
    setBlocked(null);
    setAnswers({});
    setStep(0);
    // The step may already be 0: focus the heading here too.
    headingRef.current?.focus();
  }

  if (result) {
    return (
      <>
        <h1 tabIndex={-1} ref={headingRef}>
          {q.title}: your result
        </h1>
        <ResultView result={result} q={q} />
      </>
    );
  }

  // Kept in place for every question, so the note is announced (politely) when it appears.
  const crisisRegion = (
    <div role="status" className="crisis-live">
      {crisis && <CrisisNote />}
    </div>
  );

  return (
    <>
      <h1>{q.title}</h1>
      <p className="muted">{q.description}</p>
      <p>
        <strong>{count}</strong>, one at a time. Your answers are kept in this browser tab until
        you send them.
      </p>
      {blocker.state === 'blocked' && (
        <LeaveDialog title={q.title} onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />
      )}
      <div className="question-progress">
        <h2 id="progress-label" tabIndex={-1} ref={headingRef}>
          {reviewing ? 'Check your answers' : `Question ${step + 1} of ${asked.length}`}
        </h2>
        <progress
          aria-labelledby="progress-label"
          max={asked.length}
          value={reviewing ? asked.length : step}
        />
      </div>

      {current ? (
        <form
          className="card card-block"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            next();
          }}
        >
          <ItemInput
            key={current.key}
            item={current}
            value={answers[current.key]}
            error={blocked}
            onChange={(v) => answer(current.key, v)}
          />
          {crisisRegion}
          <div className="form-actions">
            {step > 0 && (
              <button type="button" className="button-secondary" onClick={back}>
                Back
              </button>
            )}
            <button type="submit">Next</button>
          </div>
        </form>
      ) : (
        <section className="card card-block" aria-labelledby="progress-label">
          {crisisRegion}
          <dl className="review-list">
            {asked.map((item, i) => (
              <div key={item.key}>
                <dt>{item.text}</dt>
                <dd>
                  {describeAnswer(item, answers[item.key])}{' '}
                  <button
                    type="button"
                    className="button-link-inline"
                    aria-label={`Change the answer to question ${i + 1}`}
                    onClick={() => setStep(i)}
                  >
                    Change
                  </button>
                </dd>
              </div>
            ))}
          </dl>
          <ProblemAlert error={submit.error ? (asProblemError(submit.error) as ProblemError) : null} form />
          <div className="form-actions">
            <button type="button" className="button-secondary" onClick={back}>
              Back
            </button>
            <button type="button" onClick={() => submit.mutate()} disabled={submit.isPending}>
              {submit.isPending ? 'Sending…' : 'Submit my answers'}
            </button>
          </div>
        </section>
      )}
      {dirty && (
        <p>
          <button type="button" className="button-link-inline" onClick={discard}>
            Discard answers
          </button>{' '}
          <span className="muted">and start again.</span>
        </p>
      )}
    </>
  );
}

/** Asked before a link inside the app leads away from answers not yet sent. */
function LeaveDialog({ title, onStay, onLeave }: { title: string; onStay: () => void; onLeave: () => void }) {
  const id = useId();
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => stay.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      className="alert alert-info leave-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onStay();
      }}
    >
      <h2 id={`${id}-t`} className="alert-title">
        Leave {title} without sending your answers?
      </h2>
      <p id={`${id}-d`}>
        They are not sent yet. This browser tab keeps them until you close it, so you can come
        back and finish.
      </p>
      <div className="form-actions">
        <button type="button" ref={stay} onClick={onStay}>
          Stay and finish
        </button>
        <button type="button" className="button-secondary" onClick={onLeave}>
          Leave
        </button>
      </div>
    </div>
  );
}

function ItemInput({
  item,
  value,
  error,
  onChange,
}: {
  item: QuestionnaireItem;
  value: Answer | undefined;
  error: string | null;
  onChange: (v: Answer | undefined) => void;
}) {
  const id = useId();
  const errId = `${id}-error`;
  const helpId = item.help ? `${id}-help` : undefined;
  const described = [helpId, error ? errId : undefined].filter(Boolean).join(' ') || undefined;
  const errorText = error ? (
    <p id={errId} className="field-error">
      {error}
    </p>
  ) : null;
  const help = item.help ? (
    <div id={helpId} className="hint">
      {item.help}
    </div>
  ) : null;
  const optional = item.required ? null : <span className="muted"> (optional)</span>;

  if (item.type === 'single_choice' || item.type === 'boolean' || item.type === 'multi_choice') {
    const options =
      item.type === 'boolean'
        ? [
            { value: 1, label: 'Yes' },
            { value: 0, label: 'No' },
          ]
        : (item.options ?? []);
    const multi = item.type === 'multi_choice';
    const chosen = (v: number) =>
      multi
        ? Array.isArray(value) && value.includes(v)
        : item.type === 'boolean'
          ? value !== undefined && (value === true ? 1 : 0) === v
          : value === v;
    return (
      <fieldset className="field" aria-invalid={error ? true : undefined} aria-describedby={described}>
        <legend className="question-text">
          {item.text}
          {optional}
        </legend>
        {help}
        {errorText}
        {options.map((o) => {
          const oid = `${id}-${o.value}`;
          return (
            <div className={multi ? 'checkbox-row' : 'radio-row'} key={o.value}>
              <input
                id={oid}
                type={multi ? 'checkbox' : 'radio'}
                name={item.key}
                value={o.value}
                checked={chosen(o.value)}
                onChange={(e) => {
                  if (multi) {
                    const cur = Array.isArray(value) ? value : [];
                    const nextVal = e.target.checked
                      ? [...cur, o.value].sort((a, b) => a - b)
                      : cur.filter((x) => x !== o.value);
                    onChange(nextVal);
                  } else if (item.type === 'boolean') {
                    onChange(o.value === 1);
                  } else {
                    onChange(o.value);
                  }
                }}
              />
              <label htmlFor={oid}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    );
  }

  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id} className="question-text">
        {item.text}
        {optional}
      </label>
      {help}
      {errorText}
      {item.type === 'text' ? (
        <textarea
          {...common}
          rows={4}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : item.type === 'date' ? (
        <input
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      ) : (
        <input
          {...common}
          type="number"
          inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
          step={item.type === 'integer' ? 1 : 'any'}
          min={item.min ?? undefined}
          max={item.max ?? undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      )}
    </div>
  );
}
