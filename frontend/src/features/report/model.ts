// Pure helpers of the report for a clinic visit: periods as calendar days, 30-day blocks,
// averages of daily summaries weighted by their readings, readings in a target range, and
// which PHQ-9 question asks about self-harm. No React and no requests: all unit-tested.
import type { Definition, SummaryItem } from '../../api/types';

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

export type PeriodKey = '30d' | '3m' | '6m' | '12m' | 'custom';

export const PERIODS: { key: PeriodKey; label: string }[] = [
  { key: '30d', label: 'Last 30 days' },
  { key: '3m', label: 'Last 3 months' },
  { key: '6m', label: 'Last 6 months' },
  { key: '12m', label: 'Last 12 months' },
  { key: 'custom', label: 'Choose the dates' },
];

/** From `start` to `end`, both days included, in the member's own calendar. */
export interface Period {
  start: Day;
  end: Day;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: Day): [number, number, number] | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  // Refuses 2026-02-30 and the like.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return [y, mo, d];
}

export function isDay(s: string): s is Day {
  return parts(s) !== null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const fromUtc = (t: Date): Day => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

/** Today (or `now`) in the browser's own calendar. */
export function localDay(now = new Date()): Day {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(day: Day, n: number): Day {
  const [y, m, d] = parts(day)!;
  return fromUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/** The same day of the month `n` months away, or that month's last day (31 March − 1 month → 28/29 February). */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = parts(day)!;
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

/** Days from `start` to `end`, both included. */
export function daysIn(p: Period): number {
  const [ys, ms, ds] = parts(p.start)!;
  const [ye, me, de] = parts(p.end)!;
  return Math.round((Date.UTC(ye, me - 1, de) - Date.UTC(ys, ms - 1, ds)) / 86_400_000) + 1;
}

/** A preset period ending today: the last 30 days, or the last 3 / 6 / 12 months. */
export function presetPeriod(key: Exclude<PeriodKey, 'custom'>, today: Day): Period {
  switch (key) {
    case '30d':
      return { start: addDays(today, -29), end: today };
    case '3m':
      return { start: addDays(addMonths(today, -3), 1), end: today };
    case '6m':
      return { start: addDays(addMonths(today, -6), 1), end: today };
    case '12m':
      return { start: addDays(addMonths(today, -12), 1), end: today };
  }
}

/** Daily summaries over more than this are long answers; ten years is more than a visit needs. */
export const MAX_DAYS = 3660;

/** What is wrong with chosen dates, in plain words, or null when they make a period. */
export function customPeriodProblem(start: string, end: string, today: Day): { field: 'start' | 'end'; message: string } | null {
  if (!isDay(start)) return { field: 'start', message: 'Enter the first day, like 2026-09-01.' };
  if (!isDay(end)) return { field: 'end', message: 'Enter the last day, like 2026-11-30.' };
  if (start > end) return { field: 'end', message: 'The last day must be on or after the first day.' };
  if (start > today) return { field: 'start', message: 'The first day cannot be in the future.' };
  if (daysIn({ start, end }) > MAX_DAYS) return { field: 'start', message: 'Choose at most ten years.' };
  return null;
}

/** Local midnight of `day` as an RFC 3339 instant. */
export function dayStart(day: Day): string {
  const [y, m, d] = parts(day)!;
  return new Date(y, m - 1, d).toISOString();
}

/** The period as the API's `from` (inclusive) and `to` (exclusive): local midnights. */
export function periodQuery(p: Period): { from: string; to: string } {
  return { from: dayStart(p.start), to: dayStart(addDays(p.end, 1)) };
}

/** Whether an instant falls in the period (in the browser's calendar). */
export function inPeriod(iso: string, p: Period): boolean {
  const t = Date.parse(iso);
  const { from, to } = periodQuery(p);
  return t >= Date.parse(from) && t < Date.parse(to);
}

/** 30 days of a period (the oldest block may be shorter). */
export interface Block {
  start: Day;
  end: Day;
  days: number;
}

/**
 * The period cut into blocks of 30 days, counted back from its last day so the most recent
 * block is whole; oldest first. A 12-month period gives 12 blocks of 30 days and one of 5.
 */
export function thirtyDayBlocks(p: Period): Block[] {
  const blocks: Block[] = [];
  let end = p.end;
  while (end >= p.start) {
    const start30 = addDays(end, -29);
    const start = start30 < p.start ? p.start : start30;
    blocks.unshift({ start, end, days: daysIn({ start, end }) });
    end = addDays(start, -1);
  }
  return blocks;
}

/** The mean of each component over some days' summaries, each day weighted by its readings. */
export interface Average {
  /** Readings counted. */
  count: number;
  /** Days with a reading. */
  days: number;
  /** Mean per component (unrounded), or null without readings. */
  means: number[] | null;
}

/** Weighted mean of summary buckets: Σ(mean × count) / Σcount per component. */
export function weightedAverage(items: readonly SummaryItem[]): Average {
  let count = 0;
  const sums: number[] = [];
  for (const it of items) {
    if (it.count <= 0) continue;
    count += it.count;
    it.mean.forEach((m, i) => {
      sums[i] = (sums[i] ?? 0) + m * it.count;
    });
  }
  return {
    count,
    days: items.filter((it) => it.count > 0).length,
    means: count > 0 ? sums.map((s) => s / count) : null,
  };
}

/**
 * Daily summaries (`bucket=day`; their `bucket_start` is a UTC day) grouped into the blocks,
 * each block's average weighted by readings. A block without readings has `means: null`.
 */
export function blockAverages(items: readonly SummaryItem[], blocks: readonly Block[]): (Average & { block: Block })[] {
  return blocks.map((block) => ({
    block,
    ...weightedAverage(items.filter((it) => it.bucket_start >= block.start && it.bucket_start <= block.end)),
  }));
}

/** A range with optional ends (a missing end is open). */
export interface Bounds {
  low: number | null;
  high: number | null;
}

/** The range used when a member set no glucose target: 70–180 mg/dL. */
export const DEFAULT_GLUCOSE_RANGE: Bounds = { low: 70, high: 180 };

export interface InRange {
  total: number;
  below: number;
  within: number;
  above: number;
  /** `within / total` as a whole percentage; null without readings. */
  percent: number | null;
}

/** How many values fall below, inside (ends included) and above a range. */
export function countInRange(values: readonly number[], r: Bounds): InRange {
  let below = 0;
  let above = 0;
  for (const v of values) {
    if (r.low != null && v < r.low) below += 1;
    else if (r.high != null && v > r.high) above += 1;
  }
  const total = values.length;
  const within = total - below - above;
  return { total, below, within, above, percent: total > 0 ? Math.round((within / total) * 100) : null };
}

/** LOINC of PHQ-9 question 9 ("thoughts that you would be better off dead or of hurting yourself"). */
export const PHQ9_ITEM9_LOINC = '44260-8';

/**
 * The key of the PHQ-9's self-harm question in a version: the item with its LOINC code, else
 * the item a `self_harm_risk` flag tests, else `q9`; null when the version has none of these.
 */
export function selfHarmItemKey(def: Pick<Definition, 'items' | 'flags'>): string | null {
  const byLoinc = def.items.find((i) => i.loinc === PHQ9_ITEM9_LOINC);
  if (byLoinc) return byLoinc.key;
  const rule = def.flags?.find((f) => f.flag === 'self_harm_risk' && f.item);
  if (rule?.item && def.items.some((i) => i.key === rule.item)) return rule.item;
  return def.items.some((i) => i.key === 'q9') ? 'q9' : null;
}

/** A signed change for people: "+1.2", "−0.8" (a real minus sign), "no change". */
export function signedChange(delta: number, decimals: number): string {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(delta) * f) / f;
  if (r === 0) return 'no change';
  const text = r.toLocaleString(undefined, { maximumFractionDigits: decimals });
  return `${delta < 0 ? '−' : '+'}${text}`;
}
