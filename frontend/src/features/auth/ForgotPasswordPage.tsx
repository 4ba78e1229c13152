import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { emailOnlySchema, type EmailOnlyValues } from './schemas';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EmailOnlyValues>({
    resolver: zodResolver(emailOnlySchema),
    defaultValues: { email: '' },
  });
  const server = useServerErrors(setError, FIELDS);

  const onSubmit = async (values: EmailOnlyValues) => {
    server.clear();
    try {
      await unwrap(api.POST('/api/v1/auth/password-reset/request', { body: values }));
      setSentTo(values.email);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <div className="narrow">
      <h1>Reset your password</h1>
      <div role="status">
        {sentTo && (
          <div className="alert alert-success">
            <p className="alert-title">Check your email</p>
            <p>
              If <strong>{sentTo}</strong> belongs to a Kindred account, we sent it a link to
              choose a new password. The link works once, for one hour.
            </p>
          </div>
        )}
      </div>
      {!sentTo && (
        <>
          <p>Enter the email address you signed up with and we will send you a link.</p>
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
            <button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Sending…' : 'Send me a link'}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}
