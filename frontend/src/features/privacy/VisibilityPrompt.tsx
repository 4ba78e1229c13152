// The first-visit question: a new account's profile is private and its email opt-ins are off;
// the dashboard says so and asks who may see the profile, until the member has chosen. "Anyone"
// asks the comprehension question first, as the profile and privacy pages do.
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { setUser } from '../../api/session';
import type { MeResponse, User, Visibility } from '../../api/types';
import { RadioGroup } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { meKey } from '../profile/queries';
import { checkPublicAnswer } from './consent';
import { PublicQuestion } from './PublicQuestion';
import { NEVER_SHOWN, VISIBILITY_CHOICES } from './visibility';

type Values = { visibility: Visibility; understood: string };

export function VisibilityPrompt({ user, onChosen }: { user: User; onChosen: (message: string) => void }) {
  const queryClient = useQueryClient();
  const current = user.profile.visibility;
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { visibility: current, understood: '' } });
  const server = useServerErrors(setError, ['visibility']);
  const asking = watch('visibility') === 'public' && current !== 'public';

  const onSubmit = async (v: Values) => {
    server.clear();
    if (v.visibility === 'public' && current !== 'public') {
      const wrong = checkPublicAnswer(v.understood);
      if (wrong) {
        setError('understood', { type: 'wrong_answer', message: wrong }, { shouldFocus: true });
        return;
      }
    }
    // Saved even when it stays "Only me": the server records that the member chose.
    let chosen = current;
    try {
      const updated = await unwrap(api.PATCH('/api/v1/me', { body: { visibility: v.visibility } }));
      setUser(updated);
      queryClient.setQueryData<MeResponse>(meKey, (old) => (old ? { ...old, ...updated } : old));
      chosen = updated.profile.visibility;
    } catch (err) {
      server.handle(err);
      return;
    }
    onChosen(`Saved. Who can see your profile: ${VISIBILITY_CHOICES[chosen].label}.`);
  };

  return (
    <section aria-labelledby="visibility-prompt-heading" className="panel first-visit">
      <h2 id="visibility-prompt-heading">Who may see your profile?</h2>
      <p>
        <strong>Your profile is private: only you can see it.</strong> Your profile is your handle
        and the conditions you added. Choose who else may see it; you can change this at any time
        under <Link to="/privacy/visibility">Privacy</Link>.
      </p>
      <p className="muted">{NEVER_SHOWN}</p>
      <p>
        Emails about replies, study invitations and moderation are off. Turn them on in{' '}
        <Link to="/profile">your profile</Link> if you want them.
      </p>
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Who may see your profile">
        <RadioGroup
          legend="Who can see your profile"
          registration={register('visibility')}
          error={errors.visibility}
          options={Object.entries(VISIBILITY_CHOICES).map(([value, o]) => ({ value, ...o }))}
        />
        {asking && <PublicQuestion registration={register('understood')} error={errors.understood} />}
        <div className="form-actions">
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save my choice'}
          </button>
        </div>
      </form>
    </section>
  );
}
