// Scoring rules of a questionnaire definition that the browser needs before the server has
// answered: the instrument's score range (for the score chart's axis) and the flag rules (so
// crisis help shows as soon as an answer raises the crisis flag, not only after sending).
//
// Mirrors backend/domain/src/questionnaire/evaluate.rs (`evaluate`: scores, subscores, flags)
// and validate.rs (`item_range`, `total_items`, `score_range`): the server stays the
// authority; the stored response carries the flags it raised.
import type { Definition, QuestionnaireItem } from '../../api/types';
import { enabledItems, holds, isAnswered, numericValue, prune, type Answers } from './flow';

/** The flags that mean "show crisis help now" (the server's `show_crisis_resources`). */
export const CRISIS_FLAGS: readonly string[] = ['self_harm_risk'];

/** Whether any of `flags` is a crisis flag. */
export function hasCrisisFlag(flags: readonly string[] | null | undefined): boolean {
  return (flags ?? []).some((f) => CRISIS_FLAGS.includes(f));
}

type Def = Pick<Definition, 'items' | 'scoring'> & Partial<Pick<Definition, 'flags' | 'bands'>>;

const isScorable = (item: QuestionnaireItem) => item.type !== 'text' && item.type !== 'date';

/** The lowest and highest raw score of an item, when known (server: `item_range`). */
export function itemRange(item: QuestionnaireItem): [number, number] | null {
  const values = (item.options ?? []).map((o) => o.value);
  switch (item.type) {
    case 'single_choice':
      return values.length > 0 ? [Math.min(...values), Math.max(...values)] : null;
    case 'multi_choice':
      return [values.filter((v) => v < 0).reduce((a, b) => a + b, 0), values.filter((v) => v > 0).reduce((a, b) => a + b, 0)];
    case 'integer':
    case 'decimal':
      return item.min != null && item.max != null ? [item.min, item.max] : null;
    case 'boolean':
      return [0, 1];
    default:
      return null;
  }
}

/** The items in the total score (server: `total_items`). */
export function totalItems(def: Pick<Definition, 'items' | 'scoring'>): QuestionnaireItem[] {
  const keys = def.scoring.items;
  if (keys) return keys.map((k) => def.items.find((i) => i.key === k)).filter((i): i is QuestionnaireItem => !!i);
  return def.items.filter((i) => i.scored !== false && isScorable(i));
}

/** The lowest and highest possible total score (server: `score_range`). */
export function scoreRange(def: Pick<Definition, 'items' | 'scoring'>): [number, number] {
  const items = totalItems(def);
  let lo = 0;
  let hi = 0;
  for (const item of items) {
    const r = itemRange(item);
    if (r) {
      lo += r[0];
      hi += r[1];
    }
  }
  if (def.scoring.method === 'mean') return items.length > 0 ? [lo / items.length, hi / items.length] : [0, 0];
  return [lo, hi];
}

/**
 * The y axis of a score chart: the instrument's whole score range, widened to its bands (and
 * to any score outside both, so no point is off the chart).
 */
export function scoreAxis(def: Def, scores: readonly (number | null | undefined)[] = []): [number, number] {
  let [lo, hi] = scoreRange(def);
  for (const b of def.bands ?? []) {
    lo = Math.min(lo, b.min);
    hi = Math.max(hi, b.max);
  }
  for (const s of scores) {
    if (typeof s !== 'number' || !Number.isFinite(s)) continue;
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

function aggregate(method: 'sum' | 'mean', values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return method === 'sum' ? sum : Math.round((sum / values.length) * 100) / 100;
}

/**
 * The flags the definition's rules raise on the answers given so far, as the server would on
 * these answers (first-raised order, each once). Answers of items that are not asked are
 * left out, as they are when sending.
 *
 * A rule on an item tests its raw numeric answer as soon as it is given. A rule on a
 * subscale or on the total waits until every item of it that is asked and required has an
 * answer: a partial total is not the score.
 */
export function raisedFlags(def: Def, answers: Answers): string[] {
  const given = prune(def, answers);
  const asked = new Set(Object.keys(given));
  const raw = (key: string): number | null => {
    const item = def.items.find((i) => i.key === key);
    return item && asked.has(key) ? numericValue(item, given[key]) : null;
  };
  const scored = (key: string): number | null => {
    const item = def.items.find((i) => i.key === key);
    const v = raw(key);
    if (!item || v === null) return null;
    const r = itemRange(item);
    return item.reverse && r ? r[0] + r[1] - v : v;
  };
  // Complete: no asked, required item of the set is still unanswered. An item not asked at
  // all (its condition does not hold) does not count; prune() already dropped its answer.
  const enabled = new Set(enabledItems(def, answers).map((i) => i.key));
  const complete = (keys: readonly string[]) =>
    keys.every((k) => {
      const item = def.items.find((i) => i.key === k);
      return !item || !enabled.has(k) || item.required === false || isAnswered(given[k]);
    });
  const valuesOf = (keys: readonly string[]) => keys.map(scored).filter((v): v is number => v !== null);

  const totalKeys = totalItems(def).map((i) => i.key);
  const flags: string[] = [];
  for (const rule of def.flags ?? []) {
    let left: number | null = null;
    if (rule.item) {
      left = raw(rule.item);
    } else if (rule.subscale) {
      const sub = def.scoring.subscales?.find((s) => s.key === rule.subscale);
      if (sub && complete(sub.items)) left = aggregate(sub.method, valuesOf(sub.items));
    } else if (complete(totalKeys)) {
      left = aggregate(def.scoring.method, valuesOf(totalKeys));
    }
    if (left !== null && holds(rule.operator, left, rule.value) && !flags.includes(rule.flag)) flags.push(rule.flag);
  }
  return flags;
}
