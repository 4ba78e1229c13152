// The report for a clinic visit: a member with blood pressure readings, weights, glucose
// readings and a PHQ-9 response whose question 9 is not zero chooses a period and sees the
// sections with the right figures; printed (print media), the page shows the report alone, on
// A4 and on Letter; the spreadsheet download works with the member's token.
import { expect, test } from '@playwright/test';
import { DAY_MS } from './chart-helpers';
import { readFileSync } from 'node:fs';
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

/** `h` o'clock UTC, `n` days ago. */
const at = (n: number, h: number) => {
  const d = new Date(Date.now() - n * DAY_MS);
  d.setUTCHours(h, 0, 0, 0);
  return d.toISOString();
};

test('a member prints a report for a clinic visit', async ({ page, request }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);

  await test.step('seed readings and a PHQ-9 response through the API', async () => {
    // Three readings on one day averaging 130/84 and one of 150/96 on another: the 30-day
    // average weighs each reading once, 135/87 (the average of the two days would be 140/90).
    const bp = [
      [10, 8, 120, 80],
      [10, 12, 130, 84],
      [10, 18, 140, 88],
      [3, 9, 150, 96],
    ];
    for (const [n, h, systolic, diastolic] of bp) {
      await apiCall(request, token, 'POST', '/me/measurements', {
        type: 'blood_pressure',
        components: { systolic, diastolic },
        taken_at: at(n!, h!),
        confirm_unusual: true,
      });
    }
    // One reading outside the 30 days: it shows only in longer periods.
    await apiCall(request, token, 'POST', '/me/measurements', {
      type: 'blood_pressure',
      components: { systolic: 100, diastolic: 60 },
      taken_at: at(45, 9),
      confirm_unusual: true,
    });
    for (const [n, value] of [
      [20, 81.4],
      [2, 80.2],
    ] as const) {
      await apiCall(request, token, 'POST', '/me/measurements', {
        type: 'body_weight',
        value,
        unit: 'kg',
        taken_at: at(n, 7),
        confirm_unusual: true,
      });
    }
    for (const [n, value] of [
      [5, 95],
      [4, 210],
    ] as const) {
      await apiCall(request, token, 'POST', '/me/measurements', {
        type: 'blood_glucose',
        value,
        unit: 'mg/dL',
        taken_at: at(n, 7),
        confirm_unusual: true,
      });
    }
    const phq9 = await apiCall<{ current_version: number }>(request, token, 'GET', '/questionnaires/phq-9');
    const answers = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, i === 8 ? 2 : 1]));
    const res = await apiCall<{ score: number; flags: string[] }>(request, token, 'POST', '/questionnaires/phq-9/responses', {
      version: phq9.current_version,
      answers,
    });
    expect(res.score).toBe(10);
    expect(res.flags).toContain('self_harm_risk');
  });

  await signIn(page, user);
  const report = page.getByRole('article', { name: 'Health summary from Kindred' });

  await test.step('open the report from the dashboard and choose the last 30 days', async () => {
    await page.getByRole('link', { name: 'Print a report for your clinic visit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Report for a clinic visit' })).toBeFocused();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic report' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // The default, 3 months, includes the older reading: 5 readings.
    await expect(report.getByText(/5 readings on 3 days/)).toBeVisible();
    await page.getByRole('radio', { name: 'Last 30 days' }).check();
    await expect(report.getByTestId('report-period')).toContainText('(30 days)');
  });

  await test.step('the sections show the right figures', async () => {
    await expect(report.getByTestId('bp-average')).toHaveText('135/87 mmHg');
    await expect(report.getByText(/4 readings on 2 days/)).toBeVisible();
    const block = report.getByRole('table', { name: /Averages per 30 days/ }).getByRole('row').last();
    await expect(block.getByRole('cell')).toHaveText(['4', '135', '87']);

    await expect(report.getByTestId('weight-latest')).toContainText('80.2 kg');
    await expect(report.getByTestId('weight-change')).toContainText('−1.2 kg (from 81.4 kg');

    await expect(report.getByTestId('glucose-range')).toContainText('70–180 mg/dL, a general range');
    await expect(report.getByTestId('glucose-in-range')).toHaveText('50% of readings (1 of 2)');

    await expect(report.getByRole('heading', { level: 4, name: 'PHQ-9 (depression)' })).toBeVisible();
    await expect(report.getByText(/^Latest score/)).toContainText('Latest score 10 (Moderate)');
    const item9 = report.getByTestId('phq9-item9');
    await expect(item9).toContainText('Thoughts that you would be better off dead or of hurting yourself in some way');
    const answer = item9.getByRole('row').nth(1);
    await expect(answer).toContainText('More than half the days');
    await expect(answer.getByText('Not zero')).toBeVisible();
    await expect(item9.getByText('At least one answer in this period was not “Not at all”.')).toBeVisible();
  });

  await test.step('values in the member’s display units', async () => {
    const res = await request.fetch('/api/v1/me/display-units/body_weight', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}` },
      data: { unit: 'lb' },
    });
    expect(res.status(), await res.text()).toBe(200);
    await page.reload();
    await page.getByRole('radio', { name: 'Last 30 days' }).check();
    // 80.2 kg ≈ 176.8 lb and 81.4 kg ≈ 179.5 lb: the change is the difference of the figures shown.
    await expect(report.getByTestId('weight-latest')).toContainText('176.8 lb');
    await expect(report.getByTestId('weight-change')).toContainText('−2.7 lb (from 179.5 lb');
    await expect(report.getByTestId('bp-average')).toHaveText('135/87 mmHg');
  });

  await test.step('a name only when typed; the handle never', async () => {
    await expect(report.getByTestId('report-name')).toHaveText('not given');
    await page.getByLabel('Name to print at the top (optional)').fill('Ann Example');
    await expect(report.getByTestId('report-name')).toHaveText('Ann Example');
    await expect(report).not.toContainText(user.handle);
    await expectNoSeriousA11yViolationsInBothThemes(page);
  });

  await test.step('the spreadsheet download comes with the token', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'All my measurements (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kindred-measurements-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('systolic');
    expect(csv).toContain('blood_pressure');
    await expect(page.getByRole('status').filter({ hasText: 'Your download has started' })).toBeVisible();
  });

  await test.step('printed: the report alone, in black on white, charts included', async () => {
    // On screen first, so the checks below mean something: header, navigation, footer, buttons.
    const chrome = [page.locator('header.site-header'), page.locator('nav[aria-label="Main"]'), page.locator('footer.site-footer')];
    for (const part of chrome) await expect(part).toBeVisible();
    expect(await page.locator('button:visible').count()).toBeGreaterThan(2);
    // The dark theme must not reach the paper.
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    for (const part of chrome) await expect(part).toBeHidden();
    await expect(page.locator('button:visible')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Report for a clinic visit' })).toBeHidden();
    await expect(page.getByLabel('Name to print at the top (optional)')).toBeHidden();
    await expect(report).toBeVisible();
    await expect(report.getByTestId('report-name')).toHaveText('Ann Example');
    await expect(report.getByText(/Self-reported\./)).toBeVisible();
    await expect(report.getByTestId('phq9-item9').getByText('Not zero').first()).toBeVisible();
    const colours = await report.evaluate((el) => {
      const s = getComputedStyle(el);
      return { text: s.color, body: getComputedStyle(document.body).backgroundColor };
    });
    expect(colours).toEqual({ text: 'rgb(0, 0, 0)', body: 'rgb(255, 255, 255)' });
    // Every chart is there, with its lines drawn.
    const charts = report.locator('.report-chart svg[role="img"]');
    await expect(charts).toHaveCount(3);
    for (const chart of await charts.all()) {
      await expect(chart).toBeVisible();
      expect((await chart.boundingBox())!.width).toBeGreaterThan(400);
    }
    await expect(report.getByRole('img', { name: /^Blood pressure/ }).locator('path')).toHaveCount(2);

    // A4 is the narrower paper: its printable width (210 mm less 24 mm of margins, ≈ 703 px)
    // takes the report without anything sticking out.
    await page.setViewportSize({ width: 703, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'clinic-report');

    // Both paper sizes print (the page sets margins, never a size).
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length, `${format} pages`).toBeGreaterThanOrEqual(1);
      expect(pages.length, `${format} pages`).toBeLessThanOrEqual(3);
    }
  });

  expect(unexpected(errors)).toEqual([]);
});
