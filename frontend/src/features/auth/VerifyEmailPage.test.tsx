import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getUser, resetSessionForTests, setSession } from '../../api/session';
import type { User } from '../../api/types';
import { json, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { AuthProvider } from './AuthProvider';
import { VerifyEmailPage } from './VerifyEmailPage';

afterEach(() => resetSessionForTests());

const member = {
  id: 'u1',
  handle: 'ana',
  email: 'ana@example.org',
  email_verified: false,
  role: 'patient',
  created_at: '2026-11-30T00:00:00Z',
  profile: { visibility: 'private', birth_year: null, sex: null, country: null, notify_email: false },
} as unknown as User;

function setup() {
  return renderRoutes(
    [
      {
        path: '/verify-email',
        element: (
          <AuthProvider>
            <VerifyEmailPage />
          </AuthProvider>
        ),
      },
    ],
    '/verify-email?token=abc',
  );
}

describe('VerifyEmailPage', () => {
  it('signs this browser out after confirming, since the server ended every earlier session', async () => {
    const mock = stubFetch((req) =>
      req.url.endsWith('/auth/logout') ? json(null, 204) : json({ verified: true }),
    );
    setSession({
      access_token: 't',
      token_type: 'Bearer',
      expires_in: 600,
      refresh_token: 'r',
      user: member,
    });
    setup();
    expect(await screen.findByText('Your email address is confirmed.')).toBeInTheDocument();
    expect(screen.getByText(/every earlier sign-in to this account has ended/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    await waitFor(() => expect(getUser()).toBeNull());
    expect(requests(mock).map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/auth/verify-email',
      '/api/v1/auth/logout',
    ]);
  });

  it('sends no sign-out when nobody was signed in', async () => {
    const mock = stubFetch(() => json({ verified: true }));
    setup();
    expect(await screen.findByText('Your email address is confirmed.')).toBeInTheDocument();
    expect(requests(mock).map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/auth/verify-email']);
  });
});
