import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { PasswordField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useAuth } from './AuthProvider';
import { loginSchema, type LoginValues } from './schemas';

const FIELDS = ['email', 'password'] as const;

interface LoginState {
  from?: string;
  signedOut?: boolean;
  deleted?: boolean;
  passwordReset?: boolean;
}

export function LoginPage() {
  usePageTitle('Sign in');
  const { user, signedIn } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: '', password: '' },
  });
  const server = useServerErrors(setError, FIELDS);
  const target =
    state.from && state.from.startsWith('/') && !state.from.startsWith('//') ? state.from : '/dashboard';

  if (user && !isSubmitting) return <Navigate to={target} replace />;

  const onSubmit = async (values: LoginValues) => {
    server.clear();
    try {
      const auth = await unwrap(api.POST('/api/v1/auth/login', { body: values }));
      signedIn(auth);
      navigate(target, { replace: true });
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {state.signedOut && (
        <p className="alert alert-info" role="status">
          You are signed out.
        </p>
      )}
      {state.deleted && (
        <p className="alert alert-info" role="status">
          Your account and your data have been deleted.
        </p>
      )}
      {state.passwordReset && (
        <p className="alert alert-success" role="status">
          Your password is changed. Sign in with your new password.
        </p>
      )}
      {state.from && !state.signedOut && (
        <p className="alert alert-info" role="status">
          Please sign in to continue.
        </p>
      )}
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
        <PasswordField
          label="Password"
          autoComplete="current-password"
          registration={register('password')}
          error={errors.password}
        />
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New to Kindred? <Link to="/register">Create an account</Link>
      </p>
    </div>
  );
}
