// Targets: a member sets the range they aim for on a measurement type's page; the chart draws
// it as a band, and the dashboard says how much of the last 30 days was in range.
import { expect, test } from '@playwright/test';
import { DAY_MS } from './chart-helpers';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolationsInBothThemes,
  registerVerified,
  screenshot,
  signIn,
  unexpected,
  watchConsole,
} from './helpers';

test.use({ locale: 'en-GB', timezoneId: 'UTC' });


interface Target {
  type: string;
  unit: string;
  ranges: Record<string, { low?: number | null; high?: number | null }>;
  recent: { days: number; readings: number; in_range: number; percent?: number | null };
}

test('set a blood pressure target, see it as a band and as time in range, then remove it', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  // Four readings in the last four weeks: three in the 90–135 / 60–85 range, one above it.
  const values = [
    [128, 82],
    [142, 91],
    [124, 79],
    [131, 84],
  ];
  const items = values.map(([systolic, diastolic], i) => ({
    type: 'blood_pressure',
    components: { systolic, diastolic },
    taken_at: new Date(Date.now() - (25 - i * 7) * DAY_MS).toISOString(),
    client_id: `target-bp-${i}`,
    confirm_unusual: true,
  }));
  await apiCall(request, token, 'POST', '/me/measurements/batch', { items }, 201);
  await signIn(page, user);

  await test.step('set the target on the blood pressure page', async () => {
    await page.goto('/measurements?type=blood_pressure');
    const target = page.getByRole('region', { name: 'Your target range' });
    await expect(target).toContainText('No target set');
    await target.getByLabel('Systolic from').fill('90');
    await target.getByLabel('Systolic to').fill('135');
    await target.getByLabel('Diastolic from').fill('60');
    await target.getByLabel('Diastolic to').fill('85');
    await target.getByRole('button', { name: 'Save target' }).click();
    await expect(target.getByRole('status')).toHaveText('Target saved: systolic 90–135, diastolic 60–85 mmHg.');
    const list = await apiCall<{ items: Target[] }>(request, token, 'GET', '/me/targets');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      type: 'blood_pressure',
      ranges: { systolic: { low: 90, high: 135 }, diastolic: { low: 60, high: 85 } },
      recent: { readings: 4, in_range: 3, percent: 75 },
    });
  });

  await test.step('the chart draws the target as a band', async () => {
    const figure = page.getByRole('figure');
    const zones = figure.getByRole('list', { name: 'Your target range' });
    await expect(zones.getByRole('listitem')).toHaveText(['Systolic target: 90–135 mmHg', 'Diastolic target: 60–85 mmHg']);
    // The band is painted: the canvas has pixels of the target colour.
    const canvas = figure.locator('canvas').first();
    await expect(canvas).toBeVisible();
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const color = getComputedStyle(c).getPropertyValue('--chart-target').trim();
          const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
          if (!hex) return -1;
          const [r, g, b] = [1, 2, 3].map((i) => parseInt(hex[i]!, 16));
          // The canvas is transparent: the band's pixels are the target colour, see-through.
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          let n = 0;
          for (let i = 0; i < data.length; i += 4) {
            const near = Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 30;
            if (near && data[i + 3]! > 8 && data[i + 3]! < 160) n++;
          }
          return n;
        }),
      )
      .toBeGreaterThan(1000);
    await page.getByRole('region', { name: 'Blood pressure over time' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'targets-chart');
    await expectNoSeriousA11yViolationsInBothThemes(page);
  });

  await test.step('the dashboard shows the time in range of the last 30 days', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const targets = page.getByRole('region', { name: 'Your targets' });
    await expect(targets.getByRole('listitem')).toHaveCount(1);
    await expect(targets.getByRole('listitem')).toContainText('Blood pressure');
    await expect(targets.getByRole('listitem')).toContainText('systolic 90–135, diastolic 60–85 mmHg');
    await expect(targets.getByRole('listitem')).toContainText('time in range, last 30 days: 75%');
    await expect(targets.getByRole('listitem')).toContainText('3 of 4 readings');
  });

  await test.step('remove the target', async () => {
    await page.goto('/measurements?type=blood_pressure');
    const target = page.getByRole('region', { name: 'Your target range' });
    await target.getByRole('button', { name: 'Remove target' }).click();
    await expect(target.getByRole('status')).toHaveText('Target removed.');
    await expect(target).toContainText('No target set');
    await expect(page.getByRole('figure').getByRole('list', { name: 'Your target range' })).toHaveCount(0);
    const list = await apiCall<{ items: Target[] }>(request, token, 'GET', '/me/targets');
    expect(list.items).toEqual([]);
  });
  expect(unexpected(errors)).toEqual([]);
});

test('a weight target in pounds is kept in the member’s unit', async ({ page, request }) => {
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  await apiCall(request, token, 'POST', '/me/measurements', {
    type: 'body_weight',
    value: 180,
    unit: 'lb',
    taken_at: new Date(Date.now() - 2 * DAY_MS).toISOString(),
  });
  await signIn(page, user);
  await page.goto('/measurements?type=body_weight');
  await page.getByLabel('Show readings in').selectOption({ label: 'lb' });
  const target = page.getByRole('region', { name: 'Your target range' });
  await target.getByLabel('From (lb)').fill('170');
  await target.getByLabel('To (lb)').fill('185');
  await target.getByRole('button', { name: 'Save target' }).click();
  await expect(target.getByRole('status')).toHaveText('Target saved: 170–185 lb.');
  const list = await apiCall<{ items: Target[] }>(request, token, 'GET', '/me/targets');
  expect(list.items[0]).toMatchObject({ type: 'body_weight', unit: 'kg', recent: { readings: 1, in_range: 1, percent: 100 } });
  expect(list.items[0]!.ranges.value!.low).toBeCloseTo(77.11, 1);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Your target range' }).getByLabel('From (lb)')).toHaveValue('170');
  await expect(page.getByRole('figure').getByRole('list', { name: 'Your target range' })).toContainText('Target: 170–185 lb');
});
