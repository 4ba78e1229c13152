import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { ProfilePage, timeZoneChoices } from './ProfilePage';

afterEach(() => {
  resetSessionForTests();
  vi.restoreAllMocks();
  window.localStorage.clear();
});

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

  it('starts a new account private with emails off, and says what each choice shows to whom', async () => {
    stubFetch(async () => json({ ...me, profile: { ...me.profile, visibility: 'private' } }));
    renderAt(<ProfilePage />);
    expect(await screen.findByLabelText('Only me')).toBeChecked();
    expect(screen.getByLabelText('Signed-in members')).not.toBeChecked();
    expect(screen.getByLabelText(/Send me emails/)).not.toBeChecked();
    expect(screen.getByLabelText('Only me')).toHaveAccessibleDescription(/Nobody else can see your profile: not other members, not visitors\./);
    expect(screen.getByLabelText('Signed-in members')).toHaveAccessibleDescription(
      'People signed in to Kindred can see your profile: your handle and the conditions you added.',
    );
    expect(screen.getByText(/measurements and questionnaire answers are never shown on your profile/)).toBeInTheDocument();
  });

  it('sends the choice of who sees the profile to the server, which keeps it for the account', async () => {
    const mock = stubFetch(async (req) =>
      req.method === 'PATCH'
        ? json({ ...me, profile: { ...me.profile, visibility: 'private', visibility_chosen: true } })
        : json(me),
    );
    const user = userEvent.setup();
    renderAt(<ProfilePage />);
    await user.click(await screen.findByLabelText('Only me'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your profile is saved.')).toBeInTheDocument();
    const patch = requests(mock).find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toMatchObject({ visibility: 'private' });
  });

  it('sets the time zone, suggesting the device’s, and clears it', async () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
      ...new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).resolvedOptions(),
      timeZone: 'Europe/Berlin',
    });
    const mock = stubFetch(async (req) => {
      if (req.method !== 'PATCH') return json(me);
      const body = (await req.clone().json()) as { time_zone: string | null };
      return json({ ...me, profile: { ...me.profile, time_zone: body.time_zone } });
    });
    const user = userEvent.setup();
    renderAt(<ProfilePage />);
    const zone = await screen.findByLabelText('Time zone');
    expect(zone).toHaveValue('');
    await user.click(screen.getByRole('button', { name: /^Use Europe\/Berlin/ }));
    expect(zone).toHaveValue('Europe/Berlin');
    // The device's zone is chosen: nothing left to suggest.
    expect(screen.queryByRole('button', { name: /^Use Europe\/Berlin/ })).toBeNull();
    await user.selectOptions(zone, 'Asia/Tokyo');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your profile is saved.')).toBeInTheDocument();
    await user.selectOptions(zone, '');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Your profile is saved.');
    const patches = requests(mock).filter((r) => r.method === 'PATCH');
    expect(await Promise.all(patches.map((p) => p.json()))).toEqual([{ time_zone: 'Asia/Tokyo' }, { time_zone: null }]);
  });
});

describe('timeZoneChoices', () => {
  it('lists the zones the browser knows, sorted, with the ones it does not among them', () => {
    const zones = timeZoneChoices('Etc/Unknown', null);
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/Unknown');
    expect([...zones].sort((a, b) => a.localeCompare(b))).toEqual(zones);
  });
});
