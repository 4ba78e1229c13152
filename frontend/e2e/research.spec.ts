// Research end to end, each person in their own browser: a patient applies to become a
// researcher, an administrator approves the application, the new researcher drafts a study
// through the form (a 422 lands on its field first), submits it, the administrator approves it
// with relative dates, and the researcher sees it approved with its consent text. Every new
// page passes axe in both themes; the patient never downloads the researchers' pages.
import { expect, test, type Page } from '@playwright/test';
import {
  apiCall,
  apiToken,
  DEMO_ADMIN,
  expectNoSeriousA11yViolationsInBothThemes,
  registerVerified,
  screenshot,
  signIn,
  uniqueUser,
  unexpected,
  personPage,
  watchScripts,
  verifiedResearcher,
} from './helpers';

async function checkPage(page: Page, shot: string) {
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolationsInBothThemes(page);
  await screenshot(page, shot);
}

/** YYYY-MM-DD, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('a patient becomes a researcher and takes a study through review to approval', async ({ browser, request }, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = Date.now().toString(36);
  const institution = `University of Leeds ${tag}`;
  const title = `Sleep and mood in chronic pain ${tag}`;
  const applicant = await registerVerified(request, uniqueUser('researcher'));

  const researcher = await personPage(browser, baseURL);
  const scripts = watchScripts(researcher.page);

  await test.step('the patient applies to become a researcher', async () => {
    const { page } = researcher;
    await signIn(page, applicant);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Research' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Apply to become a verified researcher' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Become a researcher' })).toBeVisible();
    await checkPage(page, 'research-apply');
    await page.getByLabel('Institution', { exact: true }).fill(institution);
    await page.getByLabel('Your position there').fill('Senior lecturer in pain medicine');
    await page.getByLabel('Institutional email address').fill(`r.${tag}@leeds.example.ac.uk`);
    await page
      .getByLabel('What you research, and why you need data from Kindred')
      .fill('I study how sleep and mood change together in people living with chronic pain.');
    await page.getByRole('button', { name: 'Send my application' }).click();
    await expect(page.getByRole('heading', { name: 'Your application: Waiting for review' })).toBeVisible();

    // A patient never downloaded the researchers' or the administrators' pages.
    for (const url of scripts) {
      const body = await (await request.get(url)).text();
      expect(body.includes('What data the study asks for') || body.includes('Studies to review'), url).toBe(false);
    }
  });

  const admin = await personPage(browser, baseURL);
  await test.step('an administrator approves the application', async () => {
    const { page } = admin;
    await signIn(page, DEMO_ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    await checkPage(page, 'admin-home');
    await page.getByRole('link', { name: 'Researcher applications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Researcher applications' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ hasText: institution });
    await expect(card).toContainText('how sleep and mood change together');
    await checkPage(page, 'admin-researchers');
    await card.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByRole('status').filter({ hasText: `Approved: Senior lecturer in pain medicine at ${institution}` })).toBeVisible();
  });

  await test.step('the researcher sees the approval and drafts a study', async () => {
    const { page } = researcher;
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your application: Approved' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Research' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your studies' })).toBeVisible();
    await expect(page.getByText('You have no studies yet.')).toBeVisible();
    await checkPage(page, 'research-studies-empty');
    await page.getByRole('link', { name: 'Draft a new study' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Draft a study' })).toBeVisible();

    const form = page.getByRole('form', { name: 'Draft a study' });
    await form.getByLabel('Title').fill(title);
    // Too short: the server's 422 lands next to the field.
    await form.getByLabel('Summary for members').fill('Too short.');
    await form
      .getByLabel('Scientific purpose')
      .fill('To describe how sleep quality, mood and pain scores move together over six months.');
    await form.getByLabel('Ethics committee or IRB reference').fill(`IRB-2026-${tag}`);
    await form.getByLabel('Data from').fill(day(-180));
    await form.getByLabel('Data to').fill(day(0));
    await form.getByLabel('Study ends on').fill(day(90));
    await form.getByRole('group', { name: 'Communities' }).getByLabel('Living with chronic pain').check();
    await form.getByLabel('PHQ-9 (depression)').check();
    await form.getByLabel('Why you need it: PHQ-9 (depression)').fill('To follow mood alongside pain.');
    await form.getByLabel('Pain (0–10)', { exact: true }).check();
    await form.getByLabel('Why you need it: Pain (0–10)').fill('The main outcome of the study.');
    await checkPage(page, 'research-study-form');
    await form.getByRole('button', { name: 'Save draft' }).click();

    const summary = form.getByLabel('Summary for members');
    await expect(summary).toHaveAttribute('aria-invalid', 'true');
    await expect(summary).toBeFocused();
    await expect(form.locator('#lay_summary-error')).toContainText('at least 40 characters');
    await summary.fill(
      'We want to learn how sleep, mood and pain change together, to help people plan their days better.',
    );
    await form.getByRole('button', { name: 'Save draft' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'The study is saved.' })).toBeVisible();
    await expect(page.getByText('The main outcome of the study.')).toBeVisible();
    await checkPage(page, 'research-study-draft');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study was sent for review.' })).toBeVisible();
    await expect(page.getByText(/^Sent for review/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Submit for review' })).toHaveCount(0);
  });

  await test.step('the administrator approves the study with relative dates', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Studies to review' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Studies to review' })).toBeVisible();
    await checkPage(page, 'admin-studies');
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('To follow mood alongside pain.')).toBeVisible();
    await checkPage(page, 'admin-study-review');
    const approve = page.getByRole('form', { name: 'Approve' });
    await approve.getByLabel(/^Relative/).check();
    await approve.getByLabel('Note to the researchers (optional)').fill('Thank you: clear reasons for each category.');
    await approve.getByRole('button', { name: 'Approve the study' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study is approved' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Full consent text' })).toContainText(title);
    expect(unexpected(admin.errors)).toEqual([]);
    await admin.context.close();
  });

  await test.step('the researcher sees it approved, with its consent text', async () => {
    const { page } = researcher;
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const approved = page.getByRole('note', { name: 'Approved' });
    await expect(approved).toContainText('Relative');
    await expect(approved).toContainText('clear reasons for each category');
    const consent = page.getByRole('region', { name: 'Full consent text' });
    await expect(consent).toContainText(title);
    await expect(consent).toContainText(institution);
    await expect(page.getByRole('button', { name: /Submit/ })).toHaveCount(0);
    await checkPage(page, 'research-study-approved');
    expect(unexpected(researcher.errors)).toEqual([]);
    await researcher.context.close();
  });
});

test('an administrator sends a study back with a reason; the researcher changes it and submits again', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = Date.now().toString(36);
  const title = `Peak flow in asthma ${tag}`;
  const reason = 'Say why you need body weight: it is not part of the stated purpose.';

  // Set-up through the API: a verified researcher with a submitted study.
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const { owner, token: researcherToken } = await verifiedResearcher(
    request,
    adminToken,
    `Asthma Institute ${tag}`,
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
      { category: 'measurement:body_weight', reason: 'Weight as well.' },
    ],
  });
  await apiCall(request, researcherToken, 'POST', `/studies/${study.id}/submit`, undefined, 200);

  await test.step('the administrator rejects it with a reason', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, DEMO_ADMIN);
    await page.goto(`/admin/studies/${study.id}`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.getByRole('button', { name: 'Reject with a reason' }).click();
    const form = page.getByRole('form', { name: 'Reject with a reason' });
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Reject with a reason' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study was sent back' })).toBeVisible();
    await expect(page.getByRole('note', { name: 'The reviewer asked for changes' })).toContainText(reason);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('the researcher reads the reason, changes the study and submits it again', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, owner);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Research' }).click();
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('note', { name: 'The reviewer asked for changes' })).toContainText(reason);
    await checkPage(page, 'research-study-rejected');
    await page.getByRole('link', { name: 'Change the study' }).click();
    const form = page.getByRole('form', { name: 'Change the study' });
    await expect(form.getByLabel('Title')).toHaveValue(title);
    await expect(form.getByRole('checkbox', { name: 'Peak expiratory flow' })).toBeChecked();
    await form.getByRole('checkbox', { name: 'Body weight' }).uncheck();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study is saved.' })).toBeVisible();
    await expect(page.getByText('Weight as well.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Submit again for review' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study was sent for review.' })).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
