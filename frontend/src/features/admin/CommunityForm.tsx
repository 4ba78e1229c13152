// A community's settings as a form: used to create one (with its URL name) and to change one.
import { useForm } from 'react-hook-form';
import type { components } from '../../api/schema';
import type { Community } from '../../api/types';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useConditionCatalog } from '../conditions/queries';
import { suggestSlug } from './queries';

type Visibility = components['schemas']['CommunityVisibility'];

export interface CommunityValues {
  slug: string;
  name: string;
  description: string;
  /** A catalog slug, or '' for none. */
  condition: string;
  visibility: Visibility;
  approve_first_posts: boolean;
  archived: boolean;
}

const FIELDS = ['slug', 'name', 'description', 'condition', 'visibility', 'approve_first_posts'] as const;

export function communityValues(c?: Community): CommunityValues {
  return {
    slug: c?.slug ?? '',
    name: c?.name ?? '',
    description: c?.description ?? '',
    condition: c?.condition?.slug ?? '',
    visibility: c?.visibility ?? 'members',
    approve_first_posts: c?.approve_first_posts ?? false,
    archived: c?.archived ?? false,
  };
}

/**
 * The form. `existing` set: the URL name is fixed and archiving is offered. `save` throws a
 * ProblemError on failure; its field errors land next to their fields.
 */
export function CommunityForm({
  heading,
  submitLabel,
  existing,
  save,
}: {
  heading: string;
  submitLabel: string;
  existing?: Community;
  save: (v: CommunityValues) => Promise<void>;
}) {
  const catalog = useConditionCatalog();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    reset,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<CommunityValues>({ defaultValues: communityValues(existing) });
  const server = useServerErrors(setError, FIELDS);
  const onSubmit = async (v: CommunityValues) => {
    server.clear();
    try {
      await save(v);
      if (!existing) reset(communityValues());
    } catch (err) {
      server.handle(err);
    }
  };
  const headingId = existing ? 'community-settings' : 'new-community';
  // The community's own condition is offered before the catalog arrives (and even if it left
  // the catalog), so the select starts on it and saving never clears it by accident.
  const current = existing?.condition;
  const conditions = [
    ...(current && !catalog.data?.items.some((c) => c.slug === current.slug) ? [current] : []),
    ...(catalog.data?.items ?? []),
  ];
  const name = register('name', { required: 'Give the community a name.' });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby={headingId} className="panel admin-form">
      <h2 id={headingId}>{heading}</h2>
      <ProblemAlert error={server.problem} form />
      <TextField
        label="Name"
        error={errors.name}
        registration={{
          ...name,
          onChange: async (e) => {
            await name.onChange(e);
            if (!existing && !dirtyFields.slug) setValue('slug', suggestSlug(getValues('name')));
          },
        }}
      />
      {!existing && (
        <TextField
          label="URL name"
          hint="2–60 lower-case letters, digits and hyphens, as in /communities/living-with-ms. It cannot be changed later."
          error={errors.slug}
          registration={register('slug', { required: 'Give a URL name.' })}
        />
      )}
      <div className="field">
        <label htmlFor={`${headingId}-description`}>What it is for</label>
        <div className="hint" id={`${headingId}-description-hint`}>
          Shown to everyone on the list of communities. At most 2,000 characters.
        </div>
        {errors.description?.message && (
          <p className="field-error" id={`${headingId}-description-error`}>
            {errors.description.message}
          </p>
        )}
        <textarea
          id={`${headingId}-description`}
          rows={3}
          maxLength={2000}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={`${headingId}-description-hint${errors.description ? ` ${headingId}-description-error` : ''}`}
          {...register('description')}
        />
      </div>
      <SelectField
        label="Condition"
        hint="The condition it is about, if any."
        error={errors.condition}
        registration={register('condition')}
      >
        <option value="">No particular condition</option>
        {conditions.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <RadioGroup
        legend="Who can read it"
        error={errors.visibility}
        registration={register('visibility')}
        options={[
          { value: 'members', label: 'Members only', hint: 'Only people who join read its threads.' },
          { value: 'public', label: 'Everyone signed in', hint: 'Anyone signed in to Kindred can read; members post.' },
        ]}
      />
      <CheckboxField
        label="New members’ first posts wait for a moderator’s approval"
        error={errors.approve_first_posts}
        registration={register('approve_first_posts')}
      />
      {existing && (
        <CheckboxField
          label="Archived"
          hint="An archived community is no longer listed and nobody can post; what was written stays readable."
          registration={register('archived')}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
