// Data entry on a phone: readings are legible at 390×844, and changing a chart's range keeps
// the chart on screen until the new one arrives.
import { expect, test, type APIRequestContext } from '@playwright/test';
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

/** A new patient with blood pressure readings on the last few days. */
async function patientWithReadings(request: APIRequestContext, days = 6) {
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  const now = Date.now();
  await apiCall(request, token, 'POST', '/me/measurements/batch', {
    items: Array.from({ length: days }, (_, i) => ({
      type: 'blood_pressure',
      components: { systolic: 120 + i, diastolic: 78 + (i % 3) },
      taken_at: new Date(now - (i + 1) * 86_400_000).toISOString(),
      note: i === 0 ? 'after a walk' : null,
      client_id: `mobile-${i}`,
    })),
  }, 201);
  return user;
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a reading’s date fits on at most two lines', async ({ page, request }) => {
    const errors = watchConsole(page);
    const user = await patientWithReadings(request);
    await signIn(page, user);
    await page.goto('/measurements?type=blood_pressure');
    await expect(page.getByRole('figure').locator('canvas').first()).toBeVisible();
    const history = page.getByRole('region', { name: 'Your blood pressure readings' });
    const first = history.getByText(/\d{4}/).first();
    await expect(first).toBeVisible();
    const lines = await first.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const style = getComputedStyle(el);
      const lineHeight =
        style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
      return { tops: tops.size, byHeight: range.getBoundingClientRect().height / lineHeight, text: el.textContent };
    });
    expect(lines.tops, `"${lines.text}" is drawn on ${lines.tops} lines`).toBeLessThanOrEqual(2);
    expect(lines.byHeight).toBeLessThan(2.5);
    // Nothing on the page is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Each reading still has its value, note and actions.
    await expect(history.getByText('125/80 mmHg')).toBeVisible();
    await expect(history.getByText('after a walk')).toBeVisible();
    await expect(history.getByRole('button', { name: /^Correct the reading of / }).first()).toBeVisible();
    await screenshot(page, 'measurements-phone');
    await expectNoSeriousA11yViolations(page);
    expect(unexpected(errors)).toEqual([]);
  });
});

test('changing the range keeps the chart on screen while the new one loads', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await patientWithReadings(request);
  await signIn(page, user);
  await page.goto('/measurements?type=blood_pressure');
  const section = page.getByRole('region', { name: 'Blood pressure over time' });
  const figure = section.getByRole('figure');
  await expect(figure).toContainText('Blood pressure, last 1 month');
  await expect(figure.locator('canvas').first()).toBeVisible();

  // Hold the year's summary until the chart has been looked at.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const summaryAsked = new Promise<void>((r) => (asked = r));
  await page.route(/\/api\/v1\/me\/measurements\/summary/, async (route) => {
    asked();
    await released;
    await route.continue();
  });

  await section.getByRole('button', { name: '1 year' }).click();
  await summaryAsked;
  await expect(section.getByRole('button', { name: '1 year' })).toHaveAttribute('aria-pressed', 'true');
  // While it loads: the month's chart stays, with a quiet note that the year is coming.
  await expect(figure.locator('canvas').first()).toBeVisible();
  await expect(figure).toContainText('Blood pressure, last 1 month');
  await expect(section.getByRole('status')).toContainText(/Loading/);
  const box = await figure.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(200);

  release();
  await expect(figure).toContainText('Blood pressure, last 1 year');
  await expect(figure.locator('canvas').first()).toBeVisible();
  await expect(section.getByRole('status')).not.toContainText(/Loading/);
  expect(unexpected(errors)).toEqual([]);
});
