import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { setUser } from '../../api/session';
import type { MeResponse, Sex, UpdateMeRequest, User, Visibility } from '../../api/types';
import { countryName } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { handleSchema } from '../auth/schemas';
import { checkPublicAnswer } from '../privacy/consent';
import { PublicQuestion } from '../privacy/PublicQuestion';
import { NEVER_SHOWN, VISIBILITY_CHOICES } from '../privacy/visibility';
import { meKey, useMe } from './queries';

const VISIBILITY = VISIBILITY_CHOICES;

const SEX: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  prefer_not_to_say: 'Prefer not to say',
};

const thisYear = new Date().getFullYear();

const profileSchema = z.object({
  handle: handleSchema,
  visibility: z.enum(Object.keys(VISIBILITY) as [Visibility, ...Visibility[]]),
  birth_year: z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d{4}$/.test(s) && +s >= 1900 && +s <= thisYear), {
      error: `Enter a year between 1900 and ${thisYear}, or leave it empty.`,
    }),
  sex: z.union([z.literal(''), z.enum(Object.keys(SEX) as [Sex, ...Sex[]])]),
  country: z
    .string()
    .trim()
    .refine((s) => s === '' || /^[A-Za-z]{2}$/.test(s), {
      error: 'Enter a two-letter country code, like GB or US, or leave it empty.',
    }),
  time_zone: z.string(),
  notify_email: z.boolean(),
  // The answer to the question asked before the profile is made public.
  understood: z.string(),
});
type ProfileValues = z.infer<typeof profileSchema>;
const FIELDS = ['handle', 'visibility', 'birth_year', 'sex', 'country', 'time_zone', 'notify_email'] as const;

/** The browser's own time zone (an IANA name), if it says. */
function browserZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** IANA time zone names the browser knows, with the browser's and the stored one among them. */
export function timeZoneChoices(...also: (string | null | undefined)[]): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const extra = also.filter((z): z is string => !!z && !zones.includes(z));
  return [...zones, ...extra].sort((a, b) => a.localeCompare(b));
}

function toValues(u: User): ProfileValues {
  return {
    handle: u.handle,
    visibility: u.profile.visibility,
    birth_year: u.profile.birth_year != null ? String(u.profile.birth_year) : '',
    sex: u.profile.sex ?? '',
    country: u.profile.country ?? '',
    time_zone: u.profile.time_zone ?? '',
    notify_email: u.profile.notify_email,
    understood: '',
  };
}

export function ProfilePage() {
  usePageTitle('Your profile');
  const me = useMe();
  return (
    <>
      <h1>Your profile</h1>
      {me.isPending && <Loading label="Loading your profile" />}
      {me.isError && <ProblemAlert error={asProblemError(me.error)} focus={false} />}
      {me.data && <ProfileForm user={me.data} />}
    </>
  );
}

function ProfileForm({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    setValue,
    formState: { errors, isSubmitting, dirtyFields, isDirty },
  } = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: toValues(user),
  });
  const server = useServerErrors(setError, FIELDS);
  const country = watch('country');
  const countryLabel = countryName(country);
  const zone = watch('time_zone');
  const here = browserZone();
  const [zones] = useState(() => timeZoneChoices(here, user.profile.time_zone));

  useEffect(() => {
    if (isDirty) setSaved(false);
  }, [isDirty]);

  const onSubmit = async (v: ProfileValues) => {
    server.clear();
    if (dirtyFields.visibility && v.visibility === 'public') {
      const wrong = checkPublicAnswer(v.understood);
      if (wrong) {
        setError('understood', { type: 'wrong_answer', message: wrong }, { shouldFocus: true });
        return;
      }
    }
    // Send only what changed; an emptied optional field is sent as null, which clears it.
    const body: UpdateMeRequest = {};
    if (dirtyFields.handle) body.handle = v.handle;
    if (dirtyFields.visibility) body.visibility = v.visibility;
    if (dirtyFields.birth_year) body.birth_year = v.birth_year === '' ? null : Number(v.birth_year);
    if (dirtyFields.sex) body.sex = v.sex === '' ? null : v.sex;
    if (dirtyFields.country) body.country = v.country === '' ? null : v.country.toUpperCase();
    if (dirtyFields.time_zone) body.time_zone = v.time_zone === '' ? null : v.time_zone;
    if (dirtyFields.notify_email) body.notify_email = v.notify_email;
    if (Object.keys(body).length === 0) {
      setSaved(true);
      return;
    }
    try {
      const updated = await unwrap(api.PATCH('/api/v1/me', { body }));
      setUser(updated);
      // PATCH answers the account alone; GET /me adds `moderator_of`, which the nav reads.
      queryClient.setQueryData<MeResponse>(meKey, (old) => (old ? { ...old, ...updated } : old));
      reset(toValues(updated));
      setSaved(true);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <>
      <p>
        Signed in as <strong>{user.email}</strong>. Your email address is never shown to other
        members.
      </p>
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
        <TextField
          label="Handle"
          hint="The name other members see: 3 to 30 letters, digits, _ or -."
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          registration={register('handle')}
          error={errors.handle}
        />
        <RadioGroup
          legend="Who can see your profile"
          hint={`Your profile is your handle and the conditions you added. ${NEVER_SHOWN}`}
          registration={register('visibility')}
          error={errors.visibility}
          options={Object.entries(VISIBILITY).map(([value, o]) => ({ value, ...o }))}
        />
        {watch('visibility') === 'public' && user.profile.visibility !== 'public' && (
          <PublicQuestion registration={register('understood')} error={errors.understood} />
        )}
        <fieldset className="field">
          <legend>About you (optional)</legend>
          <div className="hint">
            These details are never shown on your profile. They are only used in totals and,
            if you agree to join a study, in de-identified research data.
          </div>
          <TextField
            label="Year of birth"
            inputMode="numeric"
            autoComplete="bday-year"
            maxLength={4}
            className="input-short"
            registration={register('birth_year')}
            error={errors.birth_year}
          />
          <SelectField label="Sex" registration={register('sex')} error={errors.sex}>
            <option value="">Not set</option>
            {Object.entries(SEX).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Country"
            hint={
              countryLabel
                ? `Two-letter code: ${countryLabel}`
                : 'Two-letter code, for example GB for the United Kingdom or US for the United States.'
            }
            autoComplete="country"
            maxLength={2}
            autoCapitalize="characters"
            spellCheck={false}
            className="input-short"
            registration={register('country')}
            error={errors.country}
          />
        </fieldset>
        <div className="field">
          <SelectField
            label="Time zone"
            hint="Times without an offset from UTC in a CSV import are read in it. Nobody else sees it."
            registration={register('time_zone')}
            error={errors.time_zone}
          >
            <option value="">Not set</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
          {here && zone !== here && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => setValue('time_zone', here, { shouldDirty: true })}
            >
              Use {here}
              <span className="visually-hidden"> (your device’s time zone)</span>
            </button>
          )}
        </div>
        <CheckboxField
          label="Send me emails about replies, study invitations and moderation decisions"
          hint="Off unless you tick it. Account emails, such as password resets, are always sent."
          registration={register('notify_email')}
          error={errors.notify_email}
        />
        <div className="form-actions">
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save changes'}
          </button>
          <p role="status" className="status-text">
            {saved ? 'Your profile is saved.' : ''}
          </p>
        </div>
      </form>
    </>
  );
}
