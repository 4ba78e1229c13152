// A member's target range per measurement type (GET /me/targets): the words for it, and the
// band the chart draws. Bounds are stored in the type's canonical unit; they are shown in the
// member's unit (lb for someone who weighs in pounds).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { MeasurementType, Target, TargetRange } from '../../api/types';
import type { Domain, Zone } from '../../charts/shape';
import { formatNumber } from './decimal';
import { unitName } from './model';
import { mKeys } from './queries';
import { shownValue } from './units';

/** Under the measurements key: logging a reading changes the time in range. */
export const targetsKey = [...mKeys.all, 'targets'] as const;

export function useTargets() {
  return useQuery({ queryKey: targetsKey, queryFn: () => unwrap(api.GET('/api/v1/me/targets')) });
}

/** The parts of a type a target bounds: each component, or `value` for a single-valued type. */
export function targetParts(type: MeasurementType): { key: string; name: string }[] {
  return type.components.length > 1
    ? type.components.map((c) => ({ key: c.key, name: c.name }))
    : [{ key: 'value', name: type.name }];
}

/** The unit a target of `type` is set and shown in: the member's, for a single-valued type. */
export function targetUnit(type: MeasurementType, shownUnit: string | undefined): string {
  return type.components.length > 1 ? type.unit : (shownUnit ?? type.unit);
}

/** A target's bounds for `key` in `unit` (converted from the stored unit, rounded as shown). */
export function boundsIn(
  target: Pick<Target, 'ranges' | 'unit'>,
  key: string,
  unit: string,
  type: MeasurementType,
): { low: number | null; high: number | null } {
  const r: TargetRange | undefined = target.ranges[key];
  const conv = (v: number | null | undefined) => (v == null ? null : shownValue(v, target.unit, unit, type));
  return { low: conv(r?.low), high: conv(r?.high) };
}

/** `90–135`, `at least 90`, `up to 135` (null when neither bound is set). */
export function describeBounds(low: number | null, high: number | null): string | null {
  if (low !== null && high !== null) return `${formatNumber(low)}–${formatNumber(high)}`;
  if (low !== null) return `at least ${formatNumber(low)}`;
  if (high !== null) return `up to ${formatNumber(high)}`;
  return null;
}

/** A target in words: `systolic 90–135, diastolic 60–85 mmHg`; `170–185 lb`. */
export function describeTarget(target: Pick<Target, 'ranges' | 'unit'>, type: MeasurementType, unit: string): string {
  const multi = type.components.length > 1;
  const parts = targetParts(type)
    .map((p) => {
      const { low, high } = boundsIn(target, p.key, unit, type);
      const words = describeBounds(low, high);
      if (words === null) return null;
      return multi ? `${p.name.toLowerCase()} ${words}` : words;
    })
    .filter((p): p is string => p !== null);
  const u = unitName(unit);
  return `${parts.join(', ')}${u ? ` ${u}` : ''}`;
}

/**
 * The band(s) a chart draws for a target, and a y axis that shows them with the data: each
 * part's band runs from its low to its high bound (an open bound to the edge of the axis).
 * `extent` is the data's own y range (null without data).
 */
export function targetZones(
  target: Pick<Target, 'ranges' | 'unit'>,
  type: MeasurementType,
  unit: string,
  extent: Domain | null,
): { zones: Zone[]; yRange: Domain | undefined } {
  const multi = type.components.length > 1;
  const parts = targetParts(type).map((p) => ({ ...p, ...boundsIn(target, p.key, unit, type) }));
  const values = [
    ...(extent ?? []),
    ...parts.flatMap((p) => [p.low, p.high]).filter((v): v is number => v !== null),
  ];
  if (values.length === 0) return { zones: [], yRange: undefined };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.02, 1);
  const yRange: Domain = [lo - pad, hi + pad];
  const u = unitName(unit);
  const zones = parts
    .filter((p) => p.low !== null || p.high !== null)
    .map((p) => ({
      from: p.low ?? yRange[0],
      to: p.high ?? yRange[1],
      label: `${multi ? `${p.name} target` : 'Target'}: ${describeBounds(p.low, p.high)}${u ? ` ${u}` : ''}`,
    }));
  return { zones, yRange };
}
