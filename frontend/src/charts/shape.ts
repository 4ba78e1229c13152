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

// ── Axis domains ────────────────────────────────────────────────────────────────────────────
// uPlot left to itself sizes the x axis to the data: one reading gives an axis of years around
// it, and "last 1 week" covers only the days that have readings. These give the x axis the
// window the member chose, and the y axis the instrument's own range.

export const DAY_SECONDS = 86_400;

/** An axis domain: [lowest, highest]. */
export type Domain = [number, number];

/**
 * The x domain (epoch seconds) of "the last N days ending now": exactly `[from, now]`,
 * stretched only to keep data that fall outside it on the chart (a weekly summary bucket
 * starting a few days before `from`, a reading a little after `now` by a clock's skew).
 */
export function windowDomain(fromSec: number, nowSec: number, xs: readonly number[] = []): Domain {
  let lo = Math.min(fromSec, nowSec);
  let hi = Math.max(fromSec, nowSec);
  for (const x of xs) {
    if (!Number.isFinite(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/**
 * The x domain of "everything so far": the first data point to now, and never shorter than
 * `minSpanSec` ending now (one reading made today sits at the right end of a week, not alone
 * in the middle of nothing). Without data: the `minSpanSec` before now.
 */
export function sinceFirstDomain(xs: readonly number[], nowSec: number, minSpanSec = 7 * DAY_SECONDS): Domain {
  const finite = xs.filter((x) => Number.isFinite(x));
  const last = finite.length > 0 ? Math.max(...finite) : nowSec;
  const hi = Math.max(nowSec, last);
  const first = finite.length > 0 ? Math.min(...finite) : hi;
  return [Math.min(first, hi - minSpanSec), hi];
}

/** A shaded horizontal region of a chart (a questionnaire's severity band). */
export interface Zone {
  from: number;
  to: number;
  label: string;
}

/**
 * Inclusive score bands (`0–4 minimal`, `5–9 mild`, …) as touching regions of the y axis:
 * each runs from its own `min` to the next band's `min`, the first from the bottom of
 * `domain`, the last to its top, so the shading has no gaps between whole-number bands
 * (PHQ-9's boundaries fall at 5, 10, 15 and 20).
 */
export function bandZones(
  bands: readonly { min: number; max: number; label: string }[],
  domain: Domain,
): Zone[] {
  const sorted = bands
    .filter((b) => Number.isFinite(b.min) && Number.isFinite(b.max) && b.min <= b.max)
    .sort((a, b) => a.min - b.min);
  return sorted.map((b, i) => {
    const next = sorted[i + 1];
    const from = i === 0 ? Math.min(domain[0], b.min) : b.min;
    const to = next ? next.min : Math.max(domain[1], b.max);
    return { from, to, label: b.label };
  });
}

/** Opacity of zone `i` of `n`: lightest for the lowest (e.g. "minimal"), darker upwards. */
export function zoneAlpha(i: number, n: number): number {
  return n <= 1 ? 0.1 : 0.04 + (0.22 * i) / (n - 1);
}

/**
 * Labels of time-axis ticks (epoch seconds) `incrSec` apart, in the reader's language:
 * times of day for hourly ticks (with the day at midnight; only the days when the ticks span
 * two days or more, the other ticks unlabelled), `14 Feb` for daily and weekly
 * ones, `Feb` for monthly ones and years for yearly ones. The year is added where it is not
 * obvious: on the first tick when it is not this year (`nowSec`'s), and where it changes
 * (monthly ticks always name the year on the first).
 */
export function timeAxisLabels(
  splits: readonly number[],
  incrSec: number,
  opts: { locale?: string; timeZone?: string; nowSec?: number } = {},
): string[] {
  const { locale, timeZone } = opts;
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone, ...o });
  const yearOf = fmt({ year: 'numeric' });
  const year = (s: number) => yearOf.format(new Date(s * 1000));
  const thisYear = year(opts.nowSec ?? Date.now() / 1000);
  const time = fmt({ hour: '2-digit', minute: '2-digit' });
  const day = fmt({ day: 'numeric', month: 'short' });
  const dayYear = fmt({ day: 'numeric', month: 'short', year: 'numeric' });
  const month = fmt({ month: 'short' });
  const monthYear = fmt({ month: 'short', year: 'numeric' });
  const midnight = fmt({ hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  const spansDays = splits.length > 1 && splits[splits.length - 1]! - splits[0]! >= 2 * DAY_SECONDS;
  return splits.map((s, i) => {
    const d = new Date(s * 1000);
    const prev = i > 0 ? splits[i - 1] : undefined;
    const showYear = prev === undefined ? year(s) !== thisYear : year(prev) !== year(s);
    if (incrSec >= 365 * DAY_SECONDS) return year(s);
    if (incrSec >= 28 * DAY_SECONDS) return (showYear || i === 0 ? monthYear : month).format(d);
    if (incrSec >= DAY_SECONDS) return (showYear ? dayYear : day).format(d);
    // Hourly ticks: the day at midnight; the time otherwise, unless the ticks span days (a
    // week drawn with half-day grid lines reads "25 Nov, 26 Nov", not "25 Nov, 12:00, 26 Nov").
    const parts = midnight.formatToParts(d);
    const part = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? NaN);
    if (part('hour') % 24 === 0 && part('minute') === 0) return (showYear ? dayYear : day).format(d);
    return spansDays ? '' : time.format(d);
  });
}
