import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import type { User } from '../../api/types';
import { json, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { checklistItems, FirstRunChecklist } from './FirstRunChecklist';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

const user = {
  id: 'u1',
  handle: 'ana',
  email_verified: true,
  role: 'patient',
  created_at: '2026-11-30T00:00:00Z',
  profile: { visibility: 'private', notify_email: false },
} as User;

/** The member's data: one condition, no reading, no answer, one community. */
function stubData() {
  return stubFetch((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/me/conditions') return json({ items: [{ id: 'c1' }] });
    if (path === '/api/v1/me/measurements') return json({ items: [], next_cursor: null });
    if (path === '/api/v1/me/responses') return json({ items: [], next_cursor: null });
    if (path === '/api/v1/me/communities') return json({ member_of: [{ slug: 'welcome' }], moderator_of: [] });
    return json({}, 404);
  });
}

describe('checklistItems', () => {
  it('ticks each step from the member’s data, unknown while loading', () => {
    const items = checklistItems({ conditions: 1, readings: 0, responses: undefined, visibilityChosen: true, communities: 2 });
    expect(items.map((i) => [i.label, i.done])).toEqual([
      ['Add a condition', true],
      ['Log a first reading', false],
      ['Answer a questionnaire', null],
      ['Choose who sees your profile', true],
      ['Join a community', true],
    ]);
  });
});

describe('FirstRunChecklist', () => {
  it('shows what is done and what is left, each linked', async () => {
    stubData();
    renderAt(<FirstRunChecklist user={user} />);
    const region = screen.getByRole('region', { name: 'Getting started' });
    await waitFor(() => expect(region).toHaveTextContent('2 of 5 done'));
    const items = within(region).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '✓Done: Add a condition',
      'To do: Log a first reading',
      'To do: Answer a questionnaire',
      'To do: Choose who sees your profile',
      '✓Done: Join a community',
    ]);
    expect(within(region).getByRole('link', { name: 'Log a first reading' })).toHaveAttribute('href', '/measurements');
    expect(within(region).getByRole('link', { name: 'Choose who sees your profile' })).toHaveAttribute(
      'href',
      '/privacy/visibility',
    );
  });

  it('is hidden for good once the member hides it', async () => {
    stubData();
    const u = userEvent.setup();
    const first = renderAt(<FirstRunChecklist user={user} />);
    await u.click(screen.getByRole('button', { name: 'Hide this checklist' }));
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull();
    first.unmount();
    renderAt(<FirstRunChecklist user={user} />);
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull();
    // Another member on this device still sees theirs.
    renderAt(<FirstRunChecklist user={{ ...user, id: 'u2' }} />);
    expect(screen.getByRole('region', { name: 'Getting started' })).toBeInTheDocument();
  });
});
