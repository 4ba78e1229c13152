import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { refreshSession, setSession } from '../../api/session';
import { usePageTitle } from '../../app/usePageTitle';
import { PasswordField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { PasswordGuidance } from '../auth/PasswordGuidance';
import { newPasswordSchema } from '../auth/schemas';

const schema = z
  .object({
    current_password: z.string().min(1, { error: 'Enter your current password.' }),
    new_password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, {
    error: 'The two new passwords are not the same.',
    path: ['confirm'],
  });
type Values = z.infer<typeof schema>;
const FIELDS = ['current_password', 'new_password', 'confirm'] as const;

export function ChangePasswordPage() {
  usePageTitle('Change your password');
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { current_password: '', new_password: '', confirm: '' },
  });
  const server = useServerErrors(setError, FIELDS);

  const onSubmit = async (v: Values) => {
    server.clear();
    setDone(false);
    try {
      const auth = await unwrap(
        api.POST('/api/v1/me/password', {
          body: { current_password: v.current_password, new_password: v.new_password },
        }),
      );
      // Every session ended; the answer carries tokens for a fresh one on this device.
      if (auth?.access_token) setSession(auth);
      else await refreshSession();
      reset();
      setDone(true);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <>
      <h1>Change your password</h1>
      <p>
        Changing your password signs you out on every other device. You stay signed in here.
      </p>
      <p role="status" className={done ? 'alert alert-success' : 'status-text'}>
        {done ? 'Your password is changed. Other devices have been signed out.' : ''}
      </p>
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          registration={register('current_password')}
          error={errors.current_password}
        />
        <PasswordField
          label="New password"
          hint={<PasswordGuidance />}
          autoComplete="new-password"
          registration={register('new_password')}
          error={errors.new_password}
        />
        <PasswordField
          label="Type the new password again"
          autoComplete="new-password"
          registration={register('confirm')}
          error={errors.confirm}
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </>
  );
}
