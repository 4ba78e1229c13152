import { describe, expect, it } from 'vitest';
import { bpType, weightType } from '../../test/fixtures';
import { describeBounds, describeTarget, targetUnit, targetZones } from './targets';
import { timeInRange } from './TargetsPanel';

const bpTarget = { unit: 'mm[Hg]', ranges: { systolic: { low: 90, high: 135 }, diastolic: { low: 60, high: 85 } } };
const weightTarget = { unit: 'kg', ranges: { value: { low: 77.11, high: 83.91 } } };

describe('describeTarget', () => {
  it('names each component of blood pressure, in mmHg', () => {
    expect(describeTarget(bpTarget, bpType, 'mm[Hg]')).toBe('systolic 90–135, diastolic 60–85 mmHg');
  });
  it('gives a weight target in the member’s unit', () => {
    expect(describeTarget(weightTarget, weightType, '[lb_av]')).toBe('170–185 lb');
    expect(describeTarget(weightTarget, weightType, 'kg')).toBe('77.11–83.91 kg');
  });
  it('says open bounds in words', () => {
    expect(describeBounds(null, 130)).toBe('up to 130');
    expect(describeBounds(90, null)).toBe('at least 90');
    expect(describeBounds(null, null)).toBeNull();
    expect(describeTarget({ unit: 'mm[Hg]', ranges: { systolic: { high: 130 } } }, bpType, 'mm[Hg]')).toBe('systolic up to 130 mmHg');
  });
});

describe('targetUnit', () => {
  it('is the member’s unit for a single value, the stored one for blood pressure', () => {
    expect(targetUnit(weightType, '[lb_av]')).toBe('[lb_av]');
    expect(targetUnit(bpType, 'kg')).toBe('mm[Hg]');
  });
});

describe('targetZones', () => {
  it('draws one band per component, on a y axis that shows the bands and the data', () => {
    const { zones, yRange } = targetZones(bpTarget, bpType, 'mm[Hg]', [79, 142]);
    expect(zones).toEqual([
      { from: 90, to: 135, label: 'Systolic target: 90–135 mmHg' },
      { from: 60, to: 85, label: 'Diastolic target: 60–85 mmHg' },
    ]);
    expect(yRange![0]).toBeLessThan(60);
    expect(yRange![1]).toBeGreaterThan(142);
  });
  it('runs an open bound to the edge of the axis', () => {
    const { zones, yRange } = targetZones({ unit: 'mm[Hg]', ranges: { systolic: { high: 130 } } }, bpType, 'mm[Hg]', [120, 150]);
    expect(zones).toEqual([{ from: yRange![0], to: 130, label: 'Systolic target: up to 130 mmHg' }]);
  });
  it('draws a weight band in the unit the chart shows', () => {
    const { zones } = targetZones(weightTarget, weightType, '[lb_av]', [175, 182]);
    expect(zones).toEqual([{ from: 170, to: 185, label: 'Target: 170–185 lb' }]);
  });
  it('draws the band even before there are readings', () => {
    expect(targetZones(weightTarget, weightType, 'kg', null).zones).toHaveLength(1);
  });
});

describe('timeInRange', () => {
  it('says the share of the last 30 days in range, with the counts', () => {
    expect(timeInRange({ recent: { days: 30, readings: 4, in_range: 3, percent: 75 } })).toBe(
      'time in range, last 30 days: 75% (3 of 4 readings)',
    );
    expect(timeInRange({ recent: { days: 30, readings: 0, in_range: 0, percent: null } })).toBe('no readings in the last 30 days');
  });
});
