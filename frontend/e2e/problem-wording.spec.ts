// A failed request on a page without a form says what happened in plain words; "please check
// your answers" is only for forms with fields to point at.
import { expect, test } from '@playwright/test';
import { PASSWORD, registerVerified, signIn, uniqueUser, unexpected, watchConsole } from './helpers';
import { waitForLink } from './mailbox';

test('a confirmation link opened a second time says it was already used', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = uniqueUser('reused');
  expect((await request.post('/api/v1/auth/register', { data: { ...user, password: PASSWORD } })).status()).toBe(202);
  const link = await waitForLink(user.email, /\/verify-email\?token=/);
  const token = new URL(link).searchParams.get('token');
  expect((await request.post('/api/v1/auth/verify-email', { data: { token } })).status()).toBe(200);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('This link was already used');
  await expect(alert).not.toContainText(/check your answers|see errors|fields/i);
  expect(unexpected(errors)).toEqual([]);
});

test('a chart that fails to load explains the problem without pointing at a form', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);
  // The chart's request is refused as the server refuses a bad query.
  await page.route(/\/api\/v1\/me\/measurements\?.*from=/, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'urn:kindred:problem:validation_failed',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        detail: 'Some fields are invalid; see errors.',
        errors: [{ field: 'from', code: 'invalid', message: 'The start of the period is not a valid time.' }],
      }),
    }),
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurements' }).click();
  const chart = page.getByRole('region', { name: /over time/ });
  const alert = chart.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('The start of the period is not a valid time.');
  await expect(alert).not.toContainText(/check your answers|see errors/i);
  expect(unexpected(errors)).toEqual([]);
});
