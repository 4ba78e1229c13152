// Pure helpers of the measurements pages: unit names, time ranges, request shaping, import
// reports and sparklines. No React here, so all of it is unit-tested.
import type { ExtentResponse, Measurement, MeasurementType, ProblemFieldError, ReadingContext } from '../../api/types';
import { sinceFirstDomain, windowDomain, type Domain } from '../../charts/shape';
import { formatNumber } from './decimal';
import { convertUnit, shownValue } from './units';

const UNIT_NAMES: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  '/min': 'beats/min',
  kg: 'kg',
  '[lb_av]': 'lb',
  cm: 'cm',
  '[in_i]': 'in',
  Cel: '°C',
  '[degF]': '°F',
  '%': '%',
  'mg/dL': 'mg/dL',
  'mmol/L': 'mmol/L',
  'L/min': 'L/min',
  '/d': 'steps',
  '{score}': 'out of 10',
};

/** A UCUM code as people write it (`mm[Hg]` → `mmHg`). */
export function unitName(code: string): string {
  return UNIT_NAMES[code] ?? code;
}

export type RangeKey = 'week' | 'month' | 'year' | 'all';
export const RANGES: { key: RangeKey; label: string }[] = [
  { key: 'week', label: '1 week' },
  { key: 'month', label: '1 month' },
  { key: 'year', label: '1 year' },
  { key: 'all', label: 'All' },
];

export type RangeQuery =
  | { kind: 'readings'; from: string }
  | { kind: 'summary'; from: string; bucket: 'week' | 'month' };

const DAY_MS = 86_400_000;

/**
 * Short ranges chart every reading; a year charts weekly summaries. "All" depends on the
 * member's history (see `allRangeQuery`): this gives only the fixed ranges.
 */
export function rangeQuery(range: Exclude<RangeKey, 'all'>, now: Date): RangeQuery {
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS).toISOString();
  switch (range) {
    case 'week':
      return { kind: 'readings', from: daysAgo(7) };
    case 'month':
      return { kind: 'readings', from: daysAgo(31) };
    case 'year':
      return { kind: 'summary', from: daysAgo(365), bucket: 'week' };
  }
}

/**
 * "All": from the member's first reading of the type (`GET /me/measurements/extent`) to now.
 * Every reading when there are few over a month at most; weekly summaries up to two years;
 * monthly ones beyond (the server refuses daily buckets over 30 years, and a weekly chart of
 * decades would be a blur). Null when there is no reading yet.
 */
export function allRangeQuery(
  extent: Pick<ExtentResponse, 'count' | 'first_taken_at'>,
  now: Date,
): RangeQuery | null {
  if (!extent.first_taken_at || extent.count === 0) return null;
  const first = Date.parse(extent.first_taken_at);
  if (!Number.isFinite(first)) return null;
  // A minute early, so the first reading is in whatever the server counts as the start.
  const from = new Date(first - 60_000).toISOString();
  const days = (now.getTime() - first) / DAY_MS;
  if (days <= 31 && extent.count <= 200) return { kind: 'readings', from };
  if (days <= 2 * 366) return { kind: 'summary', from, bucket: 'week' };
  return { kind: 'summary', from, bucket: 'month' };
}

/**
 * The x axis of a range's chart (epoch seconds): the chosen window ending now, whatever the
 * readings in it; "All" from the first reading (`firstSec`, or the first bucket when earlier)
 * to now.
 */
export function rangeDomain(range: RangeKey, now: Date, xs: readonly number[], firstSec?: number): Domain {
  const nowSec = now.getTime() / 1000;
  if (range === 'all') return sinceFirstDomain(firstSec === undefined ? xs : [...xs, firstSec], nowSec);
  return windowDomain(Date.parse(rangeQuery(range, now).from) / 1000, nowSec, xs);
}

/** `2026-11-23T08:30` (from a datetime-local input, the browser's zone) as RFC 3339 with offset. */
export function localInputToRfc3339(value: string): string | null {
  const d = new Date(value);
  if (!value || Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(off / 60)}:${pad(off % 60)}`
  );
}

/** Now as a datetime-local input value (the browser's zone, to the minute). */
export function nowForInput(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** When a blood glucose reading was taken, in words (a Record, so a new server value fails the build). */
export const CONTEXT_LABEL: Record<ReadingContext, string> = {
  fasting: 'Fasting',
  before_meal: 'Before a meal',
  after_meal: 'After a meal',
  bedtime: 'At bedtime',
};

/**
 * A stored reading's value(s) for display, numbers as the member's language writes them:
 * `128/82 mmHg`, `81.4 kg` (`81,4 kg` in German); in `shownUnit` (e.g. lb) when given and the
 * value converts.
 */
export function formatReading(
  m: Pick<Measurement, 'value' | 'components' | 'unit'>,
  type?: MeasurementType,
  shownUnit?: string,
): string {
  if (shownUnit && shownUnit !== m.unit && m.value != null && convertUnit(m.value, m.unit, shownUnit) !== null) {
    return `${formatNumber(shownValue(m.value, m.unit, shownUnit, type))} ${unitName(shownUnit)}`;
  }
  const unit = unitName(m.unit);
  const suffix = unit ? ` ${unit}` : '';
  const num = (v: number | null | undefined) => (v == null ? '—' : formatNumber(v));
  if (m.components && type && type.components.length > 1) {
    return type.components.map((c) => num(m.components?.[c.key])).join('/') + suffix;
  }
  if (m.components) return Object.values(m.components).map(num).join('/') + suffix;
  return `${num(m.value)}${suffix}`;
}

/** A reading with when it was taken, if the member said: `7.2 mmol/L, fasting`. */
export function describeReading(
  m: Pick<Measurement, 'value' | 'components' | 'unit' | 'context'>,
  type?: MeasurementType,
  shownUnit?: string,
): string {
  const value = formatReading(m, type, shownUnit);
  return m.context ? `${value}, ${CONTEXT_LABEL[m.context].toLowerCase()}` : value;
}

/** "Oxygen saturation (SpO2)" → "oxygen saturation (SpO2)", for the middle of a sentence. */
export function lowerFirst(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** One bad line of a CSV import, from a 422's `lines[N].column` field errors. */
export interface LineProblem {
  line: number | null;
  column: string | null;
  message: string;
}

/** Field errors of an import to a per-line report, in line order. */
export function importReport(errors: readonly ProblemFieldError[]): LineProblem[] {
  return errors
    .map((e) => {
      const m = /^lines\[(\d+)\](?:\.(.+))?$/.exec(e.field);
      // The server's messages start "Line N: …"; the report shows the line on its own.
      const message = e.message.replace(/^Line \d+:\s*/, '');
      return m
        ? { line: Number(m[1]), column: m[2] ?? null, message }
        : { line: null, column: e.field || null, message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Points of an SVG polyline for values oldest-first in a w×h box (flat line for one value).
 * `bounds` puts several lines on one scale (systolic above diastolic).
 */
export function sparkline(
  values: readonly number[],
  w: number,
  h: number,
  pad = 2,
  bounds?: readonly [number, number],
): string {
  if (values.length === 0) return '';
  const lo = bounds ? bounds[0] : Math.min(...values);
  const hi = bounds ? bounds[1] : Math.max(...values);
  const span = hi - lo || 1;
  const step = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? pad + i * step : w / 2;
      const y = hi === lo ? h / 2 : pad + (1 - (v - lo) / span) * (h - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** One trend line of a type: its values oldest first (`label` names a component, if any). */
export interface TrendSeries {
  label: string | null;
  values: number[];
}

/**
 * The components to trend one line each: the type's own when it has several (blood pressure);
 * none for a single-valued type, whose readings carry `value`; those the readings carry when
 * the catalogue has not loaded.
 */
function trendKeys(
  type: MeasurementType | undefined,
  recent: readonly Measurement[],
): { key: string; label: string }[] {
  if (type) return type.components.length > 1 ? type.components.map((c) => ({ key: c.key, label: c.name })) : [];
  return [...new Set(recent.flatMap((r) => Object.keys(r.components ?? {})))].map((k) => ({ key: k, label: k }));
}

function numbers(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number');
}

/**
 * Newest reading of each type, with up to `n` recent values (oldest first) per trend line:
 * one line for a plain value, one per component (in the type's order) for blood pressure.
 * Types come in the order of `types` (the catalogue), unknown ones last.
 */
export function latestByType(
  readings: readonly Measurement[],
  types: readonly MeasurementType[] = [],
  n = 30,
): { type: string; latest: Measurement; series: TrendSeries[] }[] {
  const byType = new Map<string, Measurement[]>();
  for (const r of readings) {
    const list = byType.get(r.type) ?? [];
    list.push(r);
    byType.set(r.type, list);
  }
  // In the catalogue's order when it is known, so the dashboard does not reshuffle per reading.
  const rank = (slug: string) => {
    const i = types.findIndex((x) => x.slug === slug);
    return i < 0 ? types.length : i;
  };
  const ordered = [...byType].sort(([a], [b]) => rank(a) - rank(b));
  return ordered.map(([type, list]) => {
    const sorted = [...list].sort((a, b) => b.taken_at.localeCompare(a.taken_at));
    const recent = sorted.slice(0, n).reverse();
    const keys = trendKeys(types.find((x) => x.slug === type), recent);
    const series: TrendSeries[] =
      keys.length > 0
        ? keys.map(({ key, label }) => ({ label, values: numbers(recent.map((r) => r.components?.[key])) }))
        : [{ label: null, values: numbers(recent.map((r) => r.value)) }];
    return { type, latest: sorted[0] as Measurement, series };
  });
}
