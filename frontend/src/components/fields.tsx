// Labelled form controls: label, optional hint, and the error right next to the control,
// all tied together with aria-describedby / aria-invalid.
import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { AlertIcon } from './Icons';

interface Base {
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
}

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function ErrorText({ id, error }: { id: string; error?: FieldError | undefined }) {
  if (!error?.message) return null;
  return (
    <p id={id} className="field-error">
      <AlertIcon /> {error.message}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

export function TextField({ label, hint, error, registration, id, ...rest }: Base & InputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errId = `${inputId}-error`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      <ErrorText id={errId} error={error} />
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error ? errId : undefined)}
        {...rest}
        {...registration}
      />
    </div>
  );
}

/** A password input with a show / hide button. */
export function PasswordField({ label, hint, error, registration, id, ...rest }: Base & InputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errId = `${inputId}-error`;
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      <ErrorText id={errId} error={error} />
      <div className="password-row">
        <input
          id={inputId}
          type={shown ? 'text' : 'password'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, error ? errId : undefined)}
          {...rest}
          {...registration}
        />
        <button
          type="button"
          className="button-secondary"
          aria-pressed={shown}
          aria-controls={inputId}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
          <span className="visually-hidden"> password</span>
        </button>
      </div>
    </div>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>;

/** A labelled select: in a form with `registration`, or controlled with `value` and `onChange`. */

export function SelectField({
  label,
  hint,
  error,
  registration,
  id,
  children,
  ...rest
}: Omit<Base, 'registration'> & { registration?: UseFormRegisterReturn } & SelectProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errId = `${inputId}-error`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      <ErrorText id={errId} error={error} />
      <select
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error ? errId : undefined)}
        {...rest}
        {...registration}
      >
        {children}
      </select>
    </div>
  );
}

export function CheckboxField({ label, hint, error, registration, id, ...rest }: Base & InputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errId = `${inputId}-error`;
  return (
    <div className="field field-checkbox">
      <ErrorText id={errId} error={error} />
      <div className="checkbox-row">
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, error ? errId : undefined)}
          {...rest}
          {...registration}
        />
        <label htmlFor={inputId}>{label}</label>
      </div>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
    </div>
  );
}

export interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

/** A group of radio buttons in a fieldset with a legend. */
export function RadioGroup({
  legend,
  hint,
  error,
  registration,
  options,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  options: RadioOption[];
}) {
  const base = useId();
  const hintId = hint ? `${base}-hint` : undefined;
  const errId = `${base}-error`;
  return (
    <fieldset
      className="field"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(hintId, error ? errId : undefined)}
    >
      <legend>{legend}</legend>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      <ErrorText id={errId} error={error} />
      {options.map((o) => {
        const id = `${base}-${o.value}`;
        const optHint = o.hint ? `${id}-hint` : undefined;
        return (
          <div className="radio-row" key={o.value}>
            <input type="radio" id={id} value={o.value} aria-describedby={optHint} {...registration} />
            <div>
              <label htmlFor={id}>{o.label}</label>
              {o.hint && (
                <div id={optHint} className="hint">
                  {o.hint}
                </div>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
