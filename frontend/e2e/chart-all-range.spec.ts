// "All" charts a member's whole history: from their first reading to today. Three years of
// weights are logged through the API; choosing "All" draws them without an error, on a time
// axis that starts near the first reading (not in 1970, not at a far-off default).
//
// The chart is drawn on a canvas, so the test reads what was drawn: the text of every
// `fillText` call (the axis labels) and the pixels of the series colour (the line and dots).
import { expect, test } from '@playwright/test';
import { axisLabels, DAY_MS, forgetCanvasText, MONTHS, recordCanvasText, seriesExtent } from './chart-helpers';
import { apiCall, apiToken, registerVerified, signIn, unexpected, watchConsole } from './helpers';

// Axis labels are formatted in the browser's locale and zone; pin both so the test can read them.
test.use({ locale: 'en-GB', timezoneId: 'UTC' });


/**
 * Time-axis labels ("Dec 2023", "Mar", "Sept", "2025", "14 Feb 2024") as the first UTC day each
 * names; a label without a year is in the year of the label before it (the chart names the
 * year on the first label and where it changes). Null for a label that is not a date.
 */
function labelStarts(labels: readonly string[], firstYear: number): (Date | null)[] {
  let year = firstYear;
  const month = (name: string) => MONTHS.findIndex((m) => name.startsWith(m));
  return labels.map((label) => {
    let m = /^(\d{1,2}) ([A-Z][a-z]{2,3})(?: (\d{4}))?$/.exec(label);
    if (m && month(m[2]!) >= 0) {
      if (m[3]) year = Number(m[3]);
      return new Date(Date.UTC(year, month(m[2]!), Number(m[1])));
    }
    m = /^([A-Z][a-z]{2,3})(?: (\d{4}))?$/.exec(label);
    if (m && month(m[1]!) >= 0) {
      if (m[2]) year = Number(m[2]);
      return new Date(Date.UTC(year, month(m[1]!), 1));
    }
    m = /^(\d{4})$/.exec(label);
    if (m) {
      year = Number(m[1]);
      return new Date(Date.UTC(year, 0, 1));
    }
    return null;
  });
}

test('"All" charts three years of readings from the first one to today, without an error', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  await recordCanvasText(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);

  // A weight every three weeks for three years, drifting from 92 kg down to about 80 kg.
  const now = Date.now();
  const first = new Date(now - 3 * 365 * DAY_MS);
  const items = Array.from({ length: 53 }, (_, i) => ({
    type: 'body_weight',
    value: Math.round((92 - i * 0.23) * 10) / 10,
    unit: 'kg',
    taken_at: new Date(first.getTime() + i * 21 * DAY_MS).toISOString(),
    client_id: `all-range-${i}`,
    confirm_unusual: true,
  }));
  await apiCall(request, token, 'POST', '/me/measurements/batch', { items }, 201);

  await signIn(page, user);
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/measurements?type=body_weight');
  const figure = page.getByRole('figure');
  await expect(figure).toContainText('Body weight, last 1 month');
  await forgetCanvasText(page);

  await page.getByRole('button', { name: 'All', exact: true }).click();
  await expect(page.getByRole('button', { name: 'All', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const chart = page.getByRole('region', { name: 'Body weight over time' });
  await expect(figure).toContainText('Body weight, all time');
  await expect(figure.locator('canvas').first()).toBeVisible();
  await expect(chart.getByRole('alert')).toHaveCount(0);
  expect(failed, 'no request of the chart was refused').toEqual([]);

  // The table carries the whole history: its first period is the month of the first reading.
  await figure.getByText('Show the numbers').click();
  const rows = figure.getByRole('table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(30);
  const firstPeriod = Date.parse(`${await rows.first().locator('th').innerText()} UTC`);
  expect(Math.abs(firstPeriod - first.getTime()), 'the first period is where the first reading is').toBeLessThan(40 * DAY_MS);

  // Every label of the time axis lies between (about) the first reading and today.
  await expect.poll(async () => (await axisLabels(page)).length, { message: 'time axis labels drawn' }).toBeGreaterThanOrEqual(2);
  const labels = await axisLabels(page);
  const starts = labelStarts(labels, first.getUTCFullYear());
  const days = labels.map((l, i) => ({ l, d: starts[i] }));
  const outside = days.filter(({ d }) => d === null || d.getTime() < first.getTime() - 45 * DAY_MS || d.getTime() > now);
  expect(outside.map(({ l }) => l), `axis labels [${labels.join(', ')}]`).toEqual([]);

  // The line starts at the left edge of the plot: the axis begins near the first reading.
  const canvas = figure.locator('canvas').first();
  const { lo, hi, width } = await seriesExtent(canvas);
  expect(lo / width, `the line starts at ${Math.round((lo / width) * 100)}% of the width`).toBeLessThan(0.2);
  expect(hi / width, `the line ends at ${Math.round((hi / width) * 100)}% of the width`).toBeGreaterThan(0.85);
  expect(unexpected(errors)).toEqual([]);
});

test('"All" includes readings from before 1970: the whole history, from the first reading', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const token = await apiToken(request, user);
  // Old records typed in from a paper diary: 1968, 1985, 2004, and one this year.
  const dates = ['1968-05-14T09:00:00Z', '1985-03-02T09:00:00Z', '2004-11-20T09:00:00Z', new Date(Date.now() - 5 * DAY_MS).toISOString()];
  const items = dates.map((taken_at, i) => ({
    type: 'body_weight',
    value: [70.2, 76.5, 81.0, 84.3][i],
    unit: 'kg',
    taken_at,
    client_id: `old-history-${i}`,
    confirm_unusual: true,
  }));
  await apiCall(request, token, 'POST', '/me/measurements/batch', { items }, 201);

  await signIn(page, user);
  await page.goto('/measurements?type=body_weight');
  await page.getByRole('button', { name: 'All', exact: true }).click();
  const figure = page.getByRole('figure');
  await expect(figure).toContainText('Body weight, all time');
  await expect(page.getByRole('region', { name: 'Body weight over time' }).getByRole('alert')).toHaveCount(0);
  await figure.getByText('Show the numbers').click();
  const rows = figure.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first().locator('th')).toContainText('1968');
  await expect(rows.first().locator('td').first()).toHaveText('70.2');
  expect(unexpected(errors)).toEqual([]);
});
