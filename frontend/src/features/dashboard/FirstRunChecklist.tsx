// A new member's first steps, each ticked from what the API says they have done (not from what
// they clicked here), until they hide the list (remembered on this device).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { User } from '../../api/types';
import { useMyConditions } from '../conditions/queries';
import { mKeys } from '../measurements/queries';
import { visibilityChosen } from '../privacy/visibility';
import { useMyResponses } from '../questionnaires/queries';

const HIDDEN_PREFIX = 'kindred.checklist-hidden.';

function isHidden(userId: string): boolean {
  try {
    return window.localStorage.getItem(HIDDEN_PREFIX + userId) === '1';
  } catch {
    return false;
  }
}

function hide(userId: string): void {
  try {
    window.localStorage.setItem(HIDDEN_PREFIX + userId, '1');
  } catch {
    // No storage: hidden for this visit only.
  }
}

export interface ChecklistItem {
  key: string;
  label: string;
  to: string;
  /** Null while not known yet. */
  done: boolean | null;
}

/** The steps, in order, from what is known of the member (undefined: still loading). */
export function checklistItems(facts: {
  conditions?: number | undefined;
  readings?: number | undefined;
  responses?: number | undefined;
  visibilityChosen: boolean;
  communities?: number | undefined;
}): ChecklistItem[] {
  const some = (n: number | undefined) => (n === undefined ? null : n > 0);
  return [
    { key: 'condition', label: 'Add a condition', to: '/onboarding/conditions', done: some(facts.conditions) },
    { key: 'reading', label: 'Log a first reading', to: '/measurements', done: some(facts.readings) },
    { key: 'questionnaire', label: 'Answer a questionnaire', to: '/questionnaires', done: some(facts.responses) },
    { key: 'visibility', label: 'Choose who sees your profile', to: '/privacy/visibility', done: facts.visibilityChosen },
    { key: 'community', label: 'Join a community', to: '/communities', done: some(facts.communities) },
  ];
}

export function FirstRunChecklist({ user }: { user: User }) {
  const [hidden, setHidden] = useState(() => isHidden(user.id));
  const conditions = useMyConditions();
  const readings = useQuery({
    queryKey: [...mKeys.all, 'any'],
    queryFn: () => unwrap(api.GET('/api/v1/me/measurements', { params: { query: { limit: 1 } } })),
    enabled: !hidden,
  });
  const responses = useMyResponses();
  const communities = useQuery({
    queryKey: ['me', 'communities'],
    queryFn: () => unwrap(api.GET('/api/v1/me/communities')),
    enabled: !hidden,
  });
  if (hidden) return null;
  const items = checklistItems({
    conditions: conditions.data?.items.length,
    readings: readings.data?.items.length,
    responses: responses.data?.items.length,
    visibilityChosen: visibilityChosen(user),
    communities: communities.data?.member_of.length,
  });
  const done = items.filter((i) => i.done).length;
  return (
    <section aria-labelledby="checklist-heading" className="panel checklist">
      <h2 id="checklist-heading">Getting started</h2>
      <p className="muted">
        {done === items.length
          ? 'All done: you have everything set up.'
          : `${done} of ${items.length} done. Each step is ticked when you have done it, wherever you did it.`}
      </p>
      <ul className="checklist-items">
        {items.map((i) => (
          <li key={i.key} className={i.done ? 'checklist-done' : undefined}>
            <span className="checklist-mark" data-done={i.done ? 'true' : 'false'} aria-hidden="true">
              {i.done ? '✓' : ''}
            </span>
            <span className="visually-hidden">{i.done === null ? 'Checking: ' : i.done ? 'Done: ' : 'To do: '}</span>
            <Link to={i.to}>{i.label}</Link>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          hide(user.id);
          setHidden(true);
        }}
      >
        Hide this checklist
      </button>
    </section>
  );
}
