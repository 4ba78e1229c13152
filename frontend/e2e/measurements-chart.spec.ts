// The lazily loaded chart, fed by readings logged through the API.
import { expect, test } from '@playwright/test';
import {
  expectNoSeriousA11yViolations,
  registerVerified,
  screenshot,
  signIn,
  unexpected,
  watchConsole,
} from './helpers';

test('a year of blood pressure renders as weekly summaries, as a chart and a table', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const login = await request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  const now = Date.now();
  const readings = Array.from({ length: 12 }, (_, i) => ({
    type: 'blood_pressure',
    components: { systolic: 118 + (i % 5) * 3, diastolic: 76 + (i % 3) * 2 },
    taken_at: new Date(now - (i * 5 + 1) * 86_400_000).toISOString(),
    client_id: `e2e-bp-${i}`,
  }));
  const batch = await request.post('/api/v1/me/measurements/batch', {
    headers: { Authorization: `Bearer ${access_token}` },
    data: { items: readings },
  });
  expect(batch.status(), await batch.text()).toBeLessThan(300);

  await signIn(page, user);
  const chunk = page.waitForResponse((r) => /TimeSeriesChart-.*\.js$/.test(r.url()));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurements' }).click();
  await page.getByRole('combobox', { name: 'Measurement', exact: true }).selectOption({ label: 'Blood pressure' });
  expect((await chunk).status()).toBe(200);
  await page.getByRole('button', { name: '1 year' }).click();
  await expect(page.getByRole('button', { name: '1 year' })).toHaveAttribute('aria-pressed', 'true');

  const figure = page.getByRole('figure');
  await expect(figure).toContainText('Blood pressure, last 1 year');
  await expect(figure.locator('canvas').first()).toBeVisible();
  await figure.getByText('Show the numbers').click();
  const rows = figure.getByRole('table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  await expect(figure.getByRole('columnheader', { name: /Systolic.*average/i })).toBeVisible();
  await screenshot(page, 'measurements-chart');
  await expectNoSeriousA11yViolations(page);
  expect(unexpected(errors)).toEqual([]);
});
