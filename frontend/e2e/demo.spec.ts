// The newcomer's first minute: `make run` seeds the demo world and prints the logins; signing
// in with one shows a dashboard with real history, with no console errors and no failed
// requests. The server under test is started the same way (see playwright.config.ts).
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, screenshot, watchConsole } from './helpers';

const DEMO = { email: 'maria@demo.kindred.example', password: 'kindred-demo-garden-2026' };
const STUDY = 'Home blood pressure in the first months of treatment';

/** Every request that failed or answered 4xx/5xx while the page ran. */
function watchRequests(page: Page): string[] {
  const bad: string[] = [];
  page.on('requestfailed', (r) => bad.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
  });
  return bad;
}

test('a demo patient signs in and sees the dashboard with charts, cleanly', async ({ page }) => {
  const errors = watchConsole(page);
  const failed = watchRequests(page);

  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email address').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Hello, maria_h' })).toBeVisible();
  const conditions = page.getByRole('region', { name: 'Your conditions' });
  await expect(conditions.getByText('High blood pressure (hypertension)')).toBeVisible();
  await expect(conditions.getByText('Depression')).toBeVisible();

  // Latest readings with their trend lines, and the questionnaire that is due.
  const measurements = page.getByRole('region', { name: 'Measurements' });
  await expect(measurements.getByText('Blood pressure')).toBeVisible();
  await expect(measurements.locator('svg').first()).toBeVisible();
  // Every latest reading has its trend line (the demo world has months of each type).
  const latestItems = measurements.getByRole('listitem');
  expect(await latestItems.count()).toBeGreaterThanOrEqual(3);
  for (const item of await latestItems.all()) {
    await expect(item.getByRole('img', { name: /: trend of the last \d+ readings/ })).toBeVisible();
  }
  // Blood pressure trends both numbers, systolic first, on one scale.
  const bpTrend = measurements.getByRole('img', { name: /^Blood pressure: trend/ });
  await expect(bpTrend).toHaveAccessibleName(/systolic from \d+ to \d+; diastolic from \d+ to \d+$/);
  await expect(bpTrend.locator('polyline')).toHaveCount(2);
  const questionnaires = page.getByRole('region', { name: 'Questionnaires' });
  await expect(questionnaires.getByText(/PHQ-9/).first()).toBeVisible();

  // The measurements page draws the six-month history.
  await page.getByRole('link', { name: 'Measurements', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Measurements' })).toBeVisible();
  await expect(page.locator('.uplot canvas').first()).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, maria_h' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'dashboard-demo');

  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
});

// The other printed logins land somewhere that says where their role's work lives.
for (const who of [
  { email: 'researcher@demo.kindred.example', note: 'You are signed in as a researcher' },
  { email: 'admin@demo.kindred.example', note: 'You are signed in as the administrator' },
]) {
  test(`the demo login ${who.email} signs in cleanly and is told where its work lives`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const failed = watchRequests(page);

    await page.goto('/login');
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    const note = page.getByRole('note', { name: who.note });
    await expect(note).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(page);
    await note.getByRole('link', { name: 'the API documentation' }).click();
    await expect(page).toHaveURL(/\/api\/docs\//);
    await expect(page.getByText('Kindred API').first()).toBeVisible();

    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });
}

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  // The dashboard's requests finish before the journey navigates on (see helpers.ts signIn).
  await page.waitForLoadState('networkidle');
}

test('the demo moderator finds a reported post waiting in the queue', async ({ page }) => {
  const errors = watchConsole(page);
  const failed = watchRequests(page);
  await signIn(page, 'mod@demo.kindred.example');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
  await page.getByRole('link', { name: 'Reports in High blood pressure (hypertension)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  const report = page.getByRole('listitem').filter({ hasText: 'Harmful medical misinformation' }).first();
  await expect(report.getByText('Tells people to stop their blood pressure medication')).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
});

test('a consenting demo patient sees the demo study’s export in her data-access log', async ({ page }) => {
  const errors = watchConsole(page);
  const failed = watchRequests(page);
  await signIn(page, DEMO.email);

  await page.goto('/privacy/data-access');
  await expect(page.getByRole('heading', { level: 1, name: 'Data access' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: STUDY }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
});
