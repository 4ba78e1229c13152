import { useQueryClient } from '@tanstack/react-query';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Measurement, MeasurementType } from '../../api/types';
import { TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useDisplayUnit } from './displayUnit';
import { formatNumber, parseDecimal } from './decimal';
import { formatReading, localInputToRfc3339, nowForInput, unitName } from './model';
import { shownValue } from './units';
import { mKeys } from './queries';

interface Values {
  value: string;
  components: Record<string, string>;
  taken_at: string;
  note: string;
}

/**
 * Corrects a stored reading's value(s), time and note; the server keeps the previous version.
 * Values and time are sent only when changed: an untouched time keeps its original offset and
 * an untouched value is not re-rounded through the display unit (lb → kg).
 */
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
  const fields = ['value', ...type.components.map((c) => `components.${c.key}`), 'taken_at', 'note'];
  const takenAtInput = nowForInput(new Date(reading.taken_at));
  const shownUnit = useDisplayUnit(type) ?? reading.unit;
  // Shown as the member's language writes numbers (82,7 in German), and read back the same way.
  const valueInput = reading.value != null ? formatNumber(shownValue(reading.value, reading.unit, shownUnit, type)) : '';
  const componentInputs = Object.fromEntries(
    type.components.map((c) => {
      const v = reading.components?.[c.key];
      return [c.key, v == null ? '' : formatNumber(v)];
    }),
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    defaultValues: {
      value: valueInput,
      components: componentInputs,
      taken_at: takenAtInput,
      note: reading.note ?? '',
    },
  });
  const server = useServerErrors(setError, fields as readonly Path<Values>[]);
  const queryClient = useQueryClient();
  const number = (label: string) => ({
    validate: (v: string) => {
      const r = parseDecimal(v, label.toLowerCase());
      return r.ok || r.message;
    },
  });
  const numberOf = (v: string | undefined) => {
    const r = parseDecimal(v ?? '');
    return r.ok ? r.value : NaN;
  };

  const onSubmit = async (v: Values) => {
    server.clear();
    let takenAt: string | null = null;
    if (v.taken_at !== takenAtInput) {
      takenAt = localInputToRfc3339(v.taken_at);
      if (!takenAt) {
        setError('taken_at', { message: 'Enter when you took this reading.' }, { shouldFocus: true });
        return;
      }
    }
    try {
      const m = await unwrap(
        api.PATCH('/api/v1/me/measurements/{id}', {
          params: { path: { id: reading.id } },
          body: {
            note: v.note.trim(),
            ...(takenAt ? { taken_at: takenAt } : {}),
            ...(multi
              ? type.components.some((c) => v.components[c.key] !== componentInputs[c.key])
                ? { components: Object.fromEntries(type.components.map((c) => [c.key, numberOf(v.components[c.key])])) }
                : {}
              : v.value !== valueInput
                ? { value: numberOf(v.value), ...(shownUnit !== reading.unit ? { unit: shownUnit } : {}) }
                : {}),
          },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: mKeys.all });
      onDone(`Reading corrected to ${formatReading(m, type, shownUnit)}.`);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Correct this reading">
      <ProblemAlert error={server.problem} form />
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
            label={`Value (${unitName(shownUnit)})`}
            inputMode="decimal"
            registration={register('value', number('value'))}
            error={errors.value}
          />
        )}
        <TextField
          label="When"
          type="datetime-local"
          registration={register('taken_at', { required: 'Enter when you took this reading.' })}
          error={errors.taken_at}
        />
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
