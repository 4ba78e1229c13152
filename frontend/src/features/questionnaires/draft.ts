// Answers in progress, kept in this tab's sessionStorage until they are sent or discarded, so a
// reload (or a look at the crisis numbers) does not lose them. Only this browser tab keeps
// them, and only until it closes; signing out removes them (see AuthProvider).
import type { Definition } from '../../api/types';
import type { Answer, Answers } from './flow';

export const DRAFT_PREFIX = 'kindred:questionnaire-draft:';

export interface Draft {
  answers: Answers;
  step: number;
}

/** One key per account, questionnaire and version (a new version starts afresh). */
export function draftKey(userId: string | null | undefined, slug: string, version: number): string {
  return `${DRAFT_PREFIX}${userId ?? 'signed-out'}:${slug}:v${version}`;
}

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null;
  } catch {
    // Storage can be switched off; then answers live only in memory, as before.
    return null;
  }
}

function isAnswer(v: unknown): v is Answer {
  return (
    (typeof v === 'number' && Number.isFinite(v)) ||
    typeof v === 'boolean' ||
    typeof v === 'string' ||
    (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
  );
}

/** The saved draft for `key`, keeping only answers to items `def` has; null when none. */
export function loadDraft(key: string, def: Pick<Definition, 'items'>, store = storage()): Draft | null {
  const raw = store?.getItem(key);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { answers, step } = parsed as { answers?: unknown; step?: unknown };
    if (typeof answers !== 'object' || answers === null) return null;
    const keys = new Set(def.items.map((i) => i.key));
    const kept: Answers = {};
    for (const [k, v] of Object.entries(answers as Record<string, unknown>)) {
      if (keys.has(k) && isAnswer(v)) kept[k] = v;
    }
    if (Object.keys(kept).length === 0) return null;
    return { answers: kept, step: typeof step === 'number' && Number.isInteger(step) && step >= 0 ? step : 0 };
  } catch {
    return null;
  }
}

/** Saves the draft, or removes it when no answer is given. */
export function saveDraft(key: string, draft: Draft, store = storage()): void {
  const given = Object.fromEntries(Object.entries(draft.answers).filter(([, v]) => v !== undefined));
  try {
    if (Object.keys(given).length === 0) store?.removeItem(key);
    else store?.setItem(key, JSON.stringify({ answers: given, step: draft.step }));
  } catch {
    // Full or switched off: the answers stay in memory.
  }
}

export function clearDraft(key: string, store = storage()): void {
  try {
    store?.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/** Removes every questionnaire draft of this tab (on sign-out). */
export function clearAllDrafts(store = storage()): void {
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k?.startsWith(DRAFT_PREFIX)) keys.push(k);
    }
    for (const k of keys) store.removeItem(k);
  } catch {
    // Nothing to clear.
  }
}
