import { useEffect, useRef } from 'react';
import type { ProblemError } from '../api/problem';
import { problemHeading } from '../api/problem';

interface Props {
  error: ProblemError | null;
  /** Moves focus to the alert when it appears (for failures after a submit). */
  focus?: boolean;
}

/** Shows a failed call's problem in an alert region; field errors that had no field are listed. */
export function ProblemAlert({ error, focus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  const p = error.problem;
  const heading = problemHeading(p);
  const detail = p.detail && p.detail !== heading ? p.detail : null;
  const fieldErrors = p.errors ?? [];
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{heading}</p>
      {detail && <p>{detail}</p>}
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((fe) => (
            <li key={`${fe.field}:${fe.code}`}>{fe.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
