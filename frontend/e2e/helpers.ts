import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForLink } from './mailbox';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = resolve(here, '../../docs/screenshots');

export const PASSWORD = 'quiet river maple lantern';

export function uniqueUser(prefix = 'e2e') {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { email: `${prefix}-${id}@example.org`, handle: `${prefix}_${id}`.slice(0, 30), password: PASSWORD };
}

/** Fails on any serious or critical axe violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Saves a full-page screenshot to docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Collects console errors and CSP violations, so tests can assert the page ran cleanly. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Errors other than the browser's own log lines for 4xx answers (the signed-out session check
 * on page load is a 401; tests provoke 422s on purpose). 5xx answers, script errors and CSP
 * violations stay.
 */
export function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

/** Registers and verifies an account through the API (for tests that start signed out). */
export async function registerVerified(request: APIRequestContext, user = uniqueUser()) {
  const res = await request.post('/api/v1/auth/register', { data: user });
  expect(res.status()).toBe(202);
  const link = await waitForLink(user.email, /\/verify-email\?token=/);
  const token = new URL(link).searchParams.get('token');
  const v = await request.post('/api/v1/auth/verify-email', { data: { token } });
  expect(v.status()).toBe(200);
  return user;
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  // Let the dashboard's own requests finish: a journey that navigates on at once makes the
  // browser abort them, which the journeys' "no failed requests" checks would count.
  await page.waitForLoadState('networkidle');
}

/** The demo world's logins (`kindred seed demo`, run by playwright.config.ts). */
export const DEMO_PASSWORD = 'kindred-demo-garden-2026';
export const DEMO_ADMIN = { email: 'admin@demo.kindred.example', password: DEMO_PASSWORD };

/** Signs in through the API and returns the access token (for setting up what a test needs). */
export async function apiToken(request: APIRequestContext, user: { email: string; password: string }): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** A call to the API as the holder of `token`; fails the test unless it answers `status`. */
export async function apiCall<T = unknown>(
  request: APIRequestContext,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  status = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await request.fetch(`/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
    ...(data === undefined ? {} : { data }),
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/**
 * A new verified researcher: registers, applies with `institution`, and the demo admin approves.
 * Returns the account and a token issued after the approval (so it carries the researcher role).
 */
export async function verifiedResearcher(
  request: APIRequestContext,
  adminToken: string,
  institution: string,
  statement: string,
) {
  const owner = await registerVerified(request, uniqueUser('rsch'));
  const ownerToken = await apiToken(request, owner);
  const tag = owner.email.split('@')[0];
  const application = await apiCall<{ id: string }>(request, ownerToken, 'POST', '/researcher/application', {
    institution,
    title: 'Research fellow',
    institutional_email: `fellow.${tag}@research.example.org`,
    statement,
  });
  await apiCall(request, adminToken, 'POST', `/admin/researchers/${application.id}/approve`, undefined, 200);
  return { owner, token: await apiToken(request, owner) };
}

/** Axe in the light and the dark theme (the page is left in the light one). */
export async function expectNoSeriousA11yViolationsInBothThemes(page: Page) {
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousA11yViolations(page);
  }
}

/** A person of a journey: their own browser context and page, with console errors watched. */
export async function personPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  return { context, page, errors: watchConsole(page) };
}

/** Every script the page loaded (to check what a patient downloads). */
export function watchScripts(page: Page): string[] {
  const urls: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) urls.push(r.url());
  });
  return urls;
}
