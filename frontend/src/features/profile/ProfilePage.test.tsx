import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { ProfilePage } from './ProfilePage';

afterEach(() => resetSessionForTests());

const me = {
  id: 'u1',
  handle: 'ana',
  email: 'ana@example.org',
  email_verified: true,
  role: 'patient',
  created_at: '2026-11-30T00:00:00Z',
  profile: { visibility: 'members', birth_year: null, sex: null, country: null, notify_email: false },
  moderator_of: [],
};

describe('ProfilePage', () => {
  it('asks who can see a public profile before saving "Anyone", as the privacy centre does', async () => {
    const mock = stubFetch(async (req) =>
      req.method === 'PATCH' ? json({ ...me, profile: { ...me.profile, visibility: 'public' } }) : json(me),
    );
    const user = userEvent.setup();
    renderAt(<ProfilePage />);
    await user.click(await screen.findByLabelText('Anyone'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Answer this question/)).toBeInTheDocument();
    expect(requests(mock).filter((r) => r.method === 'PATCH')).toHaveLength(0);

    await user.click(screen.getByLabelText(/Anyone on the internet, including people without an account/));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your profile is saved.')).toBeInTheDocument();
    const patches = requests(mock).filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(await patches[0]!.json()).toEqual({ visibility: 'public' });
  });
});
