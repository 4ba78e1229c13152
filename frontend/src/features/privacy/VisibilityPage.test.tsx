import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { VisibilityPage } from './VisibilityPage';

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

describe('VisibilityPage', () => {
  it('asks who can see a public profile before saving "Anyone", and explains a wrong answer', async () => {
    const mock = stubFetch(async (req) => {
      if (req.method === 'PATCH') {
        const body = (await req.clone().json()) as { visibility: string };
        return json({ ...me, profile: { ...me.profile, visibility: body.visibility } });
      }
      return json(me);
    });
    const user = userEvent.setup();
    renderAt(<VisibilityPage />);
    expect(await screen.findByLabelText('Signed-in members')).toBeChecked();
    expect(screen.queryByRole('group', { name: /who can see your profile\?/ })).toBeNull();

    await user.click(screen.getByLabelText('Anyone'));
    const question = screen.getByRole('group', { name: /If you choose “Anyone”, who can see your profile\?/ });
    expect(question).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Answer this question/)).toBeInTheDocument();

    await user.click(screen.getByLabelText('Only people signed in to Kindred'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not quite\. A public profile is open to anyone on the internet/)).toBeInTheDocument();
    expect(requests(mock).filter((r) => r.method === 'PATCH')).toHaveLength(0);

    await user.click(screen.getByLabelText(/Anyone on the internet, including people without an account/));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. Who can see your profile: Anyone.')).toBeInTheDocument();
    const patches = requests(mock).filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(await patches[0]!.json()).toEqual({ visibility: 'public' });
  });

  it('saves a more private choice without a question', async () => {
    const mock = stubFetch(async (req) =>
      req.method === 'PATCH' ? json({ ...me, profile: { ...me.profile, visibility: 'private' } }) : json(me),
    );
    const user = userEvent.setup();
    renderAt(<VisibilityPage />);
    await user.click(await screen.findByLabelText('Only me'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. Who can see your profile: Only me.')).toBeInTheDocument();
    expect(requests(mock).filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});
