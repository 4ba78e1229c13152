// The rules of answering a questionnaire item by item, mirroring the server's evaluator
// (backend/domain/src/questionnaire/evaluate.rs): an item with `enable_when` is asked only
// when the item it points to was asked and answered, and the condition holds on that
// answer's number (a choice's value, a number, yes = 1 / no = 0, the sum of several choices).
import type { Definition, EnableWhen, QuestionnaireItem } from '../../api/types';

export type Answer = number | number[] | boolean | string;
export type Answers = Record<string, Answer | undefined>;

/** Whether an answer counts as given (empty text or an empty list does not). */
export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === 'number') return Number.isFinite(answer);
  return true;
}

/** The number the server compares in conditions; null for text and dates. */
export function numericValue(item: QuestionnaireItem, answer: Answer | undefined): number | null {
  if (!isAnswered(answer)) return null;
  switch (item.type) {
    case 'boolean':
      return answer === true ? 1 : 0;
    case 'multi_choice':
      return Array.isArray(answer) ? answer.reduce((a, b) => a + b, 0) : null;
    case 'text':
    case 'date':
      return null;
    default:
      return typeof answer === 'number' ? answer : null;
  }
}

/** Does `left <op> right` hold (for every operator but `answered`)? */
export function holds(op: EnableWhen['operator'], left: number, right: number): boolean {
  switch (op) {
    case 'eq':
      return Math.abs(left - right) < 1e-9;
    case 'ne':
      return Math.abs(left - right) >= 1e-9;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'answered':
      return true;
  }
}

/**
 * The items to ask, in order, given the answers so far. An item whose condition points at an
 * item that was not asked or not answered is not asked either.
 */
export function enabledItems(def: Pick<Definition, 'items'>, answers: Answers): QuestionnaireItem[] {
  const asked: QuestionnaireItem[] = [];
  const answered = new Map<string, QuestionnaireItem>();
  for (const item of def.items) {
    const ew = item.enable_when;
    let on = true;
    if (ew) {
      const target = answered.get(ew.item);
      if (!target) on = false;
      else if (ew.operator !== 'answered') {
        const left = numericValue(target, answers[ew.item]);
        on = left !== null && ew.value != null && holds(ew.operator, left, ew.value);
      }
    }
    if (!on) continue;
    asked.push(item);
    if (isAnswered(answers[item.key])) answered.set(item.key, item);
  }
  return asked;
}

/** The answers to send: only those of items that are asked (the server refuses the rest). */
export function prune(def: Pick<Definition, 'items'>, answers: Answers): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const item of enabledItems(def, answers)) {
    const a = answers[item.key];
    if (a !== undefined && isAnswered(a)) out[item.key] = typeof a === 'string' ? a.trim() : a;
  }
  return out;
}

/** Why Next cannot go on from this item yet, or null when it can. */
export function blockReason(item: QuestionnaireItem, answer: Answer | undefined): string | null {
  if (!isAnswered(answer)) return item.required ? 'Please answer this question to go on.' : null;
  if (item.type === 'integer' || item.type === 'decimal') {
    if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'Enter a number.';
    if (item.type === 'integer' && !Number.isInteger(answer)) return 'Enter a whole number.';
    if ((item.min != null && answer < item.min) || (item.max != null && answer > item.max)) {
      return `Enter a number from ${item.min ?? '…'} to ${item.max ?? '…'}.`;
    }
  }
  if (item.type === 'text' && typeof answer === 'string' && answer.length > 2000) {
    return 'Please keep this under 2000 characters.';
  }
  return null;
}

/** How an answer reads back on the review step. */
export function describeAnswer(item: QuestionnaireItem, answer: Answer | undefined): string {
  if (!isAnswered(answer)) return 'Not answered';
  const label = (v: number) => item.options?.find((o) => o.value === v)?.label ?? String(v);
  if (item.type === 'single_choice' && typeof answer === 'number') return label(answer);
  if (item.type === 'multi_choice' && Array.isArray(answer)) return answer.map(label).join(', ');
  if (item.type === 'boolean') return answer === true ? 'Yes' : 'No';
  return String(answer);
}

/** A stored answer (as the server keeps it) read back in words. */
export function storedAnswer(
  item: QuestionnaireItem,
  a: { value_number?: number | null; value_text?: string | null } | undefined,
): string {
  if (!a) return 'Not answered';
  if (item.type === 'multi_choice' && a.value_text) {
    try {
      return describeAnswer(item, JSON.parse(a.value_text) as number[]);
    } catch {
      return a.value_text;
    }
  }
  if (item.type === 'boolean' && a.value_number != null) return describeAnswer(item, a.value_number === 1);
  if (a.value_number != null) return describeAnswer(item, a.value_number);
  return a.value_text ?? 'Not answered';
}

/** How many questions a definition asks: always, optionally, and only after some answers. */
export interface QuestionCount {
  required: number;
  optional: number;
  /** Items asked only when an earlier answer calls for them (`enable_when`). */
  conditional: number;
}

export function questionCount(def: Pick<Definition, 'items'>): QuestionCount {
  const count: QuestionCount = { required: 0, optional: 0, conditional: 0 };
  for (const item of def.items) {
    if (item.enable_when) count.conditional += 1;
    else if (item.required === false) count.optional += 1;
    else count.required += 1;
  }
  return count;
}

/** "9 questions and 1 optional question", from the definition (never a hard-coded count). */
export function describeCount(c: QuestionCount): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const parts = [
    c.required > 0 ? n(c.required, 'question') : null,
    c.optional > 0 ? `${c.optional} optional question${c.optional === 1 ? '' : 's'}` : null,
  ].filter((p): p is string => p !== null);
  let text = parts.join(' and ');
  if (c.conditional > 0) {
    text = text
      ? `${text}, and up to ${c.conditional} more depending on your answers`
      : `${n(c.conditional, 'question')} depending on your answers`;
  }
  return text;
}
