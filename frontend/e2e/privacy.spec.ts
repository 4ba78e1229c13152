// The privacy centre end to end, against the real server: a researcher's study about asthma is
// approved (set up through the API); a patient with asthma finds the invitation under Privacy,
// ticks one of the two kinds of data it asks for, is stopped by the comprehension check, gets
// an answer wrong and reads why, passes, and lands on the receipt; downloads it as JSON; sees
// the consent in force and in the history; withdraws in one click; and makes the profile
// public only after answering who can then see it. Every page passes axe in both themes.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  apiCall,
  apiToken,
  DEMO_ADMIN,
  expectNoSeriousA11yViolationsInBothThemes,
  personPage,
  registerVerified,
  screenshot,
  signIn,
  uniqueUser,
  unexpected,
  verifiedResearcher,
} from './helpers';

/** YYYY-MM-DD, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function checkPage(page: Page, shot?: string) {
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolationsInBothThemes(page);
  if (shot) await screenshot(page, shot);
}

test('a patient consents to part of a study after the comprehension check, keeps the receipt and withdraws', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = Date.now().toString(36);
  const title = `Peak flow and asthma attacks ${tag}`;
  const institution = `Asthma Institute ${tag}`;

  // Set-up through the API: a verified researcher's study of members with asthma, approved.
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const { token: researcherToken } = await verifiedResearcher(
    request,
    adminToken,
    institution,
    'I study how peak flow readings predict asthma attacks at home.',
  );
  const study = await apiCall<{ id: string }>(request, researcherToken, 'POST', '/studies', {
    title,
    lay_summary: 'We want to learn whether falling peak flow readings warn of an asthma attack days ahead.',
    purpose: 'To measure how well home peak flow predicts exacerbations.',
    ethics_reference: `REC-${tag}`,
    data_from: day(-365),
    data_to: day(0),
    ends_on: day(60),
    conditions: ['asthma'],
    communities: [],
    categories: [
      { category: 'measurement:peak_flow', reason: 'The main measure of the study.' },
      { category: 'demographics', reason: 'To describe who took part.' },
    ],
  });
  await apiCall(request, researcherToken, 'POST', `/studies/${study.id}/submit`, undefined, 200);
  await apiCall(request, adminToken, 'POST', `/studies/${study.id}/approve`, { date_mode: 'relative' }, 200);

  // A new patient who lives with asthma: invited, and has never taken the comprehension check.
  const patient = await registerVerified(request, uniqueUser('patient'));
  const patientToken = await apiToken(request, patient);
  await apiCall(request, patientToken, 'POST', '/me/conditions', { condition: 'asthma', status: 'active' });

  const { context, page, errors } = await personPage(browser, baseURL);
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  await signIn(page, patient);

  await test.step('the patient finds the invitation under Privacy', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Study invitations' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ hasText: title });
    await expect(card).toContainText(institution);
    await expect(card).toContainText('Not answered');
    await checkPage(page);
    await card.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Why they ask: The main measure of the study.')).toBeVisible();
    await expect(page.getByText('Why they ask: To describe who took part.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Full consent text' })).toContainText(institution);
    await expect(page.locator('.fingerprint code')).toHaveText(/^[0-9a-f]{64}$/);
    await checkPage(page, 'privacy-invitation');
  });

  await test.step('a first consent is stopped by the comprehension check; a wrong answer is explained', async () => {
    await page.getByRole('checkbox', { name: 'Your peak flow measurements' }).check();
    await page.getByRole('button', { name: 'Give my consent' }).click();
    await expect(page.getByRole('heading', { name: /three quick questions/ })).toBeVisible();
    await checkPage(page, 'privacy-comprehension-check');
    await page.getByLabel('Only the kinds of data I tick, for that study only').check();
    await page.getByLabel('As a random code for that study; never my name, email or handle').check();
    await page.getByLabel('Every copy the researchers have is deleted').check();
    await page.getByRole('button', { name: 'Check my answers and continue' }).click();
    await expect(page.getByText(/researchers keep what they already\s+received/)).toBeVisible();
    await expect(page.getByText('One answer needs another look.', { exact: false })).toBeVisible();
    await checkPage(page);
  });

  let receiptUrl = '';
  await test.step('passing the check goes on to the consent, and the receipt shows what was agreed', async () => {
    await page.getByLabel(/No future exports include me/).check();
    await page.getByRole('button', { name: 'Check my answers and continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Consent receipt' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Your consent is recorded' })).toBeVisible();
    const receipt = page.getByRole('region', { name: 'You agreed to share' });
    await expect(receipt).toContainText(title);
    await expect(receipt).toContainText(institution);
    await expect(receipt).toContainText('Your peak flow measurements');
    await expect(receipt).not.toContainText('age band');
    receiptUrl = page.url();
    await checkPage(page, 'privacy-receipt');
  });

  await test.step('the receipt downloads as JSON', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download this receipt (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kindred-consent-.+\.json$/);
    const body = JSON.parse(await readFile((await file.path())!, 'utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({
      study_id: study.id,
      study_title: title,
      institution,
      kind: 'granted',
      version: 1,
      categories: ['measurement:peak_flow'],
    });
    expect(String(body.consent_sha256)).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptUrl).toContain(String(body.receipt_id));
  });

  await test.step('the consent is in force, and withdrawing it is one click', async () => {
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Your consents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your consents' })).toBeVisible();
    const current = page.locator('.consent-card').filter({ hasText: title });
    await expect(current).toContainText('Your peak flow measurements');
    await expect(current).toContainText('cannot recall copies the researchers already received');
    await checkPage(page, 'privacy-consents');
    await current.getByRole('button', { name: 'Withdraw my consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: `You withdrew from “${title}”` })).toBeVisible();
    await expect(page.locator('.consent-card')).toHaveCount(0);
    const history = page.getByRole('region', { name: `History: ${title}` });
    await expect(history.getByRole('link', { name: /^Withdrew/ })).toBeVisible();
    await expect(history.getByRole('link', { name: /^Agreed \(version 1\)/ })).toBeVisible();
    await checkPage(page);

    // The invitation says so too, and the old receipt is no longer in force.
    await page.goto(receiptUrl);
    await expect(page.getByRole('region', { name: 'You agreed to share' })).toContainText('No: replaced or withdrawn later');
    await expect(page.getByRole('button', { name: 'Withdraw my consent' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Study invitations' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('You withdrew on');
  });

  await test.step('making the profile public asks first who can then see it', async () => {
    await page.getByRole('navigation', { name: 'Privacy sections' }).getByRole('link', { name: 'Profile visibility' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile visibility' })).toBeVisible();
    await page.getByLabel('Anyone', { exact: true }).check();
    await page.getByLabel('Only people signed in to Kindred').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/Not quite\. A public profile is open to anyone on the internet/)).toBeVisible();
    await checkPage(page, 'privacy-visibility');
    await page.getByLabel(/Anyone on the internet, including people without an account/).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved. Who can see your profile: Anyone.' })).toBeVisible();
    const me = await apiCall<{ profile: { visibility: string } }>(request, patientToken, 'GET', '/me');
    expect(me.profile.visibility).toBe('public');
  });

  expect(unexpected(errors)).toEqual([]);
  expect(failed).toEqual([]);
  await context.close();
});
