import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bpType, weightType } from '../../test/fixtures';
import { json, problem, requests, stubFetch, withDisplayUnits } from '../../test/http';
import { unitFor, useDisplayUnit, useDisplayUnits, useSetDisplayUnit } from './displayUnit';
import { unitName } from './model';
import { convertUnit, hasUnitChoice, otherUnitFor, roundTo, shownValue, unitOfSuggestion } from './units';

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

describe('otherUnitFor', () => {
  const glucose = {
    ...weightType,
    slug: 'blood_glucose',
    name: 'Blood glucose',
    unit: 'mg/dL',
    accepted_units: ['mg/dL', 'mmol/L'],
    decimals: 0,
    components: [{ key: 'value', name: 'Blood glucose', min: 10, max: 1000 }],
  };
  it('offers the unit an implausible value fits, saying the range in the unit typed', () => {
    expect(otherUnitFor(7.2, 'mg/dL', glucose, unitName)).toEqual({
      unit: 'mmol/L',
      message: 'Blood glucose must be between 10 and 1000 mg/dL. Did you mean 7.2 mmol/L?',
    });
    // 400 kg is too much; 400 lb is a weight.
    expect(otherUnitFor(400, 'kg', { ...weightType, components: [{ key: 'value', name: 'Body weight', min: 20, max: 350 }] }, unitName))
      .toMatchObject({ unit: '[lb_av]' });
  });
  it('says nothing for a plausible value, one no unit fits, or several components', () => {
    expect(otherUnitFor(104, 'mg/dL', glucose, unitName)).toBeNull();
    expect(otherUnitFor(5000, 'mg/dL', glucose, unitName)).toBeNull();
    expect(otherUnitFor(400, 'mm[Hg]', bpType, unitName)).toBeNull();
  });
});

describe('unitOfSuggestion', () => {
  it('reads the unit of the server’s "Did you mean …?"', () => {
    const glucose = { ...weightType, accepted_units: ['mg/dL', 'mmol/L'] };
    expect(unitOfSuggestion('Blood glucose must be between 10 and 1000 mg/dL. Did you mean 7.2 mmol/L?', glucose, unitName)).toBe('mmol/L');
    const temperature = { ...weightType, accepted_units: ['Cel', '[degF]'] };
    expect(unitOfSuggestion('Body temperature must be between 30 and 45 °C. Did you mean 98.6°F?', temperature, unitName)).toBe('[degF]');
    expect(unitOfSuggestion('Body weight must be between 20 and 350 kg.', weightType, unitName)).toBeNull();
  });
});

describe('display units of the account', () => {
  afterEach(() => {
    window.localStorage.clear();
    vi.unstubAllGlobals();
  });

  function wrapper() {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
  }

  it('offers a choice only for single-valued types with several units', () => {
    expect(hasUnitChoice(weightType)).toBe(true);
    expect(hasUnitChoice(bpType)).toBe(false);
  });

  it('uses the member’s unit when the type accepts it, else the stored one', () => {
    expect(unitFor(weightType, {})).toBe('kg');
    expect(unitFor(weightType, undefined)).toBe('kg');
    expect(unitFor(weightType, { body_weight: '[lb_av]' })).toBe('[lb_av]');
    expect(unitFor(weightType, { body_weight: 'Cel' })).toBe('kg');
    expect(unitFor(bpType, { blood_pressure: 'kg' })).toBe('mm[Hg]');
    expect(unitFor(undefined, {})).toBeUndefined();
  });

  it('reads the units from the account, for one type and for several', async () => {
    stubFetch(withDisplayUnits({ body_weight: '[lb_av]' }, () => json({})));
    const w = wrapper();
    const one = renderHook(() => useDisplayUnit(weightType), { wrapper: w });
    const many = renderHook(() => useDisplayUnits()(weightType), { wrapper: w });
    // The stored unit until the account's arrive.
    expect(one.result.current).toBe('kg');
    await waitFor(() => expect(one.result.current).toBe('[lb_av]'));
    await waitFor(() => expect(many.result.current).toBe('[lb_av]'));
  });

  it('shows a new choice at once and stores it on the account', async () => {
    const mock = stubFetch(withDisplayUnits({}, () => json({})));
    const { result } = renderHook(() => ({ unit: useDisplayUnit(weightType), set: useSetDisplayUnit() }), { wrapper: wrapper() });
    await waitFor(() => expect(requests(mock)).toHaveLength(1));
    act(() => result.current.set.mutate({ slug: 'body_weight', unit: '[lb_av]' }));
    await waitFor(() => expect(result.current.unit).toBe('[lb_av]'));
    const put = requests(mock).find((r) => r.method === 'PUT')!;
    expect(new URL(put.url).pathname).toBe('/api/v1/me/display-units/body_weight');
    expect(await put.json()).toEqual({ unit: '[lb_av]' });
  });

  it('puts the unit back when the server refuses the choice', async () => {
    stubFetch(async (req) =>
      req.method === 'PUT'
        ? problem(422, 'validation_failed', { errors: [{ field: 'unit', code: 'unit_not_accepted', message: 'No.' }] })
        : json({ units: {} }),
    );
    const { result } = renderHook(() => ({ unit: useDisplayUnit(weightType), set: useSetDisplayUnit() }), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.unit).toBe('kg'));
    act(() => result.current.set.mutate({ slug: 'body_weight', unit: '[lb_av]' }));
    await waitFor(() => expect(result.current.set.isError).toBe(true));
    expect(result.current.unit).toBe('kg');
  });

  it('moves a choice this browser kept before onto the account, once', async () => {
    window.localStorage.setItem('kindred.unit.body_weight', '[lb_av]');
    window.localStorage.setItem('kindred.unit.blood_glucose', 'mmol/L');
    const units: Record<string, string> = { blood_glucose: 'mg/dL' };
    const mock = stubFetch(withDisplayUnits(units, () => json({})));
    const { result } = renderHook(() => useDisplayUnit(weightType), { wrapper: wrapper() });
    await waitFor(() => expect(result.current).toBe('[lb_av]'));
    // Only the type the account had no unit for; the account's own choice wins.
    const puts = requests(mock).filter((r) => r.method === 'PUT');
    expect(puts.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/me/display-units/body_weight']);
    expect(units).toEqual({ blood_glucose: 'mg/dL', body_weight: '[lb_av]' });
    expect(window.localStorage.length).toBe(0);
  });
});
