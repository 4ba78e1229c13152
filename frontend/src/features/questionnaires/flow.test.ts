import { describe, expect, it } from 'vitest';
import type { QuestionnaireItem } from '../../api/types';
import {
  blockReason,
  describeAnswer,
  describeCount,
  enabledItems,
  holds,
  numericValue,
  prune,
  questionCount,
  storedAnswer,
} from './flow';

function item(key: string, extra: Partial<QuestionnaireItem> = {}): QuestionnaireItem {
  return {
    key,
    text: key,
    type: 'single_choice',
    options: [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Sometimes' },
      { value: 2, label: 'Often' },
    ],
    required: true,
    ...extra,
  } as QuestionnaireItem;
}

describe('holds', () => {
  it.each([
    ['eq', 1, 1, true],
    ['eq', 1, 2, false],
    ['ne', 1, 2, true],
    ['ne', 2, 2, false],
    ['gt', 2, 1, true],
    ['gt', 1, 1, false],
    ['gte', 1, 1, true],
    ['gte', 0, 1, false],
    ['lt', 0, 1, true],
    ['lt', 1, 1, false],
    ['lte', 1, 1, true],
    ['lte', 2, 1, false],
    ['answered', 0, 99, true],
  ] as const)('%s(%d, %d) is %s', (op, l, r, want) => {
    expect(holds(op, l, r)).toBe(want);
  });
});

describe('numericValue', () => {
  it('reads choices, numbers, yes/no and sums of several choices; not text', () => {
    expect(numericValue(item('a'), 2)).toBe(2);
    expect(numericValue(item('b', { type: 'boolean' }), true)).toBe(1);
    expect(numericValue(item('b', { type: 'boolean' }), false)).toBe(0);
    expect(numericValue(item('m', { type: 'multi_choice' }), [1, 2])).toBe(3);
    expect(numericValue(item('t', { type: 'text' }), 'hello')).toBeNull();
    expect(numericValue(item('a'), undefined)).toBeNull();
  });
});

describe('enabledItems and prune', () => {
  const def = {
    items: [
      item('smoke', { type: 'boolean' }),
      item('perday', { type: 'integer', enable_when: { item: 'smoke', operator: 'eq', value: 1 } }),
      item('quit', { enable_when: { item: 'perday', operator: 'gte', value: 10 } }),
      item('notes', { type: 'text', required: false, enable_when: { item: 'smoke', operator: 'answered' } }),
    ],
  };

  it('asks only items whose condition holds, in order', () => {
    expect(enabledItems(def, {}).map((i) => i.key)).toEqual(['smoke']);
    expect(enabledItems(def, { smoke: false }).map((i) => i.key)).toEqual(['smoke', 'notes']);
    expect(enabledItems(def, { smoke: true }).map((i) => i.key)).toEqual(['smoke', 'perday', 'notes']);
    expect(enabledItems(def, { smoke: true, perday: 12 }).map((i) => i.key)).toEqual([
      'smoke',
      'perday',
      'quit',
      'notes',
    ]);
  });

  it('drops answers that no longer apply after an earlier answer changes (chains too)', () => {
    const answers = { smoke: false, perday: 12, quit: 2, notes: '  cut down  ' };
    expect(prune(def, answers)).toEqual({ smoke: false, notes: 'cut down' });
    expect(prune(def, { ...answers, smoke: true })).toEqual({
      smoke: true,
      perday: 12,
      quit: 2,
      notes: 'cut down',
    });
  });

  it('does not send empty optional answers', () => {
    expect(prune(def, { smoke: false, notes: '   ' })).toEqual({ smoke: false });
  });
});

describe('blockReason', () => {
  it('asks for required answers and checks numbers against the range', () => {
    expect(blockReason(item('a'), undefined)).toMatch(/answer this question/);
    expect(blockReason(item('a', { required: false }), undefined)).toBeNull();
    expect(blockReason(item('a'), 1)).toBeNull();
    const n = item('n', { type: 'integer', min: 0, max: 10 });
    expect(blockReason(n, 11)).toBe('Enter a number from 0 to 10.');
    expect(blockReason(n, 2.5)).toBe('Enter a whole number.');
    expect(blockReason(n, 7)).toBeNull();
  });
});

describe('describeAnswer', () => {
  it('shows option labels for choices', () => {
    expect(describeAnswer(item('a'), 2)).toBe('Often');
    expect(describeAnswer(item('m', { type: 'multi_choice' }), [0, 1])).toBe('Never, Sometimes');
    expect(describeAnswer(item('b', { type: 'boolean' }), false)).toBe('No');
    expect(describeAnswer(item('a'), undefined)).toBe('Not answered');
  });
});

describe('storedAnswer', () => {
  it('reads stored answers back as the options they were', () => {
    expect(storedAnswer(item('a'), { value_number: 1 })).toBe('Sometimes');
    expect(storedAnswer(item('m', { type: 'multi_choice' }), { value_number: 2, value_text: '[0,2]' })).toBe('Never, Often');
    expect(storedAnswer(item('b', { type: 'boolean' }), { value_number: 0 })).toBe('No');
    expect(storedAnswer(item('t', { type: 'text' }), { value_text: 'tired' })).toBe('tired');
    expect(storedAnswer(item('a'), undefined)).toBe('Not answered');
  });
});

describe('questionCount and describeCount', () => {
  const item = (key: string, extra: Partial<QuestionnaireItem> = {}): QuestionnaireItem => ({
    key,
    text: key,
    type: 'single_choice',
    options: [{ value: 0, label: 'No' }],
    required: true,
    ...extra,
  });
  it('counts PHQ-9 as 9 questions and 1 optional one', () => {
    const items = [...Array.from({ length: 9 }, (_, i) => item(`q${i + 1}`)), item('difficulty', { required: false })];
    const c = questionCount({ items });
    expect(c).toEqual({ required: 9, optional: 1, conditional: 0 });
    expect(describeCount(c)).toBe('9 questions and 1 optional question');
  });
  it('says when more questions depend on the answers, and uses the singular for one', () => {
    const items = [item('a'), item('b', { enable_when: { item: 'a', operator: 'gt', value: 0 } })];
    expect(describeCount(questionCount({ items }))).toBe('1 question, and up to 1 more depending on your answers');
    expect(describeCount({ required: 0, optional: 2, conditional: 0 })).toBe('2 optional questions');
    expect(describeCount({ required: 0, optional: 0, conditional: 3 })).toBe('3 questions depending on your answers');
    expect(describeCount({ required: 7, optional: 0, conditional: 0 })).toBe('7 questions');
  });
});
