import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { Condition, ConditionStatus, MyCondition, Visibility } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { CheckboxField, RadioGroup, TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useAuth } from '../auth/AuthProvider';
import { myConditionsKey, STATUS_LABEL, useConditionCatalog, useMyConditions } from './queries';
import { searchConditions } from './search';
import { Suggestions } from './Suggestions';

/** Who sees this list: whoever may see the member's profile. */
const WHO_SEES: Record<Visibility, string> = {
  private: 'Only you can see this list: your profile is set to “Only me”.',
  members: 'People signed in to Kindred can see this list on your profile: it is set to “Signed-in members”.',
  public: 'Anyone on the internet can see this list on your profile: it is set to “Anyone”.',
};

const SHOWN = 15;

export function ChooseConditionsPage() {
  usePageTitle('Your conditions');
  const catalog = useConditionCatalog();
  const mine = useMyConditions();
  const { user } = useAuth();
  const [selected, setSelected] = useState<Condition | null>(null);
  const [message, setMessage] = useState('');
  // The condition just added: what to track for it is suggested.
  const [added, setAdded] = useState<Condition | null>(null);
  const addHeading = useRef<HTMLHeadingElement>(null);

  return (
    <div className="narrow-wide">
      <h1>Your conditions</h1>
      <p>
        Tell us which health conditions you live with. This shapes what Kindred shows you, such as
        communities, questionnaires and what to track.{' '}
        {user && (
          <>
            {WHO_SEES[user.profile.visibility]}{' '}
            <Link to="/privacy/visibility">Change who can see your profile</Link>.
          </>
        )}
      </p>
      <p role="status" className="status-text">
        {message}
      </p>
      <MyConditionsList mine={mine.data?.items} loading={mine.isPending} onMessage={setMessage} />
      {mine.isError && <ProblemAlert error={asProblemError(mine.error)} focus={false} />}

      <section aria-labelledby="add-heading" className="panel">
        <h2 id="add-heading" ref={addHeading} tabIndex={-1}>
          Add a condition
        </h2>
        {catalog.isPending && <Loading label="Loading the list of conditions" />}
        {catalog.isError && <ProblemAlert error={asProblemError(catalog.error)} focus={false} />}
        {catalog.data &&
          (selected ? (
            <AddConditionForm
              condition={selected}
              isFirst={(mine.data?.items.length ?? 0) === 0}
              onDone={(added) => {
                setSelected(null);
                if (added) {
                  setMessage(`Added ${added.condition.name} to your conditions.`);
                  setAdded(added.condition);
                }
                // The form is gone: put focus back at the start of this section.
                requestAnimationFrame(() => addHeading.current?.focus());
              }}
            />
          ) : (
            <ConditionSearch
              catalog={catalog.data.items}
              taken={new Set(mine.data?.items.map((m) => m.condition.slug))}
              onChoose={(c) => {
                setAdded(null);
                setSelected(c);
              }}
            />
          ))}
      </section>
      {added && <Suggestions key={added.slug} condition={added} />}
      <p>
        <Link to="/dashboard" className="button-link">
          Done: go to my dashboard
        </Link>
      </p>
    </div>
  );
}

function MyConditionsList({
  mine,
  loading,
  onMessage,
}: {
  mine: MyCondition[] | undefined;
  loading: boolean;
  onMessage: (m: string) => void;
}) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const remove = useMutation({
    mutationFn: (m: MyCondition) =>
      unwrap(api.DELETE('/api/v1/me/conditions/{id}', { params: { path: { id: m.id } } })),
    onSuccess: (_d, m) => {
      setProblem(null);
      onMessage(`Removed ${m.condition.name} from your conditions.`);
      void queryClient.invalidateQueries({ queryKey: myConditionsKey });
      // Which questionnaires are due depends on my conditions.
      void queryClient.invalidateQueries({ queryKey: ['me', 'questionnaires', 'due'] });
    },
    onError: (err) => setProblem(asProblemError(err)),
  });
  if (loading) return <Loading label="Loading your conditions" />;
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading">On your list</h2>
      <ProblemAlert error={problem} />
      {!mine || mine.length === 0 ? (
        <p className="muted">You haven’t added any conditions yet.</p>
      ) : (
        <ul className="card-list">
          {mine.map((m) => (
            <li key={m.id} className="card">
              <div>
                <p className="card-title">
                  {m.condition.name}
                  {m.primary && <span className="badge">Main condition</span>}
                </p>
                <p className="muted">
                  {STATUS_LABEL[m.status]}
                  {m.diagnosis_year ? ` · diagnosed in ${m.diagnosis_year}` : ''}
                </p>
              </div>
              <button
                type="button"
                className="button-secondary"
                disabled={remove.isPending && remove.variables?.id === m.id}
                onClick={() => remove.mutate(m)}
              >
                Remove<span className="visually-hidden"> {m.condition.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConditionSearch({
  catalog,
  taken,
  onChoose,
}: {
  catalog: Condition[];
  taken: Set<string>;
  onChoose: (c: Condition) => void;
}) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  const results = useMemo(() => searchConditions(catalog, query), [catalog, query]);
  const shown = results.slice(0, SHOWN);
  return (
    <>
      <div className="field">
        <label htmlFor={inputId}>Search for a condition</label>
        <div className="hint" id={`${inputId}-hint`}>
          Type part of its name, for example “asthma”, or its ICD-10 code.
        </div>
        <input
          id={inputId}
          type="search"
          autoComplete="off"
          aria-describedby={`${inputId}-hint`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <p role="status" className="muted">
        {results.length === 0
          ? 'No conditions match. Try a shorter or different word.'
          : results.length > SHOWN
            ? `Showing ${SHOWN} of ${results.length} matches. Type more to narrow the list.`
            : `${results.length} ${results.length === 1 ? 'match' : 'matches'}.`}
      </p>
      <ul className="result-list">
        {shown.map((c) => (
          <li key={c.slug}>
            <span>
              {c.name} <span className="muted">({c.icd10})</span>
            </span>
            {taken.has(c.slug) ? (
              <span className="muted">On your list</span>
            ) : (
              <button type="button" className="button-secondary" onClick={() => onChoose(c)}>
                Choose<span className="visually-hidden"> {c.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

const thisYear = new Date().getFullYear();
const addSchema = z.object({
  diagnosis_year: z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d{4}$/.test(s) && +s >= 1900 && +s <= thisYear), {
      error: `Enter a year between 1900 and ${thisYear}, or leave it empty.`,
    }),
  status: z.enum(Object.keys(STATUS_LABEL) as [ConditionStatus, ...ConditionStatus[]]),
  primary: z.boolean(),
});
type AddValues = z.infer<typeof addSchema>;
const ADD_FIELDS = ['diagnosis_year', 'status', 'primary'] as const;

function AddConditionForm({
  condition,
  isFirst,
  onDone,
}: {
  condition: Condition;
  isFirst: boolean;
  onDone: (added: MyCondition | null) => void;
}) {
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AddValues>({
    resolver: zodResolver(addSchema),
    defaultValues: { diagnosis_year: '', status: 'active', primary: isFirst },
  });
  const server = useServerErrors(setError, ADD_FIELDS);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const onSubmit = async (v: AddValues) => {
    server.clear();
    try {
      const added = await unwrap(
        api.POST('/api/v1/me/conditions', {
          body: {
            condition: condition.slug,
            diagnosis_year: v.diagnosis_year === '' ? null : Number(v.diagnosis_year),
            status: v.status,
            primary: v.primary,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: myConditionsKey });
      void queryClient.invalidateQueries({ queryKey: ['me', 'questionnaires', 'due'] });
      onDone(added);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      <h3 ref={heading} tabIndex={-1}>
        {condition.name} <span className="muted">({condition.icd10})</span>
      </h3>
      <ProblemAlert error={server.problem} form />
      <TextField
        label="Year you were diagnosed (optional)"
        inputMode="numeric"
        maxLength={4}
        className="input-short"
        registration={register('diagnosis_year')}
        error={errors.diagnosis_year}
      />
      <RadioGroup
        legend="How is it now?"
        registration={register('status')}
        error={errors.status}
        options={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))}
      />
      <CheckboxField
        label="This is my main condition"
        hint="Your main condition is the one you most want to track. You can have one."
        registration={register('primary')}
        error={errors.primary}
      />
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add to my list'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
