import { describe, expect, it } from 'vitest';
import type { Definition, QuestionnaireItem } from '../../api/types';
import { hasCrisisFlag, raisedFlags, scoreAxis, scoreRange } from './scoring';

const freq = [0, 1, 2, 3].map((value) => ({ value, label: `option ${value}` }));
const choice = (key: string, extra: Partial<QuestionnaireItem> = {}): QuestionnaireItem => ({
  key,
  text: key,
  type: 'single_choice',
  options: freq,
  required: true,
  ...extra,
});

/** PHQ-9 as seeded: nine scored items, an optional unscored tenth, the item-9 crisis rule. */
const phq9: Definition = {
  items: [
    ...Array.from({ length: 9 }, (_, i) => choice(`q${i + 1}`)),
    choice('difficulty', { required: false, scored: false }),
  ],
  scoring: { method: 'sum' },
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ],
  flags: [{ flag: 'self_harm_risk', item: 'q9', operator: 'gt', value: 0 }],
};

describe('scoreRange and scoreAxis', () => {
  it('gives PHQ-9 its 0–27 range from the items (the unscored tenth left out)', () => {
    expect(scoreRange(phq9)).toEqual([0, 27]);
    expect(scoreAxis(phq9, [3])).toEqual([0, 27]);
  });
  it('follows explicit total items, mean scoring, reverse-free numeric ranges and booleans', () => {
    const def: Definition = {
      items: [
        { key: 'a', text: 'a', type: 'integer', min: 0, max: 10 },
        { key: 'b', text: 'b', type: 'boolean' },
        { key: 'c', text: 'c', type: 'text', required: false },
        { key: 'd', text: 'd', type: 'multi_choice', options: [{ value: -1, label: 'x' }, { value: 2, label: 'y' }, { value: 3, label: 'z' }] },
      ],
      scoring: { method: 'sum' },
    };
    expect(scoreRange(def)).toEqual([-1, 16]);
    expect(scoreRange({ ...def, scoring: { method: 'sum', items: ['a', 'b'] } })).toEqual([0, 11]);
    expect(scoreRange({ ...def, scoring: { method: 'mean', items: ['a', 'b'] } })).toEqual([0, 5.5]);
  });
  it('widens the axis to the bands and to any score outside them', () => {
    const def = { items: [choice('q1')], scoring: { method: 'sum' as const }, bands: [{ min: 0, max: 5, label: 'x' }] };
    expect(scoreAxis(def)).toEqual([0, 5]);
    expect(scoreAxis(def, [7, null])).toEqual([0, 7]);
  });
});

describe('raisedFlags', () => {
  const answers = (n: number, q9?: number) => {
    const a: Record<string, number> = {};
    for (let i = 1; i <= n; i++) a[`q${i}`] = 0;
    if (q9 !== undefined) a.q9 = q9;
    return a;
  };
  it('raises the crisis flag as soon as item 9 has a non-zero answer, before the rest', () => {
    expect(raisedFlags(phq9, {})).toEqual([]);
    expect(raisedFlags(phq9, { q9: 1 })).toEqual(['self_harm_risk']);
    expect(raisedFlags(phq9, answers(8, 0))).toEqual([]);
    expect(raisedFlags(phq9, answers(8, 3))).toEqual(['self_harm_risk']);
    expect(hasCrisisFlag(raisedFlags(phq9, answers(8, 2)))).toBe(true);
  });

  it('applies every operator as the server does', () => {
    const def = (operator: NonNullable<Definition['flags']>[number]['operator'], value: number): Definition => ({
      items: [choice('q1')],
      scoring: { method: 'sum' },
      flags: [{ flag: 'f', item: 'q1', operator, value }],
    });
    const on = (op: Parameters<typeof def>[0], value: number, answer: number) =>
      raisedFlags(def(op, value), { q1: answer }).length === 1;
    expect([on('eq', 2, 2), on('eq', 2, 1)]).toEqual([true, false]);
    expect([on('ne', 2, 1), on('ne', 2, 2)]).toEqual([true, false]);
    expect([on('gt', 1, 2), on('gt', 1, 1)]).toEqual([true, false]);
    expect([on('gte', 1, 1), on('gte', 1, 0)]).toEqual([true, false]);
    expect([on('lt', 1, 0), on('lt', 1, 1)]).toEqual([true, false]);
    expect([on('lte', 1, 1), on('lte', 1, 2)]).toEqual([true, false]);
    expect([on('answered', 0, 0)]).toEqual([true]);
    // Nothing is tested on an item not answered.
    expect(raisedFlags(def('lt', 5), {})).toEqual([]);
  });

  it('tests an item’s raw answer: booleans as 1/0, several choices as their sum, reverse ignored', () => {
    const def: Definition = {
      items: [
        { key: 'b', text: 'b', type: 'boolean' },
        { key: 'm', text: 'm', type: 'multi_choice', options: freq },
        choice('r', { reverse: true }),
      ],
      scoring: { method: 'sum' },
      flags: [
        { flag: 'yes', item: 'b', operator: 'eq', value: 1 },
        { flag: 'many', item: 'm', operator: 'gte', value: 5 },
        { flag: 'high', item: 'r', operator: 'eq', value: 3 },
      ],
    };
    expect(raisedFlags(def, { b: true, m: [2, 3], r: 3 })).toEqual(['yes', 'many', 'high']);
    expect(raisedFlags(def, { b: false, m: [1, 3], r: 0 })).toEqual([]);
  });

  it('leaves out answers of items that are not asked', () => {
    const def: Definition = {
      items: [choice('q1'), choice('q2', { enable_when: { item: 'q1', operator: 'gte', value: 2 } })],
      scoring: { method: 'sum' },
      flags: [{ flag: 'f', item: 'q2', operator: 'gt', value: 0 }],
    };
    expect(raisedFlags(def, { q1: 3, q2: 1 })).toEqual(['f']);
    // q1 changed: q2 is no longer asked, so its old answer raises nothing.
    expect(raisedFlags(def, { q1: 0, q2: 1 })).toEqual([]);
  });

  it('tests the total and subscales once every required item of them is answered', () => {
    const def: Definition = {
      items: [choice('q1'), choice('q2'), choice('q3', { reverse: true }), choice('opt', { required: false })],
      scoring: {
        method: 'sum',
        subscales: [{ key: 's', label: 'S', method: 'mean', items: ['q1', 'q2'] }],
      },
      flags: [
        { flag: 'total_high', operator: 'gte', value: 6 },
        { flag: 'total_low', operator: 'lt', value: 2 },
        { flag: 'sub_high', subscale: 's', operator: 'gte', value: 2.5 },
      ],
    };
    // A partial total is not the score: "low" must not show before the answers are in.
    expect(raisedFlags(def, { q1: 0 })).toEqual([]);
    expect(raisedFlags(def, { q1: 3, q2: 2 })).toEqual(['sub_high']);
    // q3 is reverse-scored: answering 0 scores 3. The optional item is not waited for.
    expect(raisedFlags(def, { q1: 3, q2: 2, q3: 0 })).toEqual(['total_high', 'sub_high']);
    expect(raisedFlags(def, { q1: 0, q2: 0, q3: 3 })).toEqual(['total_low']);
  });

  it('raises each flag once, in rule order', () => {
    const def: Definition = {
      items: [choice('q1'), choice('q2')],
      scoring: { method: 'sum' },
      flags: [
        { flag: 'b', item: 'q2', operator: 'gt', value: 0 },
        { flag: 'a', item: 'q1', operator: 'gt', value: 0 },
        { flag: 'b', item: 'q1', operator: 'gt', value: 0 },
      ],
    };
    expect(raisedFlags(def, { q1: 1, q2: 1 })).toEqual(['b', 'a']);
  });
});
