import { describe, expect, it } from 'vitest';
import type { Definition } from '../../api/types';
import { clearAllDrafts, draftKey, loadDraft, saveDraft } from './draft';

const def: Pick<Definition, 'items'> = {
  items: [
    { key: 'q1', text: 'q1', type: 'single_choice', options: [{ value: 0, label: 'No' }] },
    { key: 'q2', text: 'q2', type: 'multi_choice', options: [{ value: 1, label: 'A' }] },
    { key: 'note', text: 'note', type: 'text', required: false },
  ],
};

describe('questionnaire drafts', () => {
  const key = draftKey('u1', 'phq-9', 3);
  it('is kept per account, questionnaire and version', () => {
    expect(key).toBe('kindred:questionnaire-draft:u1:phq-9:v3');
    expect(draftKey('u1', 'phq-9', 4)).not.toBe(key);
  });
  it('saves and loads answers and the step', () => {
    saveDraft(key, { answers: { q1: 0, q2: [1], note: 'tired', gone: undefined }, step: 2 });
    expect(loadDraft(key, def)).toEqual({ answers: { q1: 0, q2: [1], note: 'tired' }, step: 2 });
  });
  it('removes the draft when no answer is left', () => {
    saveDraft(key, { answers: { q1: 0 }, step: 1 });
    saveDraft(key, { answers: { q1: undefined }, step: 0 });
    expect(sessionStorage.getItem(key)).toBeNull();
  });
  it('keeps only answers the definition can take, and ignores anything unreadable', () => {
    sessionStorage.setItem(key, JSON.stringify({ answers: { q1: 0, other: 1, q2: ['x'] }, step: -3 }));
    expect(loadDraft(key, def)).toEqual({ answers: { q1: 0 }, step: 0 });
    sessionStorage.setItem(key, '{not json');
    expect(loadDraft(key, def)).toBeNull();
    sessionStorage.setItem(key, JSON.stringify({ answers: { other: 1 } }));
    expect(loadDraft(key, def)).toBeNull();
  });
  it('clears every draft of the tab (on sign-out), and nothing else', () => {
    saveDraft(key, { answers: { q1: 0 }, step: 1 });
    saveDraft(draftKey('u1', 'gad-7', 1), { answers: { q1: 0 }, step: 1 });
    sessionStorage.setItem('something-else', '1');
    clearAllDrafts();
    expect(Object.keys(sessionStorage)).toEqual(['something-else']);
  });
});
