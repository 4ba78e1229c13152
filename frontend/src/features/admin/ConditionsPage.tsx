// The conditions catalog for administrators: every condition, and a form to add one.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { catalogKey, useConditionCatalog } from '../conditions/queries';
import { AdminCrumbs, Status } from './shared';
import { suggestSlug } from './queries';

interface Values {
  name: string;
  slug: string;
  icd10: string;
}

const FIELDS = ['name', 'slug', 'icd10'] as const;

function NewConditionForm({ onDone }: { onDone: (m: string) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    reset,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<Values>({ defaultValues: { name: '', slug: '', icd10: '' } });
  const server = useServerErrors(setError, FIELDS);
  const onSubmit = async (v: Values) => {
    server.clear();
    try {
      const c = await unwrap(
        api.POST('/api/v1/conditions', {
          body: { name: v.name.trim(), slug: v.slug.trim(), icd10: v.icd10.trim().toUpperCase() },
        }),
      );
      reset();
      onDone(`Added ${c.name} (${c.icd10}) to the catalog.`);
    } catch (err) {
      server.handle(err);
    }
  };
  const name = register('name', { required: 'Give the condition a name.' });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby="new-condition" className="panel admin-form">
      <h2 id="new-condition">Add a condition</h2>
      <ProblemAlert error={server.problem} form />
      <TextField
        label="Name"
        hint="As members know it, e.g. “Multiple sclerosis”."
        error={errors.name}
        registration={{
          ...name,
          onChange: async (e) => {
            await name.onChange(e);
            // Suggest a URL name until the administrator types their own.
            if (!dirtyFields.slug) setValue('slug', suggestSlug(getValues('name')));
          },
        }}
      />
      <TextField
        label="URL name"
        hint="2–60 lower-case letters, digits and hyphens; used in links and by the API. It cannot be changed later."
        error={errors.slug}
        registration={register('slug', { required: 'Give a URL name.' })}
      />
      <TextField
        label="ICD-10 code"
        hint="For example G35 or E11.9."
        error={errors.icd10}
        registration={register('icd10', { required: 'Give the ICD-10 code.' })}
      />
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Add the condition
        </button>
      </div>
    </form>
  );
}

export function ConditionsPage() {
  usePageTitle('Conditions');
  const catalog = useConditionCatalog();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  return (
    <>
      <AdminCrumbs />
      <h1>Conditions</h1>
      <p className="lead">
        The catalog members choose their conditions from. Communities, questionnaires and studies refer to these
        conditions.
      </p>
      <Status message={message} />
      <NewConditionForm
        onDone={(m) => {
          setMessage(m);
          void queryClient.invalidateQueries({ queryKey: catalogKey });
        }}
      />
      <h2>The catalog</h2>
      {catalog.isPending && <Loading label="Loading conditions" />}
      {catalog.isError && <ProblemAlert error={asProblemError(catalog.error)} focus={false} />}
      {catalog.data &&
        (catalog.data.items.length === 0 ? (
          <p className="muted">No conditions yet.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Conditions, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">URL name</th>
                  <th scope="col">ICD-10</th>
                </tr>
              </thead>
              <tbody>
                {catalog.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      <code>{c.slug}</code>
                    </td>
                    <td>{c.icd10}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
