import { describe, expect, it } from 'vitest';
import type { SummaryItem } from '../../api/types';
import {
  addMonths,
  blockAverages,
  countInRange,
  customPeriodProblem,
  daysIn,
  DEFAULT_GLUCOSE_RANGE,
  presetPeriod,
  selfHarmItemKey,
  signedChange,
  thirtyDayBlocks,
  weightedAverage,
} from './model';

const bucket = (day: string, count: number, mean: number[]): SummaryItem => ({
  bucket_start: day,
  count,
  mean,
  min: mean,
  max: mean,
});

describe('periods', () => {
  it('ends presets today and counts both ends', () => {
    expect(presetPeriod('30d', '2026-12-01')).toEqual({ start: '2026-11-02', end: '2026-12-01' });
    expect(daysIn(presetPeriod('30d', '2026-12-01'))).toBe(30);
    expect(presetPeriod('3m', '2026-12-01')).toEqual({ start: '2026-09-02', end: '2026-12-01' });
    expect(presetPeriod('6m', '2026-12-01')).toEqual({ start: '2026-06-02', end: '2026-12-01' });
    expect(presetPeriod('12m', '2026-12-01')).toEqual({ start: '2025-12-02', end: '2026-12-01' });
    expect(daysIn(presetPeriod('12m', '2026-12-01'))).toBe(365);
  });

  it('keeps month arithmetic inside short months', () => {
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2024-05-31', -3)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', -12)).toBe('2025-01-31');
  });

  it('says what is wrong with chosen dates', () => {
    expect(customPeriodProblem('2026-09-01', '2026-11-30', '2026-12-01')).toBeNull();
    expect(customPeriodProblem('', '2026-11-30', '2026-12-01')?.field).toBe('start');
    expect(customPeriodProblem('2026-02-30', '2026-11-30', '2026-12-01')?.field).toBe('start');
    expect(customPeriodProblem('2026-11-30', '2026-09-01', '2026-12-01')).toEqual({
      field: 'end',
      message: 'The last day must be on or after the first day.',
    });
    expect(customPeriodProblem('2026-12-05', '2026-12-09', '2026-12-01')?.message).toBe(
      'The first day cannot be in the future.',
    );
    expect(customPeriodProblem('2000-01-01', '2026-11-30', '2026-12-01')?.message).toBe('Choose at most ten years.');
  });
});

describe('30-day blocks', () => {
  it('counts back from the last day so the latest block is whole', () => {
    expect(thirtyDayBlocks({ start: '2026-11-02', end: '2026-12-01' })).toEqual([
      { start: '2026-11-02', end: '2026-12-01', days: 30 },
    ]);
    const year = thirtyDayBlocks(presetPeriod('12m', '2026-12-01'));
    expect(year).toHaveLength(13);
    expect(year[0]).toEqual({ start: '2025-12-02', end: '2025-12-06', days: 5 });
    expect(year.slice(1).every((b) => b.days === 30)).toBe(true);
    expect(year[12]!.end).toBe('2026-12-01');
    // Contiguous, no gaps or overlaps.
    expect(year.reduce((n, b) => n + b.days, 0)).toBe(365);
  });

  it('averages days weighted by their readings, not the days themselves', () => {
    // Three readings averaging 130/84 on one day and one of 150/96 on another: 135/87, not 140/90.
    const items = [bucket('2026-11-10', 3, [130, 84]), bucket('2026-11-20', 1, [150, 96])];
    expect(weightedAverage(items)).toEqual({ count: 4, days: 2, means: [135, 87] });
    expect(weightedAverage([])).toEqual({ count: 0, days: 0, means: null });
  });

  it('puts each day in its block and leaves empty blocks empty', () => {
    // 91 days: three whole blocks and one day left over at the start.
    const blocks = thirtyDayBlocks({ start: '2026-09-02', end: '2026-12-01' });
    expect(blocks.map((b) => [b.start, b.end, b.days])).toEqual([
      ['2026-09-02', '2026-09-02', 1],
      ['2026-09-03', '2026-10-02', 30],
      ['2026-10-03', '2026-11-01', 30],
      ['2026-11-02', '2026-12-01', 30],
    ]);
    const items = [
      bucket('2026-09-02', 1, [100, 60]),
      bucket('2026-11-02', 2, [120, 80]),
      bucket('2026-12-01', 2, [130, 90]),
    ];
    const avg = blockAverages(items, thirtyDayBlocks({ start: '2026-09-02', end: '2026-12-01' }));
    expect(avg.map((a) => [a.block.start, a.count, a.means])).toEqual([
      ['2026-09-02', 1, [100, 60]],
      ['2026-09-03', 0, null],
      ['2026-10-03', 0, null],
      ['2026-11-02', 4, [125, 85]],
    ]);
  });
});

describe('readings in range', () => {
  it('counts the ends as in range', () => {
    expect(countInRange([69, 70, 120, 180, 181, 250], DEFAULT_GLUCOSE_RANGE)).toEqual({
      total: 6,
      below: 1,
      within: 3,
      above: 2,
      percent: 50,
    });
  });

  it('treats a missing end as open, and says nothing without readings', () => {
    expect(countInRange([50, 300], { low: 70, high: null })).toMatchObject({ below: 1, within: 1, above: 0 });
    expect(countInRange([], DEFAULT_GLUCOSE_RANGE).percent).toBeNull();
  });
});

describe('selfHarmItemKey', () => {
  const items = (keys: [string, string | null][]) =>
    keys.map(([key, loinc]) => ({ key, loinc, text: key, type: 'single_choice' as const }));

  it('finds PHQ-9 question 9 by its LOINC code, then by the flag rule, then as q9', () => {
    expect(selfHarmItemKey({ items: items([['a', null], ['thoughts', '44260-8']]) })).toBe('thoughts');
    expect(
      selfHarmItemKey({
        items: items([['a', null], ['b', null]]),
        flags: [{ flag: 'self_harm_risk', item: 'b', operator: 'gt', value: 0 }],
      }),
    ).toBe('b');
    expect(selfHarmItemKey({ items: items([['q9', null]]) })).toBe('q9');
    expect(selfHarmItemKey({ items: items([['a', null]]) })).toBeNull();
  });
});

describe('signedChange', () => {
  it('writes a real minus sign and "no change" when it rounds to nothing', () => {
    expect(signedChange(-1.54, 1)).toBe('−1.5');
    expect(signedChange(0.8, 1)).toBe('+0.8');
    expect(signedChange(0.04, 1)).toBe('no change');
    expect(signedChange(-1.2, 2)).toBe('−1.2');
  });
});
