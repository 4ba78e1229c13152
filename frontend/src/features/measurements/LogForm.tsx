import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { MeasurementRequest, MeasurementType } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useDisplayUnit } from './displayUnit';
import { formatReading, localInputToRfc3339, nowForInput, unitName } from './model';
import { mKeys } from './queries';

interface Values {
  value: string;
  components: Record<string, string>;
  unit: string;
  taken_at: string;
  note: string;
}

/** Quick entry of one reading of `type` (two fields for blood pressure). */
export function LogForm({ type }: { type: MeasurementType }) {
  const multi = type.components.length > 1;
  const fields = [
    'value',
    ...type.components.map((c) => `components.${c.key}`),
    'unit',
    'taken_at',
    'note',
  ] as const;
  // Entry starts in the unit readings are shown in, and follows a change of that choice.
  const shownUnit = useDisplayUnit(type) ?? type.unit;
  const defaults = (): Values => ({
    value: '',
    components: Object.fromEntries(type.components.map((c) => [c.key, ''])),
    unit: shownUnit,
    taken_at: nowForInput(),
    note: '',
  });
  const {
    register,
    handleSubmit,
    setError,
    reset,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: defaults() });
  useEffect(() => setValue('unit', shownUnit), [shownUnit, setValue]);
  const server = useServerErrors(setError, fields as readonly Path<Values>[]);
  const [saved, setSaved] = useState('');
  const queryClient = useQueryClient();
  // One id per entered reading: a retry after a network error is recognised by the server.
  const clientId = useRef<string | null>(null);

  const num = (label: string) => ({
    validate: (v: string) => {
      if (v.trim() === '') return `Enter the ${label.toLowerCase()}.`;
      return Number.isFinite(Number(v)) || `Enter the ${label.toLowerCase()} as a number.`;
    },
  });

  const onSubmit = async (v: Values) => {
    server.clear();
    setSaved('');
    const takenAt = localInputToRfc3339(v.taken_at);
    if (!takenAt) {
      setError('taken_at', { message: 'Enter when you took this reading.' }, { shouldFocus: true });
      return;
    }
    clientId.current ??= crypto.randomUUID();
    const body: MeasurementRequest = {
      type: type.slug,
      taken_at: takenAt,
      client_id: clientId.current,
      ...(type.accepted_units.length > 1 ? { unit: v.unit } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      ...(multi
        ? { components: Object.fromEntries(type.components.map((c) => [c.key, Number(v.components[c.key])])) }
        : { value: Number(v.value) }),
    };
    try {
      const m = await unwrap(api.POST('/api/v1/me/measurements', { body }));
      clientId.current = null;
      // Shown in the member's display unit; say what was typed when another unit was chosen.
      const entered = !multi && v.unit !== shownUnit ? ` (you entered ${Number(v.value)} ${unitName(v.unit)})` : '';
      setSaved(`Saved: ${type.name.toLowerCase()} ${formatReading(m, type, shownUnit)}${entered}.`);
      reset(defaults());
      void queryClient.invalidateQueries({ queryKey: mKeys.all });
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="card card-block" aria-labelledby="log-heading">
      <h2 id="log-heading">Add a {type.name.toLowerCase()} reading</h2>
      <ProblemAlert error={server.problem} form />
      <div className={multi ? 'field-pair' : undefined}>
        {multi ? (
          type.components.map((c) => (
            <TextField
              key={c.key}
              label={`${c.name} (${unitName(type.unit)})`}
              inputMode="decimal"
              autoComplete="off"
              registration={register(`components.${c.key}`, num(c.name))}
              error={errors.components?.[c.key]}
            />
          ))
        ) : (
          <TextField
            label={type.accepted_units.length > 1 ? 'Value' : `Value (${unitName(type.unit)})`}
            inputMode="decimal"
            autoComplete="off"
            registration={register('value', num('value'))}
            error={errors.value}
          />
        )}
        {type.accepted_units.length > 1 && (
          <SelectField label="Unit" registration={register('unit')} error={errors.unit}>
            {type.accepted_units.map((u) => (
              <option key={u} value={u}>
                {unitName(u)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <TextField
        label="When"
        type="datetime-local"
        registration={register('taken_at', { required: 'Enter when you took this reading.' })}
        error={errors.taken_at}
      />
      <TextField
        label="Note (optional)"
        hint="For example: after a walk, new medicine."
        maxLength={500}
        registration={register('note')}
        error={errors.note}
      />
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save reading'}
        </button>
      </div>
      <p role="status" className={saved ? 'alert alert-success' : 'status-text'}>
        {saved}
      </p>
    </form>
  );
}
