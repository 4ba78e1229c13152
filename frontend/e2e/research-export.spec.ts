// Research exports end to end, against the real server and its export worker. Set up through
// the API: a verified researcher's approved study of members with high blood pressure, asking
// for blood pressure readings and PHQ-9 answers, and twelve patients with readings (the
// platform's minimum cohort k is 11, the default `kindred serve` runs with).
//
// In the browsers: the researcher asks for an export before anyone consents and is refused in
// plain words; the twelve consent (all share blood pressure, only two PHQ-9, so PHQ-9 shows as
// "fewer than 11" with no bar and the export leaves it out); the researcher asks for a CSV
// export, watches it become ready, downloads the zip and reads its manifest (12 participants);
// a consenting patient finds it in their data-access log; another withdraws in their browser,
// and the researcher's next export holds 11 participants (still ≥ k, so it is written) and no
// longer appears in the log of the one who withdrew. New pages pass axe in both themes.
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  apiCall,
  apiToken,
  DEMO_ADMIN,
  expectNoSeriousA11yViolationsInBothThemes,
  personPage,
  registerVerified,
  screenshot,
  SCREENSHOTS,
  signIn,
  uniqueUser,
  unexpected,
  verifiedResearcher,
} from './helpers';

/** The platform minimum the e2e server runs with (KINDRED_MIN_COHORT is not set: default 11). */
const K = 11;
/** Patients who consent: one more than k, so one withdrawal still leaves an exportable cohort. */
const PATIENTS = K + 1;

/** YYYY-MM-DD, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Noon UTC, `days` from today (RFC 3339). */
function noon(days: number): string {
  return `${day(days)}T12:00:00Z`;
}

async function checkPage(page: Page, shot?: string) {
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolationsInBothThemes(page);
  if (shot) await screenshot(page, shot);
}

/** Saves one section of the page to docs/screenshots/<name>.png (the study page is long). */
async function shoot(section: Locator, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await section.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** Records 5xx answers and requests that never got one. */
function watchFailures(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return failed;
}

interface Patient {
  email: string;
  password: string;
  handle: string;
  token: string;
}

/** A verified patient with high blood pressure and blood pressure readings on `days` days ago. */
async function patientWithReadings(request: APIRequestContext, days: number[]): Promise<Patient> {
  const user = await registerVerified(request, uniqueUser('bp'));
  const token = await apiToken(request, user);
  await apiCall(request, token, 'POST', '/me/conditions', { condition: 'hypertension', status: 'active' });
  for (const [i, d] of days.entries()) {
    await apiCall(request, token, 'POST', '/me/measurements', {
      type: 'blood_pressure',
      taken_at: noon(-d),
      components: { systolic: 128 + i, diastolic: 82 },
      client_id: `bp-${i}`,
    });
  }
  return { ...user, token };
}

/** Passes the comprehension check and consents to `categories` of the study. */
async function consent(request: APIRequestContext, p: Patient, studyId: string, sha: string, categories: string[]) {
  await apiCall(
    request,
    p.token,
    'POST',
    '/me/comprehension-check',
    { answers: { what_is_shared: 'chosen_categories', identity: 'random_code', withdrawing: 'stops_future' } },
    200,
  );
  await apiCall(request, p.token, 'POST', `/studies/${studyId}/consent`, { categories, consent_text_sha256: sha });
}

test('a researcher exports a consented cohort; members see it in their data-access log, and a withdrawal leaves the next export', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = Date.now().toString(36);
  const title = `Blood pressure at home ${tag}`;
  const institution = `Heart Institute ${tag}`;

  // Set-up through the API: a verified researcher's approved study.
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const { owner, token: researcherToken } = await verifiedResearcher(
    request,
    adminToken,
    institution,
    'I study how blood pressure measured at home relates to mood.',
  );
  const created = await apiCall<{ id: string }>(request, researcherToken, 'POST', '/studies', {
    title,
    lay_summary: 'We want to learn how blood pressure measured at home moves together with mood over a year.',
    purpose: 'To describe home blood pressure and depression scores in people with hypertension.',
    ethics_reference: `REC-${tag}`,
    data_from: day(-365),
    data_to: day(0),
    ends_on: day(60),
    conditions: ['hypertension'],
    communities: [],
    categories: [
      { category: 'measurement:blood_pressure', reason: 'The main measure of the study.' },
      { category: 'questionnaire:phq-9', reason: 'To relate mood to blood pressure.' },
    ],
  });
  await apiCall(request, researcherToken, 'POST', `/studies/${created.id}/submit`, undefined, 200);
  await apiCall(request, adminToken, 'POST', `/studies/${created.id}/approve`, { date_mode: 'relative' }, 200);
  const study = await apiCall<{ id: string; consent_sha256: string; min_cohort: number }>(
    request,
    researcherToken,
    'GET',
    `/studies/${created.id}`,
  );
  expect(study.min_cohort).toBe(K);

  // Twelve patients with readings: the first (who stays) on three days, the second (who will
  // withdraw) on two, the others on one.
  const patients = await Promise.all(
    Array.from({ length: PATIENTS }, (_, i) =>
      patientWithReadings(request, i === 0 ? [10, 5, 2] : i === 1 ? [9, 3] : [4]),
    ),
  );
  const [stayer, leaver] = patients as [Patient, Patient, ...Patient[]];

  const researcher = await personPage(browser, baseURL);
  const researcherFailed = watchFailures(researcher.page);
  const studyUrl = `/research/studies/${study.id}`;

  await test.step('before anyone consents, an export is refused in plain words', async () => {
    const { page } = researcher;
    await signIn(page, owner);
    await page.goto(studyUrl);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const cohort = page.getByRole('table', { name: /Members by group/ });
    await expect(cohort.getByRole('row', { name: /Members who consent/ })).toContainText('0');
    await expect(page.getByText(`Fewer than ${K} members consent so far`)).toBeVisible();
    await page.getByRole('button', { name: 'Request the export' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Not enough members consent yet');
    await expect(alert).toContainText(`Fewer than ${K} members consent to this study`);
    await expect(page.getByText('No exports yet.')).toBeVisible();
  });

  // The leaver looks before anything was shared: the log says so.
  const leaverPage = await personPage(browser, baseURL);
  const leaverFailed = watchFailures(leaverPage.page);
  await test.step('a patient’s data-access log starts empty, and says why', async () => {
    const { page } = leaverPage;
    await signIn(page, leaver);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Data access' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data access' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Nothing has been shared yet' })).toBeVisible();
    await checkPage(page);
  });

  // All twelve share blood pressure; only the first two also share PHQ-9 (fewer than k).
  await Promise.all(
    patients.map((p, i) =>
      consent(
        request,
        p,
        study.id,
        study.consent_sha256,
        i < 2 ? ['measurement:blood_pressure', 'questionnaire:phq-9'] : ['measurement:blood_pressure'],
      ),
    ),
  );

  await test.step('the cohort preview shows counts as bars, and a count below k only as words', async () => {
    const { page } = researcher;
    await page.reload();
    const cohort = page.getByRole('table', { name: /Members by group/ });
    await expect(cohort.getByRole('row', { name: /Members who consent/ })).toContainText(`at least ${K}`);
    const bp = cohort.getByRole('row', { name: /Blood pressure/ });
    await expect(bp).toContainText(`at least ${K}`);
    await expect(bp.locator('rect.cohort-bar')).toHaveCount(1);
    const phq = cohort.getByRole('row', { name: /PHQ-9/ });
    await expect(phq).toContainText(`fewer than ${K}`);
    // No bar of any length for a hidden count.
    await expect(phq.locator('svg, rect')).toHaveCount(0);
    await expect(page.getByText(/an export now would leave it out/)).toBeVisible();
    await checkPage(page);
    await shoot(page.getByRole('region', { name: 'Cohort preview' }), 'research-cohort');
  });

  /** Asks for a CSV export and waits until the newest one is ready; returns its list item. */
  async function exportCsv(page: Page) {
    await page.getByLabel('CSV', { exact: true }).check();
    await page.getByRole('button', { name: 'Request the export' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'A CSV export is on its way' })).toBeVisible();
    const newest = page.locator('.export-list > li').first();
    // The list refreshes by itself every 2 s while the export is queued or being written.
    await expect(newest.locator('.export-status')).toHaveText('Ready', { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Your CSV export is ready to download.' })).toBeVisible();
    return newest;
  }

  await test.step('the researcher asks for a CSV export, watches it become ready and downloads the zip', async () => {
    const { page } = researcher;
    const item = await exportCsv(page);
    await expect(item).toContainText(`${PATIENTS} participants`);
    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: /Download the zip/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kindred-export-csv-.+\.zip$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(page.getByRole('status').filter({ hasText: 'Your download has started.' })).toBeVisible();
  });

  await test.step('the manifest says who is in it, what was left out, the rows and the checksums', async () => {
    const { page } = researcher;
    const item = page.locator('.export-list > li').first();
    await item.getByText(/^Manifest/).click();
    const facts = item.locator('.manifest .study-facts');
    await expect(facts).toContainText(`Participants${PATIENTS}`);
    await expect(facts).toContainText(/Left out \(too few members share them\)PHQ-9/);
    await expect(facts.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
    const files = item.getByRole('table', { name: 'Files in the zip' });
    await expect(files.getByRole('row', { name: /participants\.csv/ })).toContainText(String(PATIENTS));
    await expect(files.getByRole('row', { name: /measurements\.csv/ })).toBeVisible();
    await expect(files.locator('tbody code.hash').first()).toHaveText(/^[0-9a-f]{64}$/);
    await checkPage(page);
    await shoot(page.getByRole('region', { name: 'Exports', exact: true }), 'research-exports');
  });

  const stayerPage = await personPage(browser, baseURL);
  const stayerFailed = watchFailures(stayerPage.page);
  await test.step('a consenting patient sees the export in their data-access log', async () => {
    const { page } = stayerPage;
    await signIn(page, stayer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Data access' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data access' })).toBeVisible();
    const entries = page.locator('.timeline > li');
    await expect(entries).toHaveCount(1);
    // PHQ-9 was left out of the export (fewer than k shared it), so only blood pressure went.
    await expect(entries.first()).toContainText(
      new RegExp(`${title} \\(${institution}\\) received your blood pressure measurements on .+ — 3 days of data`),
    );
    await expect(entries.first()).not.toContainText('PHQ-9');
    await expect(entries.first()).not.toContainText('File deleted');
    await checkPage(page, 'privacy-data-access');
  });

  await test.step('another patient withdraws in their browser; the past export stays in their log', async () => {
    const { page } = leaverPage;
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Your consents' }).click();
    const card = page.locator('.consent-card').filter({ hasText: title });
    await card.getByRole('button', { name: 'Withdraw my consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: `You withdrew from “${title}”` })).toBeVisible();
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Data access' }).click();
    const entries = page.locator('.timeline > li');
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText(`${title} (${institution}) received your blood pressure measurements`);
    await expect(entries.first()).toContainText('2 days of data');
  });

  await test.step('the next export leaves out the patient who withdrew', async () => {
    const { page } = researcher;
    await page.reload();
    const item = await exportCsv(page);
    await expect(item).toContainText(`${PATIENTS - 1} participants`);
    await item.getByText(/^Manifest/).click();
    await expect(item.locator('.manifest .study-facts')).toContainText(`Participants${PATIENTS - 1}`);
    await expect(page.locator('.export-list > li')).toHaveCount(2);
    await expect(page.locator('.export-list > li').nth(1)).toContainText(`${PATIENTS} participants`);

    // The one who stayed is in both exports; the one who withdrew only in the first.
    await stayerPage.page.reload();
    await expect(stayerPage.page.locator('.timeline > li')).toHaveCount(2);
    await leaverPage.page.reload();
    await expect(leaverPage.page.getByRole('heading', { level: 1, name: 'Data access' })).toBeVisible();
    await expect(leaverPage.page.locator('.timeline > li')).toHaveCount(1);
  });

  for (const [who, person, failed] of [
    ['researcher', researcher, researcherFailed],
    ['leaver', leaverPage, leaverFailed],
    ['stayer', stayerPage, stayerFailed],
  ] as const) {
    expect(unexpected(person.errors), who).toEqual([]);
    expect(failed, who).toEqual([]);
    await person.context.close();
  }
});
