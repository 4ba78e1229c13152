import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { PasswordField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { PasswordGuidance } from './PasswordGuidance';
import { newPasswordPairSchema, type NewPasswordPairValues } from './schemas';

const FIELDS = ['new_password', 'confirm'] as const;

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewPasswordPairValues>({
    resolver: zodResolver(newPasswordPairSchema),
    defaultValues: { new_password: '', confirm: '' },
  });
  const server = useServerErrors(setError, FIELDS);

  const onSubmit = async (values: NewPasswordPairValues) => {
    server.clear();
    try {
      await unwrap(
        api.POST('/api/v1/auth/password-reset/confirm', {
          body: { token, new_password: values.new_password },
        }),
      );
      navigate('/login', { replace: true, state: { passwordReset: true } });
    } catch (err) {
      server.handle(err);
    }
  };

  if (!token) {
    return (
      <div className="narrow">
        <h1>Choose a new password</h1>
        <p>
          This link is incomplete. Open the link from your email again, or{' '}
          <Link to="/forgot-password">ask for a new link</Link>.
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Choose a new password</h1>
      <p>After this, you will be signed out everywhere and can sign in with the new password.</p>
      <ProblemAlert error={server.problem} form />
      {server.problem?.fieldErrors.some((e) => e.field === 'token') && (
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      )}
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
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
          {isSubmitting ? 'Saving…' : 'Save new password'}
        </button>
      </form>
    </div>
  );
}
