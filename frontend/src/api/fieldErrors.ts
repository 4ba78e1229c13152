// Maps a 422 problem's `errors[]` onto react-hook-form fields.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ProblemError } from './problem';

/** A problem JSON path (`items[2].value`) as a react-hook-form path (`items.2.value`). */
export function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * Sets one form error per field error whose field the form has, focusing the first.
 * Returns what is left for the alert region: null when every field error found its field,
 * otherwise the problem with only the unplaced field errors.
 */
export function applyFieldErrors<T extends FieldValues>(
  err: ProblemError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): ProblemError | null {
  const errors = err.fieldErrors;
  if (errors.length === 0) return err;
  const known = new Set<string>(fields);
  const rest = [];
  let focused = false;
  for (const fe of errors) {
    const path = toFormPath(fe.field);
    if (known.has(path)) {
      setError(path as Path<T>, { type: fe.code, message: fe.message }, { shouldFocus: !focused });
      focused = true;
    } else {
      rest.push(fe);
    }
  }
  if (rest.length === 0) return null;
  return new ProblemError({ ...err.problem, errors: rest });
}
