// The signed-in session: the access token lives in this module's memory only (never in
// storage); the refresh token is an HttpOnly cookie the browser sends to /api/v1/auth.
//
// A refresh token works once, and presenting a used one ends the whole session, so every
// caller shares one refresh in flight (single-flight), and tabs take turns through a Web Lock.
import type { AuthResponse, User } from './types';

export const API_PREFIX = '/api/v1';
export const REFRESH_PATH = `${API_PREFIX}/auth/refresh`;

type Listener = (user: User | null) => void;

/** Why the last session ended: the member chose to, or null (expired / revoked elsewhere). */
export type SessionEndReason = 'signed_out' | 'deleted' | null;

let accessToken: string | null = null;
let currentUser: User | null = null;
let inflight: Promise<AuthResponse | null> | null = null;
let endReason: SessionEndReason = null;
const listeners = new Set<Listener>();

/** The page's own origin, so relative API paths work in browsers and in tests alike. */
export function origin(): string {
  return typeof window !== 'undefined' ? window.location.origin : 'http://localhost';
}

/** The readable cookie the server sets next to the HttpOnly refresh cookie (no secret in it). */
export const SESSION_HINT_COOKIE = 'kindred_session';

/** True when this browser holds a session the refresh cookie can restore. */
export function hasSessionHint(cookies: string = typeof document !== 'undefined' ? document.cookie : ''): boolean {
  return cookies.split(';').some((c) => c.trim() === `${SESSION_HINT_COOKIE}=1`);
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getUser(): User | null {
  return currentUser;
}

function emit(): void {
  for (const l of listeners) l(currentUser);
}

/** Stores the tokens from a login, refresh or password change. */
export function setSession(auth: AuthResponse): void {
  endReason = null;
  accessToken = auth.access_token;
  currentUser = auth.user;
  emit();
}

/** Replaces the cached account (after a profile change). */
export function setUser(user: User): void {
  currentUser = user;
  emit();
}

/** Forgets the session in this tab (the server side is ended by logout). */
export function clearSession(reason: SessionEndReason = null): void {
  endReason = reason;
  accessToken = null;
  currentUser = null;
  emit();
}

export function getEndReason(): SessionEndReason {
  return endReason;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

async function postRefresh(): Promise<AuthResponse | null> {
  let res: Response;
  try {
    res = await fetch(new URL(REFRESH_PATH, origin()), {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{}',
    });
  } catch {
    // Offline: keep what we have; the next request tries again.
    return null;
  }
  if (res.ok) {
    const auth = (await res.json()) as AuthResponse;
    setSession(auth);
    return auth;
  }
  if (res.status === 401 || res.status === 403) clearSession();
  return null;
}

function withTabLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request('kindred-refresh', fn) as Promise<T>;
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers share one request.
 * Resolves to null when there is no live session (the session is then cleared).
 */
export function refreshSession(): Promise<AuthResponse | null> {
  if (!inflight) {
    inflight = withTabLock(postRefresh).finally(() => {
      inflight = null;
    });
  }
  return inflight;
}

// Answers from these mean "wrong credentials", not "token expired": never refresh for them.
function refreshable(url: string): boolean {
  const path = new URL(url).pathname;
  return !path.startsWith(`${API_PREFIX}/auth/`) || path === `${API_PREFIX}/auth/logout`;
}

function authorized(req: Request, token: string | null): Request {
  if (token) req.headers.set('Authorization', `Bearer ${token}`);
  else req.headers.delete('Authorization');
  return req;
}

/**
 * The fetch used by the API client: adds the bearer token, and on a 401 refreshes once
 * (shared with every other caller) and retries the request with the new token.
 */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const used = accessToken;
  const first = await fetch(authorized(input, used));
  if (first.status !== 401 || !refreshable(input.url)) return first;

  // Another caller may already have refreshed while this request was out.
  let token = accessToken !== used ? accessToken : null;
  if (!token) token = (await refreshSession())?.access_token ?? null;
  if (!token) return first;
  return fetch(authorized(retry, token));
}

/** Test hook: forget everything. */
export function resetSessionForTests(): void {
  accessToken = null;
  currentUser = null;
  inflight = null;
  endReason = null;
  listeners.clear();
}
