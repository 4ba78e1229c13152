import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import type { User } from '../../api/types';
import { json, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { visibilityChosen } from './visibility';
import { VisibilityPrompt } from './VisibilityPrompt';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

const user = {
  id: 'u1',
  handle: 'ana',
  email: 'ana@example.org',
  email_verified: true,
  role: 'patient',
  created_at: '2026-11-30T00:00:00Z',
  profile: { visibility: 'private', notify_email: false, visibility_chosen: false },
} as User;

describe('VisibilityPrompt', () => {
  it('says the profile is private and emails are off, and saves "Only me" as a choice', async () => {
    const mock = stubFetch(async (req) => {
      const body = (await req.clone().json()) as { visibility: string };
      return json({ ...user, profile: { ...user.profile, visibility: body.visibility, visibility_chosen: true } });
    });
    const onChosen = vi.fn();
    const u = userEvent.setup();
    renderAt(<VisibilityPrompt user={user} onChosen={onChosen} />);
    const region = screen.getByRole('region', { name: 'Who may see your profile?' });
    expect(region).toHaveTextContent('Your profile is private: only you can see it.');
    expect(region).toHaveTextContent('Emails about replies, study invitations and moderation are off.');
    expect(screen.getByLabelText('Only me')).toBeChecked();
    expect(visibilityChosen(user)).toBe(false);
    await u.click(screen.getByRole('button', { name: 'Save my choice' }));
    expect(onChosen).toHaveBeenCalledWith('Saved. Who can see your profile: Only me.');
    const sent = requests(mock);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('PATCH');
    expect(await sent[0]!.json()).toEqual({ visibility: 'private' });
    expect(visibilityChosen({ ...user, profile: { ...user.profile, visibility_chosen: true } })).toBe(true);
  });

  it('asks the question before "Anyone", then saves the choice', async () => {
    const mock = stubFetch(async (req) => {
      const body = (await req.clone().json()) as { visibility: string };
      return json({ ...user, profile: { ...user.profile, visibility: body.visibility } });
    });
    const onChosen = vi.fn();
    const u = userEvent.setup();
    renderAt(<VisibilityPrompt user={user} onChosen={onChosen} />);
    await u.click(screen.getByLabelText('Anyone'));
    await u.click(screen.getByLabelText('Only people signed in to Kindred'));
    await u.click(screen.getByRole('button', { name: 'Save my choice' }));
    expect(await screen.findByText(/Not quite\. A public profile is open to anyone on the internet/)).toBeInTheDocument();
    expect(screen.getByText(/choose “Signed-in members”/)).toBeInTheDocument();
    expect(requests(mock)).toHaveLength(0);
    await u.click(screen.getByLabelText('Signed-in members'));
    await u.click(screen.getByRole('button', { name: 'Save my choice' }));
    await vi.waitFor(() => expect(onChosen).toHaveBeenCalledWith('Saved. Who can see your profile: Signed-in members.'));
    expect(await requests(mock)[0]!.json()).toEqual({ visibility: 'members' });
  });
});

describe('visibilityChosen', () => {
  const member = (visibility: 'private' | 'members' | 'public', visibility_chosen = false) => ({
    id: 'u2',
    profile: { visibility, visibility_chosen },
  });

  it('counts anything but the private default as chosen, and "Only me" once the server says so', () => {
    expect(visibilityChosen(member('members'))).toBe(true);
    expect(visibilityChosen(member('public'))).toBe(true);
    expect(visibilityChosen(member('private'))).toBe(false);
    expect(visibilityChosen(member('private', true))).toBe(true);
  });

  it('remembers a choice this browser made before the server kept it', () => {
    window.localStorage.setItem('kindred.visibility-chosen.u2', '1');
    expect(visibilityChosen(member('private'))).toBe(true);
    window.localStorage.removeItem('kindred.visibility-chosen.u2');
  });
});
