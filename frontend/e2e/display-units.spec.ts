// Units follow the member, not the browser: a weight logged in pounds is shown in pounds, and
// the form starts in pounds, on any device they sign in on. Where the browser's language writes
// decimals with a comma, "82,7" is 82.7.
import { expect, test } from '@playwright/test';
import { apiCall, apiToken, personPage, registerVerified, signIn, unexpected } from './helpers';

interface Reading {
  value: number;
  unit: string;
}

test('a weight logged in pounds shows in pounds in a new browser, and the form starts in pounds', async ({
  browser,
  baseURL,
  request,
}) => {
  const user = await registerVerified(request);

  const first = await personPage(browser, baseURL);
  await test.step('log 182.5 lb in one browser', async () => {
    await signIn(first.page, user);
    await first.page.goto('/measurements?type=body_weight');
    await first.page.getByLabel('Value').fill('182.5');
    await first.page.getByLabel('Unit').selectOption({ label: 'lb' });
    await first.page.getByRole('button', { name: 'Save reading' }).click();
    await expect.soft(first.page.getByRole('status').filter({ hasText: 'Saved: body weight 182.5 lb.' })).toBeVisible();
    // The last unit used is the member's unit now.
    await expect.soft(first.page.getByLabel('Unit')).toHaveValue('[lb_av]');
    const token = await apiToken(request, user);
    await expect
      .soft.poll(async () => (await apiCall<{ units: Record<string, string> }>(request, token, 'GET', '/me/display-units')).units)
      .toEqual({ body_weight: '[lb_av]' });
    expect(unexpected(first.errors)).toEqual([]);
    await first.context.close();
  });

  const second = await personPage(browser, baseURL);
  await test.step('sign in in a new browser: pounds in the history, the dashboard, the chart and the form', async () => {
    const { page } = second;
    await signIn(page, user);
    await expect(page.getByRole('region', { name: 'Measurements' })).toContainText('182.5 lb');
    await page.goto('/measurements?type=body_weight');
    const history = page.getByRole('region', { name: 'Your body weight readings' });
    await expect(history.getByRole('cell', { name: '182.5 lb' })).toBeVisible();
    await expect(page.getByLabel('Unit')).toHaveValue('[lb_av]');
    await expect(page.getByLabel('Show readings in')).toHaveValue('[lb_av]');
    const figure = page.getByRole('figure');
    await figure.getByText('Show the numbers').click();
    await expect(figure.getByRole('columnheader', { name: 'Body weight (lb)' })).toBeVisible();
    await expect(figure.getByRole('cell', { name: '182.5' })).toBeVisible();
    expect(unexpected(second.errors)).toEqual([]);
    await second.context.close();
  });
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('"82,7" kg is accepted and stored as 82.7; an ambiguous number is refused clearly', async ({ page, request }) => {
    const user = await registerVerified(request);
    await signIn(page, user);
    await page.goto('/measurements?type=body_weight');
    await expect(page.getByLabel('Unit')).toHaveValue('kg');

    // "1.234,5" mixes a thousands separator with a decimal comma: refused before sending.
    await page.getByLabel('Value').fill('1.234,5');
    await page.getByRole('button', { name: 'Save reading' }).click();
    await expect.soft(page.getByLabel('Value')).toHaveAccessibleDescription(/without a thousands separator/);

    await page.getByLabel('Value').fill('82,7');
    await page.getByRole('button', { name: 'Save reading' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved: body weight 82,7 kg.' })).toBeVisible();
    const token = await apiToken(request, user);
    const list = await apiCall<{ items: Reading[] }>(request, token, 'GET', '/me/measurements?type=body_weight');
    expect(list.items.map((r) => [r.value, r.unit])).toEqual([[82.7, 'kg']]);
    await expect(
      page.getByRole('region', { name: 'Your body weight readings' }).getByRole('cell', { name: '82,7 kg' }),
    ).toBeVisible();
  });
});
