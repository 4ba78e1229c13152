// Who can see my profile. Choosing "Anyone" first asks one plain question about what that
// means, and explains the answer when it is wrong (DESIGN §6.6: Kindred asks first).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { setUser } from '../../api/session';
import type { MeResponse, User, Visibility } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { RadioGroup } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { meKey, useMe } from '../profile/queries';
import { checkPublicAnswer } from './consent';
import { PublicQuestion } from './PublicQuestion';
import { NEVER_SHOWN, VISIBILITY_CHOICES, visibilityChosen } from './visibility';

const LEVELS = VISIBILITY_CHOICES;

export function VisibilityPage() {
  usePageTitle('Profile visibility');
  const me = useMe();
  return (
    <>
      <h1>Profile visibility</h1>
      <p className="lead">
        Choose who can see your profile: your handle and the conditions you added. {NEVER_SHOWN}
      </p>
      {me.isPending && <Loading label="Loading your profile" />}
      {me.isError && <ProblemAlert error={asProblemError(me.error)} focus={false} />}
      {me.data && <VisibilityForm user={me.data} />}
    </>
  );
}

type Values = { visibility: Visibility; understood: string };

function VisibilityForm({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState('');
  const current = user.profile.visibility;
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { visibility: current, understood: '' } });
  const server = useServerErrors(setError, ['visibility']);
  const choice = watch('visibility');
  const asking = choice === 'public' && current !== 'public';

  const onSubmit = async (v: Values) => {
    server.clear();
    setSaved('');
    if (v.visibility === current && visibilityChosen(user)) {
      setSaved('Nothing changed.');
      return;
    }
    if (v.visibility === 'public') {
      const wrong = checkPublicAnswer(v.understood);
      if (wrong) {
        setError('understood', { type: 'wrong_answer', message: wrong }, { shouldFocus: true });
        return;
      }
    }
    try {
      const updated = await unwrap(api.PATCH('/api/v1/me', { body: { visibility: v.visibility } }));
      setUser(updated);
      queryClient.setQueryData<MeResponse>(meKey, (old) => (old ? { ...old, ...updated } : old));
      reset({ visibility: updated.profile.visibility, understood: '' });
      setSaved(`Saved. Who can see your profile: ${LEVELS[updated.profile.visibility].label}.`);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Profile visibility" className="panel">
      <ProblemAlert error={server.problem} form />
      <RadioGroup
        legend="Who can see your profile"
        registration={register('visibility')}
        error={errors.visibility}
        options={Object.entries(LEVELS).map(([value, o]) => ({ value, ...o }))}
      />
      {asking && <PublicQuestion registration={register('understood')} error={errors.understood} />}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save'}
        </button>
        <p role="status" className="status-text">
          {saved}
        </p>
      </div>
    </form>
  );
}
