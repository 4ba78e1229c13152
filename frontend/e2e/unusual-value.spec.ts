// A reading far from the member's recent ones (183.2 kg after 83.5 kg: a slip of a finger) is
// not stored until they confirm it. The form says what the server said, naming the recent
// typical value, and offers "Yes, save it" or "Change it".
import { expect, test } from '@playwright/test';
import { apiCall, apiToken, expectNoSeriousA11yViolations, registerVerified, signIn, unexpected, watchConsole } from './helpers';

test('an unusual weight asks for a confirmation, stores nothing until then, and saves on "Yes"', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  const stored = async () =>
    (await apiCall<{ items: { value: number }[] }>(request, token, 'GET', '/me/measurements?type=body_weight')).items.map(
      (r) => r.value,
    );
  await signIn(page, user);
  await page.goto('/measurements?type=body_weight');
  const history = page.getByRole('region', { name: 'Your body weight readings' });

  // Yesterday's weight (the server compares with readings taken before the new one).
  const yesterday = new Date(Date.now() - 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}T08:00`;
  await page.getByLabel('Value').fill('83.5');
  await page.getByLabel('When').fill(local);
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: body weight 83.5 kg.' })).toBeVisible();

  await page.getByLabel('Value').fill('183.2');
  await page.getByRole('button', { name: 'Save reading' }).click();
  const ask = page.getByRole('group', { name: 'Is this reading right?' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('183.2 kg is far from your recent readings (around 83.5 kg)');
  await expectNoSeriousA11yViolations(page);
  expect(await stored()).toEqual([83.5]);
  await expect(history.getByRole('cell', { name: '183.2 kg' })).toHaveCount(0);

  // "Change it" goes back to the value, and nothing is sent.
  await ask.getByRole('button', { name: 'Change it' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByLabel('Value')).toBeFocused();
  await expect(page.getByLabel('Value')).toHaveValue('183.2');
  expect(await stored()).toEqual([83.5]);

  // Sent again as it is, the question comes back; "Yes" stores it.
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Yes, save it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: body weight 183.2 kg.' })).toBeVisible();
  await expect(history.getByRole('cell', { name: '183.2 kg' })).toBeVisible();
  expect((await stored()).sort()).toEqual([183.2, 83.5]);
  expect(unexpected(errors)).toEqual([]);
});
