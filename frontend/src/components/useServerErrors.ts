import { useCallback, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { applyFieldErrors } from '../api/fieldErrors';
import { asProblemError, type ProblemError } from '../api/problem';

/**
 * Form-level handling of a failed submit: field errors go next to their fields, anything else
 * into `problem` for a <ProblemAlert>.
 */
export function useServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
) {
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const handle = useCallback(
    (err: unknown) => {
      setProblem(applyFieldErrors(asProblemError(err), setError, fields));
    },
    // `fields` is a constant list per form, so only setError matters.
    [setError],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, handle, clear };
}
