import { describe, expect, it } from 'vitest';
import { accessSentence, categoryPhrase, daysText, joinWords, lowerFirst } from './dataAccess';

const catalog = new Map([
  ['measurement:blood_pressure', 'Blood pressure'],
  ['measurement:hba1c', 'HbA1c'],
  ['questionnaire:phq-9', 'PHQ-9'],
]);
const day = (iso: string) => (iso.startsWith('2026-05-03') ? '3 May' : iso);

describe('the data-access timeline', () => {
  it('says who received what, when and how much', () => {
    expect(
      accessSentence(
        {
          study_title: 'Study X',
          institution: 'Institution',
          categories: ['measurement:blood_pressure', 'questionnaire:phq-9'],
          category_labels: ['Your blood pressure measurements', 'Your answers to the phq-9 questionnaire'],
          days_of_data: 42,
          exported_at: '2026-05-03T10:00:00Z',
        },
        catalog,
        day,
      ),
    ).toBe('Study X (Institution) received your blood pressure measurements and PHQ-9 answers on 3 May — 42 days of data');
  });

  it('falls back to the server’s labels and leaves out an empty day count', () => {
    expect(
      accessSentence(
        {
          study_title: 'S',
          institution: 'I',
          categories: ['demographics', 'measurement:peak_flow', 'questionnaire:gad-7'],
          category_labels: ['Your age band (5 years) and country', 'Your peak flow measurements', 'Your answers to the gad-7 questionnaire'],
          days_of_data: 0,
          exported_at: '2026-05-03T10:00:00Z',
        },
        new Map(),
        day,
      ),
    ).toBe('S (I) received your age band and country, peak flow measurements and answers to the gad-7 questionnaire on 3 May');
    expect(
      accessSentence(
        { study_title: 'S', institution: 'I', categories: [], category_labels: [], days_of_data: 1, exported_at: 'x' },
        catalog,
        day,
      ),
    ).toBe('S (I) received your data on x — 1 day of data');
  });

  it('words categories', () => {
    expect(categoryPhrase('measurement:hba1c', undefined, catalog)).toBe('HbA1c measurements');
    expect(categoryPhrase('conditions', 'Your conditions and the years they were diagnosed', catalog)).toBe(
      'conditions and the years they were diagnosed',
    );
    expect(categoryPhrase('measurement:body_weight', undefined, catalog)).toBe('body weight measurements');
    expect(lowerFirst('Blood pressure')).toBe('blood pressure');
    expect(lowerFirst('PHQ-9')).toBe('PHQ-9');
    expect(lowerFirst('HbA1c')).toBe('HbA1c');
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(daysText(-1)).toBeNull();
    expect(daysText(2)).toBe('2 days of data');
  });
});
