import { describe, expect, it } from 'vitest';
import {
  pointsToAligned,
  readingsToAligned,
  scoresToAligned,
  summaryToAligned,
  toEpochSeconds,
  valuesToAligned,
  yExtent,
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
