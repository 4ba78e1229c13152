// Pure data shaping for time-series charts: API answers in, uPlot's "aligned" arrays out
// ([x, y1, y2, …], x in epoch seconds ascending, a null where a series has no value).
import type { Measurement, ScorePoint, SummaryItem } from '../api/types';

/** uPlot's AlignedData, without importing uPlot (this module stays in the main bundle). */
export type Aligned = [number[], ...(number | null)[][]];

/** One x position with one value per series. */
export interface SeriesPoint {
  /** RFC 3339 timestamp, or a `YYYY-MM-DD` day (read as midnight UTC). */
  t: string;
  values: readonly (number | null | undefined)[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch seconds for an RFC 3339 time or a `YYYY-MM-DD` day (UTC); null when unreadable. */
export function toEpochSeconds(t: string): number | null {
  const ms = DAY.test(t) ? Date.parse(`${t}T00:00:00Z`) : Date.parse(t);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Points to aligned arrays with `seriesCount` y series: sorted by time (stable for equal
 * times), unreadable times dropped, missing or non-finite values as null.
 */
export function pointsToAligned(points: readonly SeriesPoint[], seriesCount: number): Aligned {
  const timed = points
    .map((p, i) => ({ x: toEpochSeconds(p.t), p, i }))
    .filter((e): e is { x: number; p: SeriesPoint; i: number } => e.x !== null)
    .sort((a, b) => a.x - b.x || a.i - b.i);
  const xs = timed.map((e) => e.x);
  const ys = Array.from({ length: seriesCount }, (_, s) => timed.map((e) => finite(e.p.values[s])));
  return [xs, ...ys];
}

/** `[{taken_at, values: [..]}]` (one value per series) to aligned arrays. */
export function valuesToAligned(
  rows: readonly { taken_at: string; values: readonly (number | null | undefined)[] }[],
  seriesCount?: number,
): Aligned {
  const n = seriesCount ?? rows.reduce((m, r) => Math.max(m, r.values.length), 0);
  return pointsToAligned(
    rows.map((r) => ({ t: r.taken_at, values: r.values })),
    n,
  );
}

type Reading = Pick<Measurement, 'taken_at' | 'value' | 'components'>;

/**
 * Stored readings to aligned arrays, one series per component key (`value` for single-valued
 * types; e.g. `systolic`, `diastolic` for blood pressure).
 */
export function readingsToAligned(readings: readonly Reading[], keys: readonly string[]): Aligned {
  return pointsToAligned(
    readings.map((r) => ({
      t: r.taken_at,
      values: keys.map((k) => r.components?.[k] ?? (k === 'value' ? r.value : null)),
    })),
    keys.length,
  );
}

export type SummaryStat = 'mean' | 'min' | 'max';

/** Which statistic of which component each y series of `summaryToAligned` holds. */
export interface SummarySeries {
  component: number;
  stat: SummaryStat;
}

/**
 * Summary buckets to aligned arrays: for each component, three series in the order
 * mean, min, max (so component c's mean is y series 3c, at aligned index 3c + 1).
 */
export function summaryToAligned(
  items: readonly Pick<SummaryItem, 'bucket_start' | 'min' | 'max' | 'mean'>[],
  componentCount: number,
): { data: Aligned; series: SummarySeries[] } {
  const series: SummarySeries[] = [];
  for (let c = 0; c < componentCount; c++) {
    for (const stat of ['mean', 'min', 'max'] as const) series.push({ component: c, stat });
  }
  const data = pointsToAligned(
    items.map((b) => ({
      t: b.bucket_start,
      values: series.map((s) => b[s.stat][s.component]),
    })),
    series.length,
  );
  return { data, series };
}

/** Questionnaire score history to aligned arrays (one series; unscored answers as gaps). */
export function scoresToAligned(points: readonly ScorePoint[]): Aligned {
  return pointsToAligned(
    points.map((p) => ({ t: p.submitted_at, values: [p.score] })),
    1,
  );
}

/** The y range of all series (ignoring nulls), or null when there is no value at all. */
export function yExtent(data: Aligned): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 1; s < data.length; s++) {
    for (const v of data[s] ?? []) {
      if (v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo === Infinity ? null : [lo, hi];
}
