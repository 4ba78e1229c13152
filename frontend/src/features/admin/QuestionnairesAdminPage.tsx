// Questionnaires for administrators: the catalog with each one's published version, and a form
// to create a new questionnaire (its versions are drafted on its own page).
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useConditionCatalog } from '../conditions/queries';
import { qKeys, useQuestionnaires } from '../questionnaires/queries';
import { suggestSlug } from './queries';
import { AdminCrumbs } from './shared';

interface Values {
  title: string;
  slug: string;
  description: string;
  licence: string;
  recommended_interval_days: string;
  conditions: string[];
}

const FIELDS = ['title', 'slug', 'description', 'licence', 'recommended_interval_days', 'conditions'] as const;

function NewQuestionnaireForm() {
  const catalog = useConditionCatalog();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<Values>({
    defaultValues: { title: '', slug: '', description: '', licence: '', recommended_interval_days: '14', conditions: [] },
  });
  const server = useServerErrors(setError, FIELDS);
  const onSubmit = async (v: Values) => {
    server.clear();
    try {
      const q = await unwrap(
        api.POST('/api/v1/questionnaires', {
          body: {
            title: v.title.trim(),
            slug: v.slug.trim(),
            description: v.description.trim(),
            licence: v.licence.trim(),
            recommended_interval_days: Number(v.recommended_interval_days),
            conditions: v.conditions,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: qKeys.list });
      await navigate(`/admin/questionnaires/${q.slug}`, { state: { created: true } });
    } catch (err) {
      server.handle(err);
    }
  };
  const title = register('title', { required: 'Give the questionnaire a title.' });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="new-questionnaire" className="panel admin-form">
      <h2 id="new-questionnaire">Create a questionnaire</h2>
      <p>Give its catalog entry here; you then draft its first version and publish it.</p>
      <ProblemAlert error={server.problem} form />
      <TextField
        label="Title"
        error={errors.title}
        registration={{
          ...title,
          onChange: async (e) => {
            await title.onChange(e);
            if (!dirtyFields.slug) setValue('slug', suggestSlug(getValues('title')));
          },
        }}
      />
      <TextField
        label="URL name"
        hint="2–60 lower-case letters, digits and hyphens. It cannot be changed later."
        error={errors.slug}
        registration={register('slug', { required: 'Give a URL name.' })}
      />
      <TextField
        label="Description"
        hint="In plain words: what it asks about and why a member might fill it in."
        error={errors.description}
        registration={register('description')}
      />
      <TextField
        label="Licence and source"
        hint="Who made it and under what terms it may be used."
        error={errors.licence}
        registration={register('licence')}
      />
      <TextField
        label="Recommended days between responses"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        error={errors.recommended_interval_days}
        registration={register('recommended_interval_days', {
          validate: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 365) || 'Use 1–365 days.',
        })}
      />
      {catalog.data && catalog.data.items.length > 0 && (
        <fieldset className="field">
          <legend>Recommended for people with</legend>
          {catalog.data.items.map((c) => (
            <div className="checkbox-row" key={c.slug}>
              <input type="checkbox" id={`q-cond-${c.slug}`} value={c.slug} {...register('conditions')} />
              <label htmlFor={`q-cond-${c.slug}`}>{c.name}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Create the questionnaire
        </button>
      </div>
    </form>
  );
}

export function QuestionnairesAdminPage() {
  usePageTitle('Questionnaires');
  const list = useQuestionnaires();
  return (
    <>
      <AdminCrumbs />
      <h1>Questionnaires</h1>
      <p className="lead">
        Each questionnaire has numbered versions: a draft can be changed; a published version is what members answer
        and never changes; a retired one is kept for the answers it has.
      </p>
      {list.isPending && <Loading label="Loading questionnaires" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="muted">No questionnaires yet.</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((q) => (
              <li key={q.slug} className="card">
                <div>
                  <p className="card-title">
                    <Link to={`/admin/questionnaires/${q.slug}`}>{q.title}</Link>
                  </p>
                  <p className="muted">
                    {q.current_version == null ? 'No published version' : `Version ${q.current_version} published`}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ))}
      <NewQuestionnaireForm />
    </>
  );
}
