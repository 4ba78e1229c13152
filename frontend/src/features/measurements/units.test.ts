import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bpType, weightType } from '../../test/fixtures';
import { displayUnitOf, setDisplayUnit, useDisplayUnit, useDisplayUnits } from './displayUnit';
import { convertUnit, hasUnitChoice, roundTo, shownValue } from './units';

describe('convertUnit', () => {
  // The same figures as backend/domain/src/measurement/tests.rs (stored values, rounded there).
  it('converts like the server', () => {
    expect(roundTo(convertUnit(154.3, '[lb_av]', 'kg')!, 2)).toBe(69.99);
    expect(roundTo(convertUnit(200, '[lb_av]', 'kg')!, 2)).toBe(90.72);
    expect(roundTo(convertUnit(100.4, '[degF]', 'Cel')!, 1)).toBe(38);
    expect(roundTo(convertUnit(5.5, 'mmol/L', 'mg/dL')!, 0)).toBe(99);
    expect(roundTo(convertUnit(10, 'mmol/L', 'mg/dL')!, 0)).toBe(180);
    expect(convertUnit(70, 'in' as string, 'cm')).toBeNull();
    expect(convertUnit(120, 'mm[Hg]', 'mm[Hg]')).toBe(120);
  });

  it('round-trips every stored value within one rounding step', () => {
    for (const [lo, hi, from, to, dec] of [
      [20, 350, 'kg', '[lb_av]', 2],
      [30, 45, 'Cel', '[degF]', 1],
      [10, 1000, 'mg/dL', 'mmol/L', 0],
      [50, 250, 'cm', '[in_i]', 1],
    ] as const) {
      for (let i = 0; i <= 200; i += 1) {
        const v = roundTo(lo + ((hi - lo) * i) / 200, dec);
        const back = roundTo(convertUnit(convertUnit(v, from, to)!, to, from)!, dec);
        expect(Math.abs(back - v)).toBeLessThanOrEqual(10 ** -dec + 1e-9);
      }
    }
  });
});

describe('shownValue', () => {
  it('rounds to what the shown unit needs', () => {
    expect(shownValue(81.65, 'kg', '[lb_av]', weightType)).toBe(180);
    expect(shownValue(80.29, 'kg', '[lb_av]', weightType)).toBe(177);
    expect(shownValue(37, 'Cel', '[degF]')).toBe(98.6);
    expect(shownValue(99, 'mg/dL', 'mmol/L')).toBe(5.5);
    expect(shownValue(170, 'cm', '[in_i]')).toBe(66.9);
  });
  it('leaves the value alone in the stored unit or when the units do not convert', () => {
    expect(shownValue(81.654, 'kg', 'kg')).toBe(81.654);
    expect(shownValue(120, 'mm[Hg]', 'kg')).toBe(120);
  });
  it('rounds halves away from zero, like the server', () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
  });
});

describe('display unit choice', () => {
  afterEach(() => window.localStorage.clear());

  it('offers a choice only for single-valued types with several units', () => {
    expect(hasUnitChoice(weightType)).toBe(true);
    expect(hasUnitChoice(bpType)).toBe(false);
  });

  it('defaults to the stored unit and remembers a valid choice', () => {
    expect(displayUnitOf(weightType)).toBe('kg');
    setDisplayUnit('body_weight', '[lb_av]');
    expect(displayUnitOf(weightType)).toBe('[lb_av]');
    expect(window.localStorage.getItem('kindred.unit.body_weight')).toBe('[lb_av]');
  });

  it('ignores a choice the type does not accept', () => {
    window.localStorage.setItem('kindred.unit.body_weight', 'Cel');
    expect(displayUnitOf(weightType)).toBe('kg');
    window.localStorage.setItem('kindred.unit.blood_pressure', 'kg');
    expect(displayUnitOf(bpType)).toBe('mm[Hg]');
    expect(displayUnitOf(undefined)).toBeUndefined();
  });

  it('re-renders on a choice made here or in another tab', () => {
    const one = renderHook(() => useDisplayUnit(weightType));
    const many = renderHook(() => useDisplayUnits()(weightType));
    expect(one.result.current).toBe('kg');
    act(() => setDisplayUnit('body_weight', '[lb_av]'));
    expect(one.result.current).toBe('[lb_av]');
    expect(many.result.current).toBe('[lb_av]');

    // Another tab writes the key; this one hears of it through the storage event.
    act(() => {
      window.localStorage.setItem('kindred.unit.body_weight', 'kg');
      window.dispatchEvent(new StorageEvent('storage', { key: 'kindred.unit.body_weight' }));
    });
    expect(one.result.current).toBe('kg');
    expect(many.result.current).toBe('kg');
  });

  it('keeps the choice for the page where localStorage refuses', () => {
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const get = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(refuse);
    const set = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(refuse);
    try {
      expect(displayUnitOf(weightType)).toBe('kg');
      setDisplayUnit('body_weight', '[lb_av]');
      expect(displayUnitOf(weightType)).toBe('[lb_av]');
    } finally {
      get.mockRestore();
      set.mockRestore();
    }
  });
});
