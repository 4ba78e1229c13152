import { describe, expect, it } from 'vitest';
import { barOf, cohortBars, enoughToExport, kPercent, scaleMax, thinCategories, type Cohort } from './cohort';

const fewer = { label: 'fewer than 11', suppressed: true, at_least: null };
const atLeast = (n: number) => ({ label: `at least ${n}`, suppressed: false, at_least: n });
const zero = { label: '0', suppressed: false, at_least: 0 };

const cohort: Cohort = {
  k: 11,
  eligible: atLeast(44),
  consenting: atLeast(22),
  categories: [
    { category: 'measurement:blood_pressure', consenting: atLeast(22) },
    { category: 'questionnaire:phq-9', consenting: fewer },
    { category: 'demographics', consenting: zero },
  ],
};

describe('cohort bars', () => {
  it('gives a suppressed count no bar at all, only its words', () => {
    const bars = cohortBars(cohort, (c) => c.toUpperCase());
    const phq = bars.find((b) => b.key === 'category:questionnaire:phq-9');
    expect(phq).toEqual({
      key: 'category:questionnaire:phq-9',
      label: 'QUESTIONNAIRE:PHQ-9',
      text: 'fewer than 11',
      percent: null,
      suppressed: true,
    });
    // Nothing else about it leaks into the scale: only shown lower bounds set it.
    expect(scaleMax([fewer], 11)).toBe(11);
  });

  it('draws shown counts on one scale topped by the largest, zero as an empty bar', () => {
    const bars = cohortBars(cohort, (c) => c);
    expect(bars.map((b) => [b.label, b.text, b.percent])).toEqual([
      ['Eligible members', 'at least 44', 100],
      ['Members who consent', 'at least 22', 50],
      ['measurement:blood_pressure', 'at least 22', 50],
      ['questionnaire:phq-9', 'fewer than 11', null],
      ['demographics', '0', 0],
    ]);
    expect(kPercent(cohort)).toBe(25);
  });

  it('keeps k on the scale when every count is small', () => {
    const small: Cohort = { k: 11, eligible: fewer, consenting: zero, categories: [] };
    expect(cohortBars(small, String).map((b) => b.percent)).toEqual([null, 0]);
    expect(kPercent(small)).toBe(100);
    expect(barOf(atLeast(11), 0).percent).toBe(0);
  });

  it('says when an export is possible and which categories it would leave out', () => {
    expect(enoughToExport(cohort)).toBe(true);
    expect(thinCategories(cohort)).toEqual(['questionnaire:phq-9', 'demographics']);
    expect(enoughToExport({ ...cohort, consenting: fewer })).toBe(false);
    expect(enoughToExport({ ...cohort, consenting: zero })).toBe(false);
  });
});
