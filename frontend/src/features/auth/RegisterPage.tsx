import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { PasswordField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { PasswordGuidance } from './PasswordGuidance';
import { registerSchema, type RegisterValues } from './schemas';

const FIELDS = ['email', 'handle', 'password'] as const;

export function RegisterPage() {
  usePageTitle('Create an account');
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { email: '', handle: '', password: '' },
  });
  const server = useServerErrors(setError, FIELDS);

  const onSubmit = async (values: RegisterValues) => {
    server.clear();
    try {
      await unwrap(api.POST('/api/v1/auth/register', { body: values }));
      navigate('/check-email', { state: { email: values.email } });
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <div className="narrow">
      <h1>Create an account</h1>
      <p>
        Kindred is free. Your email address stays private: other members only see the handle
        you choose.
      </p>
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
        <TextField
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          registration={register('email')}
          error={errors.email}
        />
        <TextField
          label="Handle"
          hint="The name other members see. Pick something that isn’t your real name: 3 to 30 letters, digits, _ or -."
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          registration={register('handle')}
          error={errors.handle}
        />
        <PasswordField
          label="Password"
          hint={<PasswordGuidance />}
          autoComplete="new-password"
          registration={register('password')}
          error={errors.password}
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
