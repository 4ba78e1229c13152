import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../api/problem';
import { categoryLabel, categoryOptions, placeStudyErrors } from './categories';

const options = categoryOptions([{ slug: 'phq-9', title: 'PHQ-9' }], [{ slug: 'body_weight', name: 'Body weight' }]);

function problem(fields: string[]) {
  return new ProblemError({
    type: 'about:blank',
    title: 'Invalid',
    status: 422,
    code: 'validation_failed',
    errors: fields.map((field) => ({ field, code: 'x', message: `bad ${field}` })),
  });
}

describe('study categories', () => {
  it('offers the member categories, then each questionnaire and measurement type', () => {
    expect(options.map((o) => o.key)).toEqual(['demographics', 'conditions', 'questionnaire:phq-9', 'measurement:body_weight']);
    expect(categoryLabel('questionnaire:phq-9', options)).toBe('PHQ-9 (questionnaire)');
    expect(categoryLabel('measurement:gone', options)).toBe('gone (measurement)');
  });

  it('puts field errors on the picker rows they came from', () => {
    const out = placeStudyErrors(problem(['categories[1].reason', 'categories', 'conditions[0]', 'title', 'categories[9].reason']), [0, 3]);
    expect(out.fieldErrors.map((f) => f.field)).toEqual(['cats.3.reason', 'picker', 'conditions', 'title', 'categories[9].reason']);
  });
});
