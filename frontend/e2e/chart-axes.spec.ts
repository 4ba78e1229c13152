// The time axis of a chart covers the chosen window, wherever the data are: a new patient's
// first reading, logged now, sits at the right end of "last 1 month", and every date on the
// axis lies within that month.
//
// The chart is drawn on a canvas, so the test reads what was drawn: the text of every
// `fillText` call (the axis labels) and the pixels of the series colour (the dot).
import { expect, test } from '@playwright/test';
import { axisLabels, DAY_MS, forgetCanvasText, MONTHS, recordCanvasText, seriesExtent } from './chart-helpers';
import { registerVerified, signIn, unexpected, watchConsole } from './helpers';

// Axis labels are formatted in the browser's locale and zone; pin both so the test can read them.
test.use({ locale: 'en-GB', timezoneId: 'UTC' });


/**
 * A date label as a UTC day: "14 Feb", "14 Feb 2026", "Feb 2026", "2026", "2/14" or
 * "2/14/2026"; null for anything else. A label without a year is read in the year that puts
 * it nearest to `today`.
 */
function labelDay(label: string, today: Date): Date | null {
  const y0 = today.getUTCFullYear();
  const nearest = (month: number, day: number) =>
    [y0 - 1, y0, y0 + 1]
      .map((y) => new Date(Date.UTC(y, month, day)))
      .sort((a, b) => Math.abs(a.getTime() - today.getTime()) - Math.abs(b.getTime() - today.getTime()))[0]!;
  let m = /^(\d{1,2}) ([A-Z][a-z]{2})(?: (\d{4}))?$/.exec(label);
  if (m) {
    const month = MONTHS.indexOf(m[2]!);
    if (month < 0) return null;
    return m[3] ? new Date(Date.UTC(Number(m[3]), month, Number(m[1]))) : nearest(month, Number(m[1]));
  }
  m = /^([A-Z][a-z]{2}) (\d{4})$/.exec(label);
  if (m && MONTHS.includes(m[1]!)) return new Date(Date.UTC(Number(m[2]), MONTHS.indexOf(m[1]!), 1));
  m = /^(\d{4})$/.exec(label);
  if (m) return new Date(Date.UTC(Number(m[1]), 0, 1));
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(label);
  if (m) {
    return m[3]
      ? new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])))
      : nearest(Number(m[1]) - 1, Number(m[2]));
  }
  return null;
}

test('one reading logged today sits at the right end of "last 1 month", on an axis of that month', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  await recordCanvasText(page);
  const user = await registerVerified(request);
  await signIn(page, user);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurements' }).click();
  await page.getByRole('combobox', { name: 'Measurement', exact: true }).selectOption({ label: 'Blood pressure' });
  await page.getByLabel('Systolic (mmHg)').fill('128');
  await page.getByLabel('Diastolic (mmHg)').fill('82');
  await page.getByRole('button', { name: 'Save reading' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: blood pressure 128/82 mmHg.' })).toBeVisible();

  await page.getByRole('button', { name: '1 month' }).click();
  await expect(page.getByRole('button', { name: '1 month' })).toHaveAttribute('aria-pressed', 'true');
  const figure = page.getByRole('figure');
  await expect(figure).toContainText('Blood pressure, last 1 month');
  const canvas = figure.locator('canvas').first();
  await expect(canvas).toBeVisible();
  await figure.getByText('Show the numbers').click();
  await expect(figure.getByRole('cell', { name: '128' })).toBeVisible();

  // The labels drawn in the bottom fifth of the chart's canvas are the time axis.
  const today = new Date(Date.now());
  const todayDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const monthAgo = new Date(todayDay.getTime() - 31 * DAY_MS);
  await expect
    .poll(async () => (await axisLabels(page)).length, { message: 'time axis labels drawn' })
    .toBeGreaterThanOrEqual(2);
  const labels = await axisLabels(page);
  const outside = labels.filter((l) => {
    const d = labelDay(l, today);
    return d === null || d < monthAgo || d > todayDay;
  });
  expect.soft(
    outside,
    `axis labels [${labels.join(', ')}] must all be dates from ${monthAgo.toISOString().slice(0, 10)} to ${todayDay.toISOString().slice(0, 10)}`,
  ).toEqual([]);

  // The systolic dot (series colour 1) is near the right end of the plot: it was logged now.
  const { lo, hi, width } = await seriesExtent(canvas);
  const centre = (lo + hi) / 2 / width;
  expect.soft(centre, `dot centre at ${Math.round(centre * 100)}% of the chart's width`).toBeGreaterThan(0.85);

  // "1 week" is the whole week, not the few hours that have a reading.
  await forgetCanvasText(page);
  await page.getByRole('button', { name: '1 week' }).click();
  await expect(figure).toContainText('Blood pressure, last 1 week');
  await expect.poll(async () => (await axisLabels(page)).length).toBeGreaterThanOrEqual(3);
  const week = (await axisLabels(page)).map((l) => ({ l, d: labelDay(l, today) }));
  const weekAgo = new Date(todayDay.getTime() - 7 * DAY_MS);
  expect.soft(
    week.filter(({ d }) => d === null || d < weekAgo || d > todayDay).map(({ l }) => l),
    `week labels [${week.map(({ l }) => l).join(', ')}]`,
  ).toEqual([]);
  const earliest = Math.min(...week.map(({ d }) => d?.getTime() ?? Infinity));
  expect(new Date(earliest) <= new Date(todayDay.getTime() - 5 * DAY_MS), 'the axis starts about a week ago').toBe(true);
  expect(unexpected(errors)).toEqual([]);
});

