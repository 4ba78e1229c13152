import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../../api/client';
import { asProblemError, ProblemError, unwrap } from '../../api/problem';
import type { Measurement, MeasurementRequest, MeasurementType, ProblemFieldError, ReadingContext } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { parseDecimal } from './decimal';
import { useDisplayUnit, useSetDisplayUnit } from './displayUnit';
import { CONTEXT_LABEL, describeReading, formatReading, localInputToRfc3339, nowForInput, unitName } from './model';
import { mKeys } from './queries';
import { hasUnitChoice, otherUnitFor, unitOfSuggestion } from './units';

interface Values {
  value: string;
  components: Record<string, string>;
  unit: string;
  taken_at: string;
  note: string;
  /** Blood glucose: when it was taken (empty: not said). */
  context: '' | ReadingContext;
  /** Blood pressure: the pulse taken with it (empty: none). */
  pulse: string;
}

/** What was sent, kept so "Yes, save it" can send the same again, confirmed. */
interface Sent {
  reading: MeasurementRequest;
  pulse: MeasurementRequest | null;
  /** The unit the value was typed in (the member's unit from now on). */
  unit: string;
}

/** The server's "this is far from your recent readings" for one sent reading. */
interface Unusual {
  sent: Sent;
  messages: string[];
  field: Path<Values>;
}

/**
 * A batch's field errors named as this form's fields: the reading's (`items[0].value`) as
 * `value`, the pulse's (`items[1].value`) as `pulse`.
 */
export function batchFieldsToForm(errors: readonly ProblemFieldError[]): ProblemFieldError[] {
  return errors.map((e) => {
    const m = /^items\[(\d+)\]\.(.+)$/.exec(e.field);
    if (!m) return e;
    if (m[1] === '0') return { ...e, field: m[2]! };
    return { ...e, field: m[2] === 'value' ? 'pulse' : m[2]! };
  });
}

const PULSE_LABEL = 'Pulse (beats/min, optional)';

/**
 * Quick entry of one reading of `type`: two fields and an optional pulse for blood pressure,
 * when it was taken for blood glucose. Numbers may be typed with the decimal mark of the
 * member's language; the unit starts as the member's and becomes theirs when they use another.
 */
export function LogForm({ type }: { type: MeasurementType }) {
  const multi = type.components.length > 1;
  const withPulse = type.slug === 'blood_pressure';
  const withContext = type.slug === 'blood_glucose';
  const unitChoice = type.accepted_units.length > 1;
  const fields = [
    'value',
    ...type.components.map((c) => `components.${c.key}`),
    'unit',
    'taken_at',
    'note',
    'context',
    'pulse',
  ] as const;
  // Entry starts in the member's unit, and follows it when it changes (on another device too).
  const shownUnit = useDisplayUnit(type) ?? type.unit;
  const setUnit = useSetDisplayUnit();
  const defaults = (unit = shownUnit): Values => ({
    value: '',
    components: Object.fromEntries(type.components.map((c) => [c.key, ''])),
    unit,
    taken_at: nowForInput(),
    note: '',
    context: '',
    pulse: '',
  });
  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    reset,
    resetField,
    getFieldState,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: defaults() });
  useEffect(() => {
    if (!getFieldState('unit').isDirty) resetField('unit', { defaultValue: shownUnit });
  }, [shownUnit, getFieldState, resetField]);
  const server = useServerErrors(setError, fields as readonly Path<Values>[]);
  const [saved, setSaved] = useState('');
  const [unusual, setUnusual] = useState<Unusual | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queryClient = useQueryClient();
  // One id per entered reading: a retry after a network error is recognised by the server.
  const clientId = useRef<string | null>(null);
  const askId = useId();
  const ask = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (unusual) ask.current?.focus();
  }, [unusual]);

  const num = (what: string, optional = false) => ({
    validate: (v: string) => {
      if (optional && v.trim() === '') return true;
      const r = parseDecimal(v, what);
      return r.ok || r.message;
    },
  });
  const numberOf = (v: string) => {
    const r = parseDecimal(v);
    return r.ok ? r.value : NaN;
  };

  const send = async (s: Sent, confirm: boolean) => {
    server.clear();
    setSaved('');
    setUnusual(null);
    setSuggested(null);
    setSending(true);
    const reading = confirm ? { ...s.reading, confirm_unusual: true } : s.reading;
    const pulse = s.pulse && confirm ? { ...s.pulse, confirm_unusual: true } : s.pulse;
    try {
      let stored: Measurement;
      let storedPulse: Measurement | null = null;
      if (pulse) {
        // Both or neither: the batch is one transaction.
        const r = await unwrap(api.POST('/api/v1/me/measurements/batch', { body: { items: [reading, pulse] } }));
        stored = r.items[0]!;
        storedPulse = r.items[1] ?? null;
      } else {
        stored = await unwrap(api.POST('/api/v1/me/measurements', { body: reading }));
      }
      clientId.current = null;
      // The unit used is the member's unit from now on (on every device).
      if (hasUnitChoice(type) && s.unit !== shownUnit) setUnit.mutate({ slug: type.slug, unit: s.unit });
      const shown = hasUnitChoice(type) ? s.unit : shownUnit;
      const withPulseText = storedPulse ? `, pulse ${formatReading(storedPulse)}` : '';
      setSaved(`Saved: ${type.name.toLowerCase()} ${describeReading(stored, type, shown)}${withPulseText}.`);
      reset(defaults(shown));
      void queryClient.invalidateQueries({ queryKey: mKeys.all });
    } catch (err) {
      const p = asProblemError(err);
      const fieldErrors = s.pulse ? batchFieldsToForm(p.fieldErrors) : p.fieldErrors;
      const odd = fieldErrors.filter((e) => e.code === 'unusual_value');
      if (odd.length > 0 && odd.length === fieldErrors.length) {
        // Nothing is stored yet: ask whether it is right.
        setUnusual({ sent: s, messages: odd.map((e) => e.message), field: odd[0]!.field as Path<Values> });
        return;
      }
      const hint = fieldErrors.find((e) => e.field === 'value' && e.code === 'out_of_range');
      if (hint) setSuggested(unitOfSuggestion(hint.message, type, unitName));
      server.handle(fieldErrors === p.fieldErrors ? p : new ProblemError({ ...p.problem, errors: fieldErrors }));
    } finally {
      setSending(false);
    }
  };

  const onSubmit = async (v: Values) => {
    setSuggested(null);
    const takenAt = localInputToRfc3339(v.taken_at);
    if (!takenAt) {
      setError('taken_at', { message: 'Enter when you took this reading.' }, { shouldFocus: true });
      return;
    }
    const unit = unitChoice ? v.unit : type.unit;
    if (!multi) {
      // A value that fits another unit was probably typed in that one: offer it.
      const other = otherUnitFor(numberOf(v.value), unit, type, unitName);
      if (other) {
        setError('value', { type: 'out_of_range', message: other.message }, { shouldFocus: true });
        setSuggested(other.unit);
        return;
      }
    }
    clientId.current ??= crypto.randomUUID();
    const reading: MeasurementRequest = {
      type: type.slug,
      taken_at: takenAt,
      client_id: clientId.current,
      ...(unitChoice ? { unit } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      ...(withContext && v.context ? { context: v.context } : {}),
      ...(multi
        ? { components: Object.fromEntries(type.components.map((c) => [c.key, numberOf(v.components[c.key] ?? '')])) }
        : { value: numberOf(v.value) }),
    };
    const pulse: MeasurementRequest | null =
      withPulse && v.pulse.trim() !== ''
        ? { type: 'heart_rate', taken_at: takenAt, client_id: `${clientId.current}-pulse`, value: numberOf(v.pulse) }
        : null;
    await send({ reading, pulse, unit }, false);
  };

  const switchToSuggestedUnit = () => {
    if (!suggested) return;
    setValue('unit', suggested, { shouldDirty: true });
    clearErrors('value');
    setSuggested(null);
    void handleSubmit(onSubmit)();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="card card-block" aria-labelledby="log-heading">
      <h2 id="log-heading">Add a {type.name.toLowerCase()} reading</h2>
      <ProblemAlert error={server.problem} form />
      <div className={multi || withPulse ? 'field-pair' : undefined}>
        {multi ? (
          type.components.map((c) => (
            <TextField
              key={c.key}
              label={`${c.name} (${unitName(type.unit)})`}
              inputMode="decimal"
              autoComplete="off"
              registration={register(`components.${c.key}`, num(c.name.toLowerCase()))}
              error={errors.components?.[c.key]}
            />
          ))
        ) : (
          <TextField
            label={unitChoice ? 'Value' : `Value (${unitName(type.unit)})`}
            inputMode="decimal"
            autoComplete="off"
            registration={register('value', num('value'))}
            error={errors.value}
          />
        )}
        {withPulse && (
          <TextField
            label={PULSE_LABEL}
            inputMode="numeric"
            autoComplete="off"
            registration={register('pulse', num('pulse', true))}
            error={errors.pulse}
          />
        )}
        {unitChoice && (
          <SelectField label="Unit" registration={register('unit')} error={errors.unit}>
            {type.accepted_units.map((u) => (
              <option key={u} value={u}>
                {unitName(u)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {suggested && (
        <p className="unit-suggestion">
          <button type="button" className="button-secondary" onClick={switchToSuggestedUnit} disabled={sending}>
            Use {unitName(suggested)} instead
          </button>
        </p>
      )}
      {withContext && (
        <SelectField label="When was it taken?" registration={register('context')} error={errors.context}>
          <option value="">Not said</option>
          {Object.entries(CONTEXT_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      )}
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
      {unusual && (
        <div role="group" aria-labelledby={askId} className="alert alert-info confirm-unusual" tabIndex={-1} ref={ask}>
          <p id={askId} className="alert-title">
            Is this reading right?
          </p>
          {unusual.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
          <p>Nothing is saved yet.</p>
          <div className="row-actions">
            <button type="button" disabled={sending} onClick={() => void send(unusual.sent, true)}>
              Yes, save it
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                const field = unusual.field;
                setUnusual(null);
                setFocus(field);
              }}
            >
              Change it
            </button>
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting || sending}>
          {isSubmitting || sending ? 'Saving…' : 'Save reading'}
        </button>
      </div>
      <p role="status" className={saved ? 'alert alert-success' : 'status-text'}>
        {saved}
      </p>
    </form>
  );
}
