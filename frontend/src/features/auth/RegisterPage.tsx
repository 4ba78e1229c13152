import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { ProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { CheckboxField, PasswordField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { TERMS_VERSION } from '../trust/version';
import { PasswordGuidance } from './PasswordGuidance';
import { registerSchema } from './schemas';

const FIELDS = ['email', 'handle', 'password', 'accepted_terms'] as const;

/** Sign-up also needs the terms ticked; the request then says which version was accepted. */
const formSchema = registerSchema.extend({
  accepted_terms: z.boolean().refine((v) => v, {
    error: 'Tick this box to accept the terms of use, privacy notice and medical disclaimer.',
  }),
});
type FormValues = z.infer<typeof formSchema>;

/** What `terms_outdated` means, in plain words (the pages changed while this one was open). */
const TERMS_OUTDATED =
  'The terms of use, privacy notice or medical disclaimer changed since you opened this page. Reload the page, read them again, and tick the box if you accept them.';

/** Words the server's `accepted_terms` errors in plain language before they reach the form. */
function plainTermsErrors(err: unknown): unknown {
  if (!(err instanceof ProblemError) || !err.fieldErrors.some((e) => e.code === 'terms_outdated')) return err;
  return new ProblemError({
    ...err.problem,
    errors: err.fieldErrors.map((e) => (e.code === 'terms_outdated' ? { ...e, message: TERMS_OUTDATED } : e)),
  });
}

export function RegisterPage() {
  usePageTitle('Create an account');
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { email: '', handle: '', password: '', accepted_terms: false },
  });
  const server = useServerErrors(setError, FIELDS);

  const onSubmit = async ({ accepted_terms: _ticked, ...values }: FormValues) => {
    server.clear();
    try {
      await unwrap(api.POST('/api/v1/auth/register', { body: { ...values, accepted_terms: TERMS_VERSION } }));
      navigate('/check-email', { state: { email: values.email } });
    } catch (err) {
      server.handle(plainTermsErrors(err));
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
        <CheckboxField
          label="I have read and accept the terms of use, privacy notice and medical disclaimer"
          hint={
            <>
              Read the{' '}
              <a href="/terms" target="_blank" rel="noopener">
                terms of use
              </a>
              ,{' '}
              <a href="/privacy-notice" target="_blank" rel="noopener">
                privacy notice
              </a>{' '}
              and{' '}
              <a href="/disclaimer" target="_blank" rel="noopener">
                medical disclaimer
              </a>{' '}
              (version {TERMS_VERSION}). Each opens in a new tab, so what you typed here stays.
            </>
          }
          registration={register('accepted_terms')}
          error={errors.accepted_terms}
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
