import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { MeasurementType, Target, TargetRange, TargetRequest } from '../../api/types';
import { TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { formatNumber, parseDecimal } from './decimal';
import { unitName } from './model';
import { boundsIn, describeTarget, targetParts, targetsKey, targetUnit } from './targets';

type Values = { ranges: Record<string, { low: string; high: string }> };

function toValues(type: MeasurementType, target: Target | undefined, unit: string): Values {
  return {
    ranges: Object.fromEntries(
      targetParts(type).map((p) => {
        const b = target ? boundsIn(target, p.key, unit, type) : { low: null, high: null };
        return [p.key, { low: b.low === null ? '' : formatNumber(b.low), high: b.high === null ? '' : formatNumber(b.high) }];
      }),
    ),
  };
}

/** Reads the form's bounds; an empty box is an open bound. */
export function rangesFromInput(values: Values['ranges']): Record<string, TargetRange> {
  const num = (s: string | undefined) => {
    const r = parseDecimal(s ?? '');
    return r.ok ? r.value : null;
  };
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, v]) => {
        const low = v.low.trim() === '' ? null : num(v.low);
        const high = v.high.trim() === '' ? null : num(v.high);
        return [key, { ...(low !== null ? { low } : {}), ...(high !== null ? { high } : {}) }] as const;
      })
      .filter(([, r]) => Object.keys(r).length > 0),
  );
}

/**
 * The member's target range for one type: set (replacing the one before) or removed. The
 * chart draws it as a band; the dashboard says how much of the last 30 days was in it.
 */
export function TargetSection({
  type,
  target,
  shownUnit,
}: {
  type: MeasurementType;
  target: Target | undefined;
  shownUnit: string;
}) {
  const unit = targetUnit(type, shownUnit);
  const parts = targetParts(type);
  const multi = type.components.length > 1;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ values: toValues(type, target, unit) });
  const fields = parts.flatMap((p) => [`ranges.${p.key}.low`, `ranges.${p.key}.high`]) as Path<Values>[];
  const server = useServerErrors(setError, fields);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/targets/{type}', { params: { path: { type: type.slug } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: targetsKey });
      reset(toValues(type, undefined, unit));
      setStatus('Target removed.');
    },
  });

  const bound = (what: string) => ({
    validate: (v: string) => {
      if (v.trim() === '') return true;
      const r = parseDecimal(v, what);
      return r.ok || r.message;
    },
  });

  const onSubmit = async (v: Values) => {
    server.clear();
    setStatus('');
    const ranges = rangesFromInput(v.ranges);
    if (Object.keys(ranges).length === 0) {
      const first = parts[0]!;
      setError(`ranges.${first.key}.low`, { message: 'Enter at least one bound: the lowest or the highest value in range.' }, { shouldFocus: true });
      return;
    }
    for (const p of parts) {
      const r = ranges[p.key];
      if (r?.low != null && r.high != null && r.low > r.high) {
        setError(`ranges.${p.key}.high`, { message: 'The highest value must not be below the lowest.' }, { shouldFocus: true });
        return;
      }
    }
    const body: TargetRequest = { ranges, ...(unit !== type.unit ? { unit } : {}) };
    try {
      await unwrap(api.PUT('/api/v1/me/targets/{type}', { params: { path: { type: type.slug } }, body }));
      await queryClient.invalidateQueries({ queryKey: targetsKey });
      setStatus(`Target saved: ${describeTarget({ ranges, unit }, type, unit)}.`);
    } catch (err) {
      server.handle(err);
    }
  };

  const u = unitName(unit);
  const label = (name: string, end: 'from' | 'to') =>
    multi ? `${name} ${end}` : `${end === 'from' ? 'From' : 'To'}${u ? ` (${u})` : ''}`;
  return (
    <section aria-labelledby="target-heading" className="panel">
      <h2 id="target-heading">Your target range</h2>
      {target ? (
        <p>
          Your target: {describeTarget(target, type, unit)}.{' '}
          {target.recent.percent != null
            ? `In the last ${target.recent.days} days, ${target.recent.in_range} of ${target.recent.readings} readings were in range (${target.recent.percent}%).`
            : `No readings in the last ${target.recent.days} days.`}
        </p>
      ) : (
        <p className="muted">
          No target set. If your care team gave you a range to aim for, enter it here: the chart
          shows it as a band, and your dashboard shows how often you were in it. Leave a box empty
          for no limit on that side.
        </p>
      )}
      <ProblemAlert error={server.problem} form />
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={`Target range for ${type.name.toLowerCase()}`}>
        <div className="target-parts">
          {parts.map((p) => (
            <div key={p.key} className="field-pair">
              <TextField
                label={label(p.name, 'from')}
                hint={multi ? u : undefined}
                inputMode="decimal"
                autoComplete="off"
                className="input-short"
                registration={register(`ranges.${p.key}.low`, bound('lowest value'))}
                error={errors.ranges?.[p.key]?.low}
              />
              <TextField
                label={label(p.name, 'to')}
                hint={multi ? u : undefined}
                inputMode="decimal"
                autoComplete="off"
                className="input-short"
                registration={register(`ranges.${p.key}.high`, bound('highest value'))}
                error={errors.ranges?.[p.key]?.high}
              />
            </div>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save target'}
          </button>
          {target && (
            <button
              type="button"
              className="button-secondary"
              disabled={remove.isPending}
              onClick={() => {
                server.clear();
                setStatus('');
                remove.mutate();
              }}
            >
              Remove target
            </button>
          )}
        </div>
        {remove.isError && <ProblemAlert error={asProblemError(remove.error)} />}
        <p role="status" className="status-text">
          {status}
        </p>
      </form>
    </section>
  );
}
