import { describe, expect, it } from 'vitest';
import { byStudy, categoryNamer, checkPublicAnswer, isInForce, PUBLIC_QUESTION, receiptFile } from './consent';
import type { ConsentReceipt } from './types';

function event(over: Partial<ConsentReceipt>): ConsentReceipt {
  return {
    receipt_id: 'r',
    study_id: 's1',
    study_title: 'Sleep study',
    institution: 'Leeds',
    kind: 'granted',
    version: 1,
    categories: ['demographics'],
    consent_sha256: 'ab'.repeat(32),
    how_to_withdraw: 'Withdraw in the privacy centre.',
    at: '2026-11-01T10:00:00Z',
    ...over,
  };
}

describe('byStudy', () => {
  const events = [
    event({ receipt_id: 'a1', at: '2026-11-01T10:00:00Z' }),
    event({ receipt_id: 'a2', version: 2, categories: ['demographics', 'conditions'], at: '2026-11-02T10:00:00Z' }),
    event({ receipt_id: 'b1', study_id: 's2', study_title: 'Asthma', at: '2026-11-03T10:00:00Z' }),
    event({ receipt_id: 'b2', study_id: 's2', study_title: 'Asthma', kind: 'withdrawn', categories: [], at: '2026-11-04T10:00:00Z' }),
  ];

  it('groups events by study, newest first, and marks a study current when its newest event is a grant', () => {
    const studies = byStudy(events);
    expect(studies.map((s) => [s.studyId, s.active, s.latest.receipt_id])).toEqual([
      ['s2', false, 'b2'],
      ['s1', true, 'a2'],
    ]);
    expect(studies[1]?.events.map((e) => e.receipt_id)).toEqual(['a2', 'a1']);
  });

  it('says only the newest grant of a study is in force', () => {
    expect(isInForce(events[1]!, events)).toBe(true);
    expect(isInForce(events[0]!, events)).toBe(false); // replaced by version 2
    expect(isInForce(events[2]!, events)).toBe(false); // withdrawn later
    expect(isInForce(events[3]!, events)).toBe(false); // a withdrawal itself
  });

  it('orders two events of the same instant by version', () => {
    const same = [event({ receipt_id: 'x1', version: 1 }), event({ receipt_id: 'x2', version: 2 })];
    expect(byStudy(same)[0]?.latest.receipt_id).toBe('x2');
  });
});

describe('categoryNamer', () => {
  it('prefers the invitation’s words, then the catalogs, then a readable key', () => {
    const name = categoryNamer(
      [{ categories: [{ category: 'measurement:peak_flow', label: 'Peak flow readings', reason: 'x' }] }],
      new Map([['questionnaire:phq-9', 'PHQ-9 (depression)']]),
    );
    expect(name('measurement:peak_flow')).toBe('Peak flow readings');
    expect(name('questionnaire:phq-9')).toBe('Your answers to the PHQ-9 (depression) questionnaire');
    expect(name('demographics')).toBe('Your age band (5 years) and country');
    expect(name('measurement:blood_pressure')).toBe('Your blood pressure measurements');
    expect(name('questionnaire:gad-7')).toBe('Your answers to the gad-7 questionnaire');
    expect(name('something')).toBe('something');
  });
});

describe('receiptFile', () => {
  it('is the receipt as pretty JSON, named by its id', async () => {
    const r = event({ receipt_id: 'r-42' });
    const file = receiptFile(r);
    expect(file.name).toBe('kindred-consent-r-42.json');
    expect(file.blob.type).toBe('application/json');
    expect(JSON.parse(await file.blob.text())).toEqual(r);
  });
});

describe('checkPublicAnswer', () => {
  it('accepts only the right answer and explains a wrong or missing one', () => {
    expect(checkPublicAnswer(PUBLIC_QUESTION.answer)).toBeNull();
    expect(checkPublicAnswer('members')).toContain('anyone on the internet');
    expect(checkPublicAnswer('researchers')).toMatch(/^Not quite/);
    expect(checkPublicAnswer('')).toMatch(/Answer this question/);
    for (const o of PUBLIC_QUESTION.options) expect(checkPublicAnswer(o.id) === null).toBe(o.id === PUBLIC_QUESTION.answer);
  });
});
