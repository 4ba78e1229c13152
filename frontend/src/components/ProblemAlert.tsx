import { useEffect, useRef } from 'react';
import type { ProblemError } from '../api/problem';
import { describeProblem } from '../api/problem';

interface Props {
  error: ProblemError | null;
  /** Moves focus to the alert when it appears (for failures after a submit). */
  focus?: boolean;
  /**
   * The alert belongs to a form whose fields show their own errors: a 422 may then say
   * "Please check your answers". Without it, the alert says what happened in its own words.
   */
  form?: boolean;
}

/** Shows a failed call's problem in an alert region; field errors that had no field are listed. */
export function ProblemAlert({ error, focus = true, form = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  const { heading, detail, items } = describeProblem(error.problem, { form });
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{heading}</p>
      {detail && <p>{detail}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((item, i) => (
            <li key={`${i}:${item}`}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
