// Draft a new study, or change a draft or a study the reviewer sent back.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm, type Path, type UseFormRegister, type FieldErrors } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { NewStudyRequest, Study } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useCommunities } from '../communities/queries';
import { useConditionCatalog } from '../conditions/queries';
import { useMeasurementTypes } from '../measurements/queries';
import { useQuestionnaires } from '../questionnaires/queries';
import { categoryOptions, placeStudyErrors, type CategoryOption } from './categories';
import { editable, rKeys, useStudy } from './queries';

interface Values {
  title: string;
  lay_summary: string;
  purpose: string;
  ethics_reference: string;
  data_from: string;
  data_to: string;
  ends_on: string;
  min_cohort: string;
  conditions: string[];
  communities: string[];
  /** One row per category option, in the picker's order. */
  cats: { on: boolean; reason: string }[];
  /** Only carries the server's "choose at least one category" error. */
  picker: string;
}

function Textarea({
  name,
  label,
  hint,
  rows,
  register,
  errors,
}: {
  name: 'lay_summary' | 'purpose';
  label: string;
  hint: string;
  rows: number;
  register: UseFormRegister<Values>;
  errors: FieldErrors<Values>;
}) {
  const message = errors[name]?.message;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <div className="hint" id={`${name}-hint`}>
        {hint}
      </div>
      {message && (
        <p className="field-error" id={`${name}-error`}>
          {message}
        </p>
      )}
      <textarea
        id={name}
        rows={rows}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${name}-hint${message ? ` ${name}-error` : ''}`}
        {...register(name, { required: 'This is needed.' })}
      />
    </div>
  );
}

function CategoryPicker({
  options,
  register,
  errors,
  values,
}: {
  options: CategoryOption[];
  register: UseFormRegister<Values>;
  errors: FieldErrors<Values>;
  values: Values['cats'];
}) {
  const groups = ['About the member', 'Questionnaires', 'Measurements'] as const;
  return (
    <fieldset className="field" aria-describedby="cats-hint">
      <legend>What data the study asks for</legend>
      <div className="hint" id="cats-hint">
        Choose each category you need and say in one line why (5 to 200 characters). Members read each reason
        before they decide, and can share some categories and not others.
      </div>
      {errors.picker?.message && <p className="field-error">{errors.picker.message}</p>}
      {groups.map((group) => (
        <div key={group} className="category-group">
          <h3>{group}</h3>
          {options.map((o, i) =>
            o.group !== group ? null : (
              <div key={o.key} className="category-row">
                <div className="checkbox-row">
                  <input type="checkbox" id={`cat-${i}`} {...register(`cats.${i}.on`)} />
                  <label htmlFor={`cat-${i}`}>{o.label}</label>
                </div>
                {values[i]?.on && (
                  <TextField
                    id={`cat-${i}-reason`}
                    label={<>Why you need it<span className="visually-hidden">: {o.label}</span></>}
                    maxLength={200}
                    error={errors.cats?.[i]?.reason}
                    registration={register(`cats.${i}.reason`, {
                      validate: (v) => v.trim().length >= 5 || 'Give a reason of at least 5 characters.',
                    })}
                  />
                )}
              </div>
            ),
          )}
        </div>
      ))}
    </fieldset>
  );
}

function SlugPicker({
  name,
  legend,
  hint,
  items,
  register,
  error,
}: {
  name: 'conditions' | 'communities';
  legend: string;
  hint: string;
  items: { slug: string; name: string }[];
  register: UseFormRegister<Values>;
  error: string | undefined;
}) {
  return (
    <fieldset className="field slug-picker" aria-describedby={`${name}-hint`}>
      <legend>{legend}</legend>
      <div className="hint" id={`${name}-hint`}>
        {hint}
      </div>
      {error && <p className="field-error">{error}</p>}
      <div className="slug-options">
        {items.map((c) => (
          <div className="checkbox-row" key={c.slug}>
            <input type="checkbox" id={`${name}-${c.slug}`} value={c.slug} {...register(name)} />
            <label htmlFor={`${name}-${c.slug}`}>{c.name}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function defaults(options: CategoryOption[], study: Study | undefined): Values {
  const reasons = new Map(study?.categories.map((c) => [c.category, c.reason]));
  return {
    title: study?.title ?? '',
    lay_summary: study?.lay_summary ?? '',
    purpose: study?.purpose ?? '',
    ethics_reference: study?.ethics_reference ?? '',
    data_from: study?.data_from ?? '',
    data_to: study?.data_to ?? '',
    ends_on: study?.ends_on ?? '',
    min_cohort: study ? String(study.min_cohort) : '',
    conditions: study?.eligibility.filter((e) => e.kind === 'condition').map((e) => e.slug) ?? [],
    communities: study?.eligibility.filter((e) => e.kind === 'community').map((e) => e.slug) ?? [],
    cats: options.map((o) => ({ on: reasons.has(o.key), reason: reasons.get(o.key) ?? '' })),
    picker: '',
  };
}

function StudyForm({ study, options }: { study?: Study; options: CategoryOption[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const conditions = useConditionCatalog();
  const communities = useCommunities();
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: defaults(options, study) });
  const fields = useMemo<Path<Values>[]>(
    () => [
      'title',
      'lay_summary',
      'purpose',
      'ethics_reference',
      'data_from',
      'data_to',
      'ends_on',
      'min_cohort',
      'conditions',
      'communities',
      'picker',
      ...options.map((_, i) => `cats.${i}.reason` as const),
    ],
    [options],
  );
  const server = useServerErrors(setError, fields);
  const cats = watch('cats');

  const onSubmit = async (v: Values) => {
    server.clear();
    const sent: number[] = [];
    const categories = options.flatMap((o, i) => {
      const row = v.cats[i];
      if (!row?.on) return [];
      sent.push(i);
      return [{ category: o.key, reason: row.reason.trim() }];
    });
    const k = v.min_cohort.trim();
    const body: NewStudyRequest = {
      title: v.title.trim(),
      lay_summary: v.lay_summary.trim(),
      purpose: v.purpose.trim(),
      ethics_reference: v.ethics_reference.trim(),
      data_from: v.data_from,
      data_to: v.data_to,
      ends_on: v.ends_on,
      conditions: v.conditions,
      communities: v.communities,
      categories,
      ...(k ? { min_cohort: Number(k) } : {}),
    };
    try {
      const saved = study
        ? await unwrap(api.PATCH('/api/v1/studies/{id}', { params: { path: { id: study.id } }, body }))
        : await unwrap(api.POST('/api/v1/studies', { body }));
      queryClient.setQueryData(rKeys.study(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: rKeys.studies });
      navigate(`/research/studies/${saved.id}`, { state: { saved: true } });
    } catch (err) {
      server.handle(placeStudyErrors(asProblemError(err), sent));
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={study ? 'Change the study' : 'Draft a study'} className="narrow-wide study-form">
      <ProblemAlert error={server.problem} form />
      <TextField label="Title" maxLength={200} error={errors.title} registration={register('title', { required: 'Give the study a title.' })} />
      <Textarea
        name="lay_summary"
        label="Summary for members"
        hint="What a member reads before deciding to take part, in plain words (40 to 2,000 characters)."
        rows={5}
        register={register}
        errors={errors}
      />
      <Textarea name="purpose" label="Scientific purpose" hint="20 to 4,000 characters." rows={5} register={register} errors={errors} />
      <TextField
        label="Ethics committee or IRB reference"
        maxLength={100}
        error={errors.ethics_reference}
        registration={register('ethics_reference', { required: 'Enter the ethics reference.' })}
      />
      <fieldset className="field">
        <legend>Dates</legend>
        <div className="date-row">
          <TextField label="Data from" type="date" hint="First day of the data window." error={errors.data_from} registration={register('data_from', { required: 'Choose a date.' })} />
          <TextField label="Data to" type="date" hint="Last day of the data window." error={errors.data_to} registration={register('data_to', { required: 'Choose a date.' })} />
          <TextField label="Study ends on" type="date" hint="The study closes the day after." error={errors.ends_on} registration={register('ends_on', { required: 'Choose a date.' })} />
        </div>
      </fieldset>
      <TextField
        label="Minimum cohort size (optional)"
        type="number"
        inputMode="numeric"
        min={5}
        hint="No data leaves until at least this many members take part. Leave empty for the platform’s minimum."
        error={errors.min_cohort}
        registration={register('min_cohort')}
      />
      <h2>Who may take part</h2>
      <p className="muted">Members with one of the chosen conditions, or in one of the chosen communities.</p>
      {conditions.isError && <ProblemAlert error={asProblemError(conditions.error)} focus={false} />}
      {communities.isError && <ProblemAlert error={asProblemError(communities.error)} focus={false} />}
      {conditions.data && (
        <SlugPicker
          name="conditions"
          legend="Conditions"
          hint="Members who live with any of these."
          items={conditions.data.items}
          register={register}
          error={errors.conditions?.message}
        />
      )}
      {communities.data && (
        <SlugPicker
          name="communities"
          legend="Communities"
          hint="Members of any of these."
          items={communities.data.items}
          register={register}
          error={errors.communities?.message}
        />
      )}
      <h2>Data requested</h2>
      <CategoryPicker options={options} register={register} errors={errors} values={cats} />
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {study ? 'Save changes' : 'Save draft'}
        </button>
        <Link to={study ? `/research/studies/${study.id}` : '/research'}>Cancel</Link>
      </div>
    </form>
  );
}

/** The catalogs the picker is built from; the form waits for them. */
function useOptions() {
  const questionnaires = useQuestionnaires();
  const types = useMeasurementTypes();
  const options = useMemo(
    () => (questionnaires.data && types.data ? categoryOptions(questionnaires.data.items, types.data.items) : null),
    [questionnaires.data, types.data],
  );
  const error = questionnaires.error ?? types.error;
  return { options, error };
}

export function NewStudyPage() {
  usePageTitle('Draft a study');
  const { options, error } = useOptions();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/research">Your studies</Link>
      </p>
      <h1>Draft a study</h1>
      <p className="lead">Nothing is shown to members until an administrator approves the study.</p>
      {error && <ProblemAlert error={asProblemError(error)} focus={false} />}
      {options ? <StudyForm options={options} /> : !error && <Loading label="Loading the data categories" />}
    </>
  );
}

export function EditStudyPage() {
  const { id = '' } = useParams();
  const study = useStudy(id);
  const { options, error } = useOptions();
  usePageTitle(study.data ? `Change ${study.data.title}` : 'Change a study');
  // A category the catalogs no longer list keeps its row, so saving does not drop it silently.
  const all = useMemo(() => {
    if (!options || !study.data) return null;
    const extra = study.data.categories
      .filter((c) => !options.some((o) => o.key === c.category))
      .map((c): CategoryOption => ({ key: c.category, label: c.category, group: 'About the member' }));
    return [...options, ...extra];
  }, [options, study.data]);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/research">Your studies</Link> › <Link to={`/research/studies/${id}`}>{study.data?.title ?? 'Study'}</Link>
      </p>
      <h1>Change the study</h1>
      {(study.error ?? error) && <ProblemAlert error={asProblemError(study.error ?? error)} focus={false} />}
      {study.data && !editable(study.data.status) && (
        <p className="alert alert-info">This study is {study.data?.status}: it can no longer be changed.</p>
      )}
      {study.data && all && editable(study.data.status) ? (
        <StudyForm study={study.data} options={all} />
      ) : (
        !study.error && !error && !study.data && <Loading label="Loading the study" />
      )}
    </>
  );
}
