import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { unwrap } from './problem';
import {
  getAccessToken,
  getUser,
  hasSessionHint,
  refreshSession,
  resetSessionForTests,
  setSession,
} from './session';
import type { AuthResponse } from './types';
import { json, problem, requests, stubFetch } from '../test/http';

const user = {
  id: 'u1',
  email: 'ann@example.org',
  handle: 'ann',
  role: 'patient',
  email_verified: true,
  created_at: '2024-01-01T00:00:00Z',
  profile: { visibility: 'members', notify_email: true, visibility_chosen: true },
} satisfies AuthResponse['user'];

const auth = (token: string): AuthResponse => ({
  access_token: token,
  token_type: 'Bearer',
  expires_in: 600,
  refresh_token: `r-${token}`,
  user,
});

beforeEach(() => resetSessionForTests());
afterEach(() => resetSessionForTests());

describe('authFetch', () => {
  it('sends the access token as a bearer header', async () => {
    setSession(auth('t1'));
    const mock = stubFetch(() => json(user));
    await unwrap(api.GET('/api/v1/me'));
    expect(requests(mock)[0]!.headers.get('Authorization')).toBe('Bearer t1');
  });

  it('shares one refresh between concurrent 401s and retries each request', async () => {
    setSession(auth('old'));
    let refreshes = 0;
    let refused = 0; // first attempts answered 401
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const mock = stubFetch(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') {
        refreshes++;
        expect(req.credentials).toBe('include');
        expect(await req.text()).toBe('{}');
        await gate; // hold the refresh open until every request has hit its 401
        return json(auth('new'));
      }
      const token = req.headers.get('Authorization');
      if (token !== 'Bearer new') {
        refused++;
        return problem(401, 'unauthorized');
      }
      if (path === '/api/v1/me') return json(user);
      if (path === '/api/v1/me/sessions') return json({ items: [] });
      return json({ items: [] });
    });

    const calls = Promise.all([
      unwrap(api.GET('/api/v1/me')),
      unwrap(api.GET('/api/v1/me/sessions')),
      unwrap(api.GET('/api/v1/me/conditions')),
    ]);
    // Hold the refresh until all three first attempts have come back 401 and the refresh has
    // been asked for, however long that takes (a count, not a guess at a delay). waitFor checks
    // between tasks, so by then each request has also joined the pending refresh.
    await vi.waitFor(() => {
      expect(refused).toBe(3);
      expect(refreshes).toBeGreaterThan(0);
    });
    release();
    const [me, sessions, conditions] = await calls;

    expect(refreshes).toBe(1);
    expect(me.handle).toBe('ann');
    expect(sessions.items).toEqual([]);
    expect(conditions.items).toEqual([]);
    expect(getAccessToken()).toBe('new');
    // 3 first tries + 1 refresh + 3 retries
    expect(mock).toHaveBeenCalledTimes(7);
  });

  it('retries a POST with its body intact after refreshing', async () => {
    setSession(auth('old'));
    const bodies: string[] = [];
    stubFetch(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') return json(auth('new'));
      bodies.push(await req.text());
      if (req.headers.get('Authorization') !== 'Bearer new') return problem(401, 'unauthorized');
      return json({ id: 'c1', condition: { id: '1', slug: 'asthma', name: 'Asthma', icd10: 'J45' }, status: 'active', primary: true }, 201);
    });
    const added = await unwrap(
      api.POST('/api/v1/me/conditions', { body: { condition: 'asthma', status: 'active' } }),
    );
    expect(added.condition.slug).toBe('asthma');
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[1]!)).toEqual({ condition: 'asthma', status: 'active' });
  });

  it('clears the session when the refresh is refused, and surfaces the 401', async () => {
    setSession(auth('old'));
    const mock = stubFetch((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh'
        ? problem(401, 'unauthorized')
        : problem(401, 'unauthorized'),
    );
    await expect(unwrap(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });
    expect(getAccessToken()).toBeNull();
    expect(getUser()).toBeNull();
    expect(mock).toHaveBeenCalledTimes(2);
  });

  it('never refreshes for a failed login', async () => {
    const mock = stubFetch(() => problem(401, 'invalid_credentials'));
    await expect(
      unwrap(api.POST('/api/v1/auth/login', { body: { email: 'a@b.org', password: 'x' } })),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(mock).toHaveBeenCalledTimes(1);
  });

  it('restores a session from the cookie and starts a new refresh after the last one ended', async () => {
    let n = 0;
    const mock = stubFetch(() => json(auth(`t${++n}`)));
    const [a, b] = await Promise.all([refreshSession(), refreshSession()]);
    expect(a).toBe(b);
    expect(getUser()?.handle).toBe('ann');
    expect(mock).toHaveBeenCalledTimes(1);
    await refreshSession();
    expect(mock).toHaveBeenCalledTimes(2);
    expect(getAccessToken()).toBe('t2');
  });
});

describe('hasSessionHint', () => {
  it('is true only when the kindred_session=1 cookie is present', () => {
    expect(hasSessionHint('')).toBe(false);
    expect(hasSessionHint('theme=dark')).toBe(false);
    expect(hasSessionHint('kindred_session=1')).toBe(true);
    expect(hasSessionHint('theme=dark; kindred_session=1')).toBe(true);
    expect(hasSessionHint('kindred_session=10')).toBe(false);
    expect(hasSessionHint('xkindred_session=1')).toBe(false);
  });
});
