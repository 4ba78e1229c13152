import { describe, expect, it } from 'vitest';
import {
  bandZones,
  DAY_SECONDS,
  pointsToAligned,
  readingsToAligned,
  scoresToAligned,
  sinceFirstDomain,
  summaryToAligned,
  timeAxisLabels,
  toEpochSeconds,
  valuesToAligned,
  windowDomain,
  yExtent,
  zoneAlpha,
} from './shape';

describe('toEpochSeconds', () => {
  it('reads RFC 3339 times and bare days as UTC', () => {
    expect(toEpochSeconds('1970-01-01T00:01:00Z')).toBe(60);
    expect(toEpochSeconds('1970-01-02')).toBe(86400);
    expect(toEpochSeconds('2024-03-01T10:00:00+02:00')).toBe(Date.UTC(2024, 2, 1, 8) / 1000);
  });
  it('gives null for garbage', () => {
    expect(toEpochSeconds('not a date')).toBeNull();
    expect(toEpochSeconds('')).toBeNull();
  });
});

describe('valuesToAligned', () => {
  it('sorts by time and splits values into series', () => {
    const data = valuesToAligned([
      { taken_at: '2024-01-02T00:00:00Z', values: [120, 80] },
      { taken_at: '2024-01-01T00:00:00Z', values: [130, 85] },
    ]);
    const t1 = Date.UTC(2024, 0, 1) / 1000;
    expect(data).toEqual([
      [t1, t1 + 86400],
      [130, 120],
      [85, 80],
    ]);
  });

  it('pads short rows with null and drops unreadable times', () => {
    const data = valuesToAligned([
      { taken_at: '2024-01-01T00:00:00Z', values: [1] },
      { taken_at: 'garbage', values: [5, 5] },
      { taken_at: '2024-01-03T00:00:00Z', values: [2, 3] },
    ]);
    expect(data[0]).toHaveLength(2);
    expect(data[1]).toEqual([1, 2]);
    expect(data[2]).toEqual([null, 3]);
  });

  it('turns NaN and Infinity into gaps', () => {
    const data = valuesToAligned([{ taken_at: '2024-01-01T00:00:00Z', values: [NaN, Infinity] }]);
    expect(data.slice(1)).toEqual([[null], [null]]);
  });

  it('keeps input order for equal times', () => {
    const data = pointsToAligned(
      [
        { t: '2024-01-01T00:00:00Z', values: [1] },
        { t: '2024-01-01T00:00:00Z', values: [2] },
      ],
      1,
    );
    expect(data[1]).toEqual([1, 2]);
  });

  it('handles an empty list', () => {
    expect(valuesToAligned([])).toEqual([[]]);
    expect(valuesToAligned([], 2)).toEqual([[], [], []]);
  });
});

describe('readingsToAligned', () => {
  it('reads single values and components', () => {
    const weight = readingsToAligned(
      [
        { taken_at: '2024-01-02T00:00:00Z', value: 70.5, components: null },
        { taken_at: '2024-01-01T00:00:00Z', value: 71, components: null },
      ],
      ['value'],
    );
    expect(weight[1]).toEqual([71, 70.5]);

    const bp = readingsToAligned(
      [{ taken_at: '2024-01-01T00:00:00Z', value: null, components: { systolic: 120, diastolic: 80 } }],
      ['systolic', 'diastolic'],
    );
    expect(bp.slice(1)).toEqual([[120], [80]]);
  });
});

describe('summaryToAligned', () => {
  it('lays out mean, min, max per component', () => {
    const { data, series } = summaryToAligned(
      [
        { bucket_start: '2024-01-08', min: [110, 70], max: [140, 90], mean: [125, 80] },
        { bucket_start: '2024-01-01', min: [100, 60], max: [150, 95], mean: [120.5, 77.25] },
      ],
      2,
    );
    expect(series).toEqual([
      { component: 0, stat: 'mean' },
      { component: 0, stat: 'min' },
      { component: 0, stat: 'max' },
      { component: 1, stat: 'mean' },
      { component: 1, stat: 'min' },
      { component: 1, stat: 'max' },
    ]);
    expect(data[0]).toEqual([Date.UTC(2024, 0, 1) / 1000, Date.UTC(2024, 0, 8) / 1000]);
    expect(data.slice(1)).toEqual([
      [120.5, 125],
      [100, 110],
      [150, 140],
      [77.25, 80],
      [60, 70],
      [95, 90],
    ]);
  });

  it('gives null when a bucket lacks a component', () => {
    const { data } = summaryToAligned([{ bucket_start: '2024-01-01', min: [1], max: [2], mean: [1.5] }], 2);
    expect(data.slice(4)).toEqual([[null], [null], [null]]);
  });
});

describe('scoresToAligned and yExtent', () => {
  it('keeps unscored answers as gaps and finds the range', () => {
    const data = scoresToAligned([
      { submitted_at: '2024-02-01T00:00:00Z', score: 12, band: 'moderate' },
      { submitted_at: '2024-01-01T00:00:00Z', score: null },
      { submitted_at: '2024-03-01T00:00:00Z', score: 4 },
    ]);
    expect(data[1]).toEqual([null, 12, 4]);
    expect(yExtent(data)).toEqual([4, 12]);
    expect(yExtent([[1], [null]])).toBeNull();
  });
});

const NOW = Date.UTC(2026, 10, 23, 12) / 1000;
const DAY = DAY_SECONDS;

describe('windowDomain', () => {
  it('is the chosen window, wherever the data are', () => {
    // One reading made today: the month still runs from a month ago to now.
    expect(windowDomain(NOW - 31 * DAY, NOW, [NOW - 60])).toEqual([NOW - 31 * DAY, NOW]);
    // Readings on two days of the week: the axis is the whole week, not those two days.
    expect(windowDomain(NOW - 7 * DAY, NOW, [NOW - 3 * DAY, NOW - 2 * DAY])).toEqual([NOW - 7 * DAY, NOW]);
    expect(windowDomain(NOW - 7 * DAY, NOW, [])).toEqual([NOW - 7 * DAY, NOW]);
  });
  it('stretches only to keep data outside the window on the chart', () => {
    // A weekly summary bucket that starts before the year's first day.
    expect(windowDomain(NOW - 365 * DAY, NOW, [NOW - 368 * DAY, NOW - DAY])).toEqual([NOW - 368 * DAY, NOW]);
    expect(windowDomain(NOW - 7 * DAY, NOW, [NOW + 30])).toEqual([NOW - 7 * DAY, NOW + 30]);
    expect(windowDomain(NOW - 7 * DAY, NOW, [Number.NaN])).toEqual([NOW - 7 * DAY, NOW]);
  });
});

describe('sinceFirstDomain', () => {
  it('runs from the first point to now', () => {
    expect(sinceFirstDomain([NOW - 400 * DAY, NOW - 10 * DAY], NOW)).toEqual([NOW - 400 * DAY, NOW]);
  });
  it('is never shorter than the minimum span, ending now', () => {
    // One answer given today sits at the right end, not alone on a zero-width axis.
    expect(sinceFirstDomain([NOW - 60], NOW, 28 * DAY)).toEqual([NOW - 28 * DAY, NOW]);
    expect(sinceFirstDomain([], NOW)).toEqual([NOW - 7 * DAY, NOW]);
  });
  it('keeps a point later than now', () => {
    expect(sinceFirstDomain([NOW - 30 * DAY, NOW + 100], NOW)).toEqual([NOW - 30 * DAY, NOW + 100]);
  });
});

describe('bandZones', () => {
  const phq9 = [
    { min: 10, max: 14, label: 'moderate' },
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ];
  it('makes touching regions with boundaries at each band’s lowest score', () => {
    expect(bandZones(phq9, [0, 27])).toEqual([
      { from: 0, to: 5, label: 'minimal' },
      { from: 5, to: 10, label: 'mild' },
      { from: 10, to: 15, label: 'moderate' },
      { from: 15, to: 20, label: 'moderately severe' },
      { from: 20, to: 27, label: 'severe' },
    ]);
  });
  it('stretches the outer bands to the domain and skips broken ones', () => {
    expect(
      bandZones(
        [
          { min: 1, max: 2, label: 'low' },
          { min: 3, max: 4, label: 'high' },
          { min: 5, max: 1, label: 'broken' },
        ],
        [0, 6],
      ),
    ).toEqual([
      { from: 0, to: 3, label: 'low' },
      { from: 3, to: 6, label: 'high' },
    ]);
    expect(bandZones([], [0, 27])).toEqual([]);
  });
});

describe('timeAxisLabels', () => {
  const opts = { locale: 'en-GB', timeZone: 'UTC', nowSec: NOW };
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;
  it('labels daily and weekly ticks with day and month', () => {
    expect(timeAxisLabels([day(2026, 11, 1), day(2026, 11, 8), day(2026, 11, 15)], 7 * DAY, opts)).toEqual([
      '1 Nov',
      '8 Nov',
      '15 Nov',
    ]);
  });
  it('adds the year where it changes, and on the first tick when it is not this year', () => {
    expect(timeAxisLabels([day(2026, 12, 28), day(2027, 1, 4)], 7 * DAY, opts)).toEqual(['28 Dec', '4 Jan 2027']);
    expect(timeAxisLabels([day(2025, 6, 1), day(2025, 6, 8)], 7 * DAY, opts)).toEqual(['1 Jun 2025', '8 Jun']);
  });
  it('labels monthly ticks with the month, and the year on the first and where it changes', () => {
    expect(timeAxisLabels([day(2025, 11, 1), day(2025, 12, 1), day(2026, 1, 1)], 30 * DAY, opts)).toEqual([
      'Nov 2025',
      'Dec',
      'Jan 2026',
    ]);
  });
  it('labels yearly ticks with the year', () => {
    expect(timeAxisLabels([day(2024, 1, 1), day(2025, 1, 1)], 365 * DAY, opts)).toEqual(['2024', '2025']);
  });
  it('labels hourly ticks with the time, and midnight with the day', () => {
    expect(
      timeAxisLabels([day(2026, 11, 22) + 18 * 3600, day(2026, 11, 23), day(2026, 11, 23) + 6 * 3600], 6 * 3600, opts),
    ).toEqual(['18:00', '23 Nov', '06:00']);
  });
  it('labels only the days when hourly ticks span a week', () => {
    const week = Array.from({ length: 14 }, (_, i) => day(2026, 11, 17) + i * 12 * 3600);
    const labels = timeAxisLabels(week, 12 * 3600, opts);
    expect(labels.filter((l) => l !== '')).toEqual(['17 Nov', '18 Nov', '19 Nov', '20 Nov', '21 Nov', '22 Nov', '23 Nov']);
    expect(labels[1]).toBe('');
  });
});

describe('zoneAlpha', () => {
  it('shades the lowest zone lightest and darkens upwards', () => {
    const alphas = [0, 1, 2, 3, 4].map((i) => zoneAlpha(i, 5));
    expect(alphas).toEqual([...alphas].sort((a, b) => a - b));
    expect(alphas[0]).toBeGreaterThan(0);
    expect(alphas[4]).toBeLessThan(0.3);
  });
});
