import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../api/types';
import { bpType, weightType } from '../../test/fixtures';
import {
  allRangeQuery,
  describeReading,
  formatReading,
  lowerFirst,
  importReport,
  latestByType,
  localInputToRfc3339,
  rangeDomain,
  rangeQuery,
  sparkline,
  unitName,
} from './model';

const bp = bpType;

function reading(type: string, taken_at: string, value: number | null, components?: Record<string, number>) {
  return { id: taken_at, type, taken_at, value, components, unit: 'kg' } as unknown as Measurement;
}

describe('unitName', () => {
  it('writes UCUM codes the way people do', () => {
    expect(unitName('mm[Hg]')).toBe('mmHg');
    expect(unitName('[lb_av]')).toBe('lb');
    expect(unitName('Cel')).toBe('°C');
    expect(unitName('something-new')).toBe('something-new');
  });
});

describe('rangeQuery', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('charts every reading for a week or a month', () => {
    expect(rangeQuery('week', now)).toEqual({ kind: 'readings', from: '2026-11-16T12:00:00.000Z' });
    expect(rangeQuery('month', now)).toEqual({ kind: 'readings', from: '2026-10-23T12:00:00.000Z' });
  });
  it('uses weekly summaries for a year', () => {
    expect(rangeQuery('year', now)).toEqual({ kind: 'summary', bucket: 'week', from: '2025-11-23T12:00:00.000Z' });
  });
});

describe('allRangeQuery', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const extent = (first: string | null, count = 10) => ({ count, first_taken_at: first });
  it('starts at the first reading (a minute early, so it is surely in)', () => {
    expect(allRangeQuery(extent('2023-11-20T08:00:00Z', 60), now)).toEqual({
      kind: 'summary',
      bucket: 'month',
      from: '2023-11-20T07:59:00.000Z',
    });
  });
  it('charts every reading of a short history, weeks up to two years, months beyond', () => {
    expect(allRangeQuery(extent('2026-11-10T08:00:00Z', 12), now)).toMatchObject({ kind: 'readings' });
    // Many readings in a month: weekly summaries rather than a cut-off list.
    expect(allRangeQuery(extent('2026-11-10T08:00:00Z', 500), now)).toMatchObject({ kind: 'summary', bucket: 'week' });
    expect(allRangeQuery(extent('2025-06-01T08:00:00Z'), now)).toMatchObject({ kind: 'summary', bucket: 'week' });
    expect(allRangeQuery(extent('2024-06-01T08:00:00Z'), now)).toMatchObject({ kind: 'summary', bucket: 'month' });
  });
  it('covers a history from before 1970 (the server keeps readings back to 1900)', () => {
    expect(allRangeQuery(extent('1968-05-14T09:00:00Z', 4), now)).toEqual({
      kind: 'summary',
      bucket: 'month',
      from: '1968-05-14T08:59:00.000Z',
    });
  });
  it('asks nothing of a member without readings', () => {
    expect(allRangeQuery(extent(null, 0), now)).toBeNull();
    expect(allRangeQuery({ count: 0, first_taken_at: undefined }, now)).toBeNull();
  });
});

describe('rangeDomain', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const sec = (iso: string) => Date.parse(iso) / 1000;
  const nowSec = sec('2026-11-23T12:00:00Z');
  it('is the whole chosen window ending now, for one reading made today', () => {
    const today = [sec('2026-11-23T11:55:00Z')];
    expect(rangeDomain('week', now, today)).toEqual([sec('2026-11-16T12:00:00Z'), nowSec]);
    expect(rangeDomain('month', now, today)).toEqual([sec('2026-10-23T12:00:00Z'), nowSec]);
    expect(rangeDomain('year', now, today)).toEqual([sec('2025-11-23T12:00:00Z'), nowSec]);
  });
  it('covers the whole week when the readings are on a few of its days', () => {
    const some = [sec('2026-11-20T08:00:00Z'), sec('2026-11-21T08:00:00Z')];
    expect(rangeDomain('week', now, some)).toEqual([sec('2026-11-16T12:00:00Z'), nowSec]);
  });
  it('runs "All" from the first point to now, a week at least', () => {
    expect(rangeDomain('all', now, [sec('2024-02-01T00:00:00Z'), sec('2026-11-01T00:00:00Z')])).toEqual([
      sec('2024-02-01T00:00:00Z'),
      nowSec,
    ]);
    expect(rangeDomain('all', now, [sec('2026-11-23T11:00:00Z')])).toEqual([nowSec - 7 * 86_400, nowSec]);
  });
  it('starts "All" at the first reading, or at the first bucket when that is earlier', () => {
    const first = sec('2023-11-20T08:00:00Z');
    expect(rangeDomain('all', now, [sec('2023-11-01T00:00:00Z'), sec('2026-11-01T00:00:00Z')], first)).toEqual([
      sec('2023-11-01T00:00:00Z'),
      nowSec,
    ]);
    expect(rangeDomain('all', now, [sec('2023-11-20T00:00:00Z')], first)[0]).toBe(sec('2023-11-20T00:00:00Z'));
    expect(rangeDomain('all', now, [], first)).toEqual([first, nowSec]);
  });
});

describe('localInputToRfc3339', () => {
  it('keeps the wall-clock time and adds the browser offset', () => {
    const out = localInputToRfc3339('2026-11-23T08:30');
    expect(out).toMatch(/^2026-11-23T08:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(out!).getTime()).toBe(new Date('2026-11-23T08:30').getTime());
  });
  it('refuses empty or unreadable input', () => {
    expect(localInputToRfc3339('')).toBeNull();
    expect(localInputToRfc3339('yesterday')).toBeNull();
  });
});

describe('formatReading', () => {
  it('shows blood pressure as systolic/diastolic in component order', () => {
    expect(formatReading({ unit: 'mm[Hg]', components: { diastolic: 82, systolic: 128 } }, bp)).toBe('128/82 mmHg');
    expect(formatReading({ unit: 'kg', value: 81.4 })).toBe('81.4 kg');
  });
});

describe('importReport', () => {
  it('turns lines[N].column errors into a report in line order', () => {
    expect(
      importReport([
        { field: 'lines[4].unit', code: 'x', message: 'Blood glucose accepts mg/dL, mmol/L.' },
        { field: 'lines[2].value', code: 'y', message: 'Line 2: Enter a number.' },
        { field: 'lines[3]', code: 'z', message: 'Unknown type.' },
        { field: 'header', code: 'h', message: 'Missing column taken_at.' },
      ]),
    ).toEqual([
      { line: null, column: 'header', message: 'Missing column taken_at.' },
      { line: 2, column: 'value', message: 'Enter a number.' },
      { line: 3, column: null, message: 'Unknown type.' },
      { line: 4, column: 'unit', message: 'Blood glucose accepts mg/dL, mmol/L.' },
    ]);
  });
});

describe('sparkline', () => {
  it('spans the box, highest value at the top', () => {
    expect(sparkline([1, 3, 2], 100, 20, 0)).toBe('0.0,20.0 50.0,0.0 100.0,10.0');
    expect(sparkline([5, 5], 100, 20, 0)).toBe('0.0,10.0 100.0,10.0');
    expect(sparkline([], 100, 20)).toBe('');
  });
  it('puts several lines on one scale when given bounds', () => {
    expect(sparkline([80, 80], 100, 20, 0, [80, 130])).toBe('0.0,20.0 100.0,20.0');
    expect(sparkline([130], 100, 20, 0, [80, 130])).toBe('50.0,0.0');
  });
});

describe('latestByType', () => {
  it('keeps the newest reading per type and the recent values oldest first', () => {
    const rows = [
      reading('body_weight', '2026-11-20T07:00:00Z', 81),
      reading('body_weight', '2026-11-22T07:00:00Z', 80.5),
      reading('blood_pressure', '2026-11-21T07:00:00Z', null, { systolic: 130, diastolic: 80 }),
      reading('body_weight', '2026-11-21T07:00:00Z', 80.8),
    ];
    const out = latestByType(rows);
    const w = out.find((o) => o.type === 'body_weight')!;
    expect(w.latest.value).toBe(80.5);
    expect(w.series).toEqual([{ label: null, values: [81, 80.8, 80.5] }]);
    expect(out.find((o) => o.type === 'blood_pressure')!.series.map((s) => s.values)).toEqual([[130], [80]]);
  });

  it('gives blood pressure one line per component in the type\'s order, not the JSON key order', () => {
    const rows = [
      reading('blood_pressure', '2026-11-21T07:00:00Z', null, { diastolic: 80, systolic: 130 }),
      reading('blood_pressure', '2026-11-22T07:00:00Z', null, { diastolic: 78, systolic: 126 }),
    ];
    const [bp] = latestByType(rows, [bpType]);
    expect(bp!.series).toEqual([
      { label: 'Systolic', values: [130, 126] },
      { label: 'Diastolic', values: [80, 78] },
    ]);
  });

  it('trends a single-valued type by its value when the type is known', () => {
    const rows = [
      reading('body_weight', '2026-11-21T07:00:00Z', 81),
      reading('body_weight', '2026-11-22T07:00:00Z', 80.6),
    ];
    expect(latestByType(rows, [weightType, bpType])[0]!.series).toEqual([{ label: null, values: [81, 80.6] }]);
  });

  it('lists types in the catalogue order, not by their latest reading', () => {
    const rows = [
      reading('heart_rate', '2026-11-23T07:00:00Z', 70),
      reading('body_weight', '2026-11-22T07:00:00Z', 80.6),
      reading('blood_pressure', '2026-11-21T07:00:00Z', null, { systolic: 130, diastolic: 80 }),
    ];
    expect(latestByType(rows, [bpType, weightType]).map((o) => o.type)).toEqual([
      'blood_pressure',
      'body_weight',
      'heart_rate',
    ]);
  });

  it('keeps only the n most recent values', () => {
    const rows = [1, 2, 3, 4, 5].map((d) => reading('body_weight', `2026-11-0${d}T07:00:00Z`, 80 + d));
    expect(latestByType(rows, [], 3)[0]!.series[0]!.values).toEqual([83, 84, 85]);
  });
});

describe('describeReading', () => {
  it('adds when a blood glucose reading was taken', () => {
    const m = { value: 130, components: null, unit: 'mg/dL', context: 'fasting' } as const;
    expect(describeReading(m, undefined, 'mmol/L')).toBe('7.2 mmol/L, fasting');
    expect(describeReading({ ...m, context: 'before_meal' })).toBe('130 mg/dL, before a meal');
    expect(describeReading({ ...m, context: null })).toBe('130 mg/dL');
  });
});

describe('lowerFirst', () => {
  it('lowers a name for the middle of a sentence, keeping abbreviations', () => {
    expect(lowerFirst('Blood pressure')).toBe('blood pressure');
    expect(lowerFirst('Oxygen saturation (SpO2)')).toBe('oxygen saturation (SpO2)');
    expect(lowerFirst('COPD')).toBe('COPD');
  });
});
