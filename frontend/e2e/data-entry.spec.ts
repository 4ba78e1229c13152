// Thin data entry: blood glucose says when it was taken (and offers the unit a value fits),
// blood pressure takes the pulse in the same step (stored together or not at all), the profile
// has a time zone that CSV imports read local times in, an import can skip its bad lines when
// the member chooses, and readings download as CSV.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolations,
  registerVerified,
  screenshot,
  signIn,
  unexpected,
  watchConsole,
} from './helpers';

interface Reading {
  type: string;
  value?: number | null;
  components?: Record<string, number> | null;
  context?: string | null;
  taken_at: string;
}

test('blood glucose records when it was taken, and a value typed in the wrong unit offers the right one', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);
  await page.goto('/measurements?type=blood_glucose');
  await expect(page.getByLabel('Unit')).toHaveValue('mg/dL');

  // 7.2 is no blood glucose in mg/dL, but it is in mmol/L.
  await page.getByLabel('Value').fill('7.2');
  await page.getByLabel('When was it taken?').selectOption({ label: 'Fasting' });
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(page.getByLabel('Value')).toHaveAccessibleDescription(/between 10 and 1000 mg\/dL/);
  await page.getByRole('button', { name: 'Use mmol/L instead' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: blood glucose 7.2 mmol/L, fasting.' })).toBeVisible();
  // mmol/L is the member's unit from now on.
  await expect(page.getByLabel('Unit')).toHaveValue('mmol/L');

  await page.getByLabel('Value').fill('9.1');
  await page.getByLabel('When was it taken?').selectOption({ label: 'After a meal' });
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: blood glucose 9.1 mmol/L, after a meal.' })).toBeVisible();

  const history = page.getByRole('region', { name: 'Your blood glucose readings' });
  await expect(history.getByRole('cell', { name: '7.2 mmol/L, fasting' })).toBeVisible();
  await expect(history.getByRole('cell', { name: '9.1 mmol/L, after a meal' })).toBeVisible();
  const token = await apiToken(request, user);
  const list = await apiCall<{ items: Reading[] }>(request, token, 'GET', '/me/measurements?type=blood_glucose');
  expect(list.items.map((r) => r.context)).toEqual(['after_meal', 'fasting']);
  await expectNoSeriousA11yViolations(page);
  expect(unexpected(errors)).toEqual([]);
});

test('blood pressure with a pulse is saved as two readings in one step, or not at all', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  await signIn(page, user);
  await page.goto('/measurements?type=blood_pressure');

  await page.getByLabel('Systolic (mmHg)').fill('128');
  await page.getByLabel('Diastolic (mmHg)').fill('82');
  await page.getByLabel('Pulse (beats/min, optional)').fill('64');
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: blood pressure 128/82 mmHg, pulse 64 beats/min.' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your blood pressure readings' }).getByRole('cell', { name: '128/82 mmHg' })).toBeVisible();

  // A pulse out of range: neither is stored, and the error is next to the pulse.
  await page.getByLabel('Systolic (mmHg)').fill('126');
  await page.getByLabel('Diastolic (mmHg)').fill('80');
  await page.getByLabel('Pulse (beats/min, optional)').fill('400');
  await page.getByRole('button', { name: 'Save reading' }).click();
  const pulse = page.getByLabel('Pulse (beats/min, optional)');
  await expect(pulse).toHaveAttribute('aria-invalid', 'true');
  await expect(pulse).toHaveAccessibleDescription(/Heart rate must be between 20 and 250/);

  const all = await apiCall<{ items: Reading[] }>(request, token, 'GET', '/me/measurements');
  expect(all.items.map((r) => r.type).sort()).toEqual(['blood_pressure', 'heart_rate']);
  const bp = all.items.find((r) => r.type === 'blood_pressure')!;
  const hr = all.items.find((r) => r.type === 'heart_rate')!;
  expect(bp.components).toEqual({ systolic: 128, diastolic: 82 });
  expect(hr.value).toBe(64);
  expect(hr.taken_at).toBe(bp.taken_at);

  await page.getByRole('combobox', { name: 'Measurement', exact: true }).selectOption({ label: 'Heart rate' });
  await expect(page.getByRole('region', { name: 'Your heart rate readings' }).getByRole('cell', { name: '64 beats/min' })).toBeVisible();
  expect(unexpected(errors)).toEqual([]);
});

test.describe('in Berlin', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });

  test('the profile time zone, an import that skips its bad lines when asked, and a CSV download', async ({
    page,
    request,
  }) => {
    const errors = watchConsole(page);
    const user = await registerVerified(request);
    const token = await apiToken(request, user);
    await signIn(page, user);

    await test.step('choose a time zone on the profile (the browser’s is suggested)', async () => {
      await page.goto('/profile');
      const zone = page.getByLabel('Time zone');
      await expect(zone).toHaveValue('');
      await page.getByRole('button', { name: 'Use Europe/Berlin' }).click();
      await expect(zone).toHaveValue('Europe/Berlin');
      // Someone travelling keeps their home zone: choose another one.
      await zone.selectOption('Asia/Tokyo');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText('Your profile is saved.')).toBeVisible();
      const me = await apiCall<{ profile: { time_zone: string | null } }>(request, token, 'GET', '/me');
      expect(me.profile.time_zone).toBe('Asia/Tokyo');
      await expectNoSeriousA11yViolations(page);
    });

    await test.step('import: bad lines are reported, and skipped only when the member chooses', async () => {
      await page.goto('/measurements/import');
      await expect(page.getByText(/read in your profile’s time zone \(Asia\/Tokyo\)/)).toBeVisible();
      await expect(page.getByText('kg, lb, mmHg, mg/dL, mmol/L')).toBeVisible();
      const editor = page.getByLabel(/paste the lines/);
      const main = await page.getByRole('main').boundingBox();
      const box = await editor.boundingBox();
      expect(box!.width, 'the editor uses the width of the page').toBeGreaterThan(main!.width * 0.85);

      const csv =
        'type,value,systolic,diastolic,unit,taken_at,context\n' +
        'body_weight,81.4,,,kg,2026-01-31 08:30,\n' +
        'body_weight,heavy,,,kg,2026-02-01 08:30,\n' +
        'blood_pressure,,131,84,mmHg,2026-02-01 08:35,\n' +
        'blood_glucose,5.8,,,mmol/L,2026-02-01 07:45,fasting\n';
      await editor.fill(csv);
      await page.getByRole('button', { name: 'Check file' }).click();
      const report = page.getByRole('alert').filter({ hasText: 'Nothing was stored' });
      await expect(report.getByRole('listitem')).toHaveText(['Line 3 (value): "heavy" is not a number.']);
      await screenshot(page, 'measurements-import-skip');
      await page.getByRole('button', { name: 'Import the valid lines and skip the bad ones' }).click();
      const done = page.getByRole('status').filter({ hasText: 'Imported 3 readings.' });
      await expect(done).toBeVisible();
      await expect(done).toContainText('Skipped 1 bad line');
      await expect(done.getByRole('listitem')).toHaveText(['Line 3 (value): "heavy" is not a number.']);

      const list = await apiCall<{ items: Reading[] }>(request, token, 'GET', '/me/measurements?type=body_weight');
      // 08:30 in Tokyo (UTC+9) is 23:30 UTC the day before.
      expect(list.items.map((r) => [r.value, r.taken_at])).toEqual([[81.4, '2026-01-30T23:30:00Z']]);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step('download the readings as CSV for a spreadsheet', async () => {
      await page.goto('/measurements');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download as CSV (for spreadsheets)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^kindred-measurements-\d{4}-\d{2}-\d{2}\.csv$/);
      const body = await readFile(await file.path(), 'utf8');
      expect(body.split('\n')[0]).toContain('type,value,systolic,diastolic,unit,taken_at');
      expect(body).toContain('body_weight,81.4');
      expect(body).toContain('fasting');
    });
    expect(unexpected(errors)).toEqual([]);
  });
});
