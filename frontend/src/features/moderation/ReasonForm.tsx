import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import '../communities/communities.css';

interface Values {
  reason: string;
}

/**
 * A moderator action behind a button: opens a form that asks for the reason (mandatory; the
 * member affected is shown it) and runs `act` with it.
 */
export function ReasonAction({
  label,
  hint,
  danger,
  children,
  act,
}: {
  /** The button and submit label ("Remove post"). */
  label: string;
  hint?: string;
  danger?: boolean;
  /** Anything else the form needs (e.g. a choice), above the reason. */
  children?: ReactNode;
  act: (reason: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { reason: '' } });
  const server = useServerErrors(setError, ['reason']);
  if (!open) {
    return (
      <button type="button" className={danger ? 'button-danger' : 'button-secondary'} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const onSubmit = async (v: Values) => {
    server.clear();
    try {
      await act(v.reason.trim());
      reset();
      setOpen(false);
    } catch (err) {
      server.handle(err);
    }
  };
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={label} className="card card-block reason-form">
      <ProblemAlert error={server.problem} form />
      {children}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <div className="hint" id={`${id}-hint`}>
          {hint ?? 'The member affected is shown this, and it goes into the community’s moderation log.'}
        </div>
        {errors.reason?.message && (
          <p className="field-error" id={`${id}-error`}>
            {errors.reason.message}
          </p>
        )}
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={2000}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={`${id}-hint${errors.reason ? ` ${id}-error` : ''}`}
          {...register('reason', { validate: (v) => v.trim() !== '' || 'Give a reason.' })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className={danger ? 'button-danger' : undefined} disabled={isSubmitting}>
          {label}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
