import { useQueryClient } from '@tanstack/react-query';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Measurement, MeasurementType } from '../../api/types';
import { TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { formatReading, unitName } from './model';
import { mKeys } from './queries';

interface Values {
  value: string;
  components: Record<string, string>;
  note: string;
}

/** Corrects a stored reading's value(s) and note; the server keeps the previous version. */
export function EditReading({
  reading,
  type,
  onDone,
}: {
  reading: Measurement;
  type: MeasurementType;
  onDone: (message: string) => void;
}) {
  const multi = type.components.length > 1;
  const fields = ['value', ...type.components.map((c) => `components.${c.key}`), 'note'];
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    defaultValues: {
      value: reading.value != null ? String(reading.value) : '',
      components: Object.fromEntries(
        type.components.map((c) => [c.key, String(reading.components?.[c.key] ?? '')]),
      ),
      note: reading.note ?? '',
    },
  });
  const server = useServerErrors(setError, fields as readonly Path<Values>[]);
  const queryClient = useQueryClient();
  const number = (label: string) => ({
    validate: (v: string) =>
      (v.trim() !== '' && Number.isFinite(Number(v))) || `Enter the ${label.toLowerCase()} as a number.`,
  });

  const onSubmit = async (v: Values) => {
    server.clear();
    try {
      const m = await unwrap(
        api.PATCH('/api/v1/me/measurements/{id}', {
          params: { path: { id: reading.id } },
          body: {
            note: v.note.trim(),
            ...(multi
              ? { components: Object.fromEntries(type.components.map((c) => [c.key, Number(v.components[c.key])])) }
              : { value: Number(v.value) }),
          },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: mKeys.all });
      onDone(`Reading corrected to ${formatReading(m, type)}.`);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Correct this reading">
      <ProblemAlert error={server.problem} />
      <div className="field-pair">
        {multi ? (
          type.components.map((c) => (
            <TextField
              key={c.key}
              label={`${c.name} (${unitName(type.unit)})`}
              inputMode="decimal"
              registration={register(`components.${c.key}`, number(c.name))}
              error={errors.components?.[c.key]}
            />
          ))
        ) : (
          <TextField
            label={`Value (${unitName(type.unit)})`}
            inputMode="decimal"
            registration={register('value', number('value'))}
            error={errors.value}
          />
        )}
        <TextField label="Note" maxLength={500} registration={register('note')} error={errors.note} />
      </div>
      <div className="row-actions">
        <button type="submit" disabled={isSubmitting}>
          Save correction
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
