// Private by default: a new account's profile is seen by nobody else and every email opt-in is
// off, and the app says so. On the first visit after sign-up the dashboard asks, in plain
// words, who may see the profile (the comprehension question comes before "Anyone"), until the
// member has chosen.
import { expect, test } from '@playwright/test';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolations,
  personPage,
  registerVerified,
  signIn,
  uniqueUser,
  unexpected,
  watchConsole,
} from './helpers';

test('a new account starts private with emails off, and the dashboard asks who may see the profile', async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  const user = uniqueUser('private');

  await test.step('the landing page says what starts private', async () => {
    await page.goto('/');
    const promises = page.getByRole('list').filter({ hasText: 'Private by default' });
    await expect.soft(promises).toContainText('Only you can see your profile until you choose who may');
    await expect.soft(promises).toContainText('emails about replies, study invitations and moderation are off');
  });

  await test.step('register, confirm the email, sign in', async () => {
    // Through the API, as a new member would through the sign-up page and the email's link.
    await registerVerified(request, user);
    await page.goto('/login');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();
  });

  await test.step('the profile shows "Only me" chosen and the emails box unticked', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    await expect(page.getByLabel('Only me')).toBeChecked();
    await expect.soft(page.getByLabel('Signed-in members')).not.toBeChecked();
    await expect(page.getByLabel('Anyone', { exact: true })).not.toBeChecked();
    await expect(page.getByLabel(/Send me emails/)).not.toBeChecked();
    // Each choice says what it shows, and to whom.
    await expect.soft(page.getByText('Nobody else can see your profile: not other members, not visitors.')).toBeVisible();
  });

  const prompt = page.getByRole('region', { name: 'Who may see your profile?' });
  await test.step('the dashboard asks who may see the profile, private chosen until then', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('Your profile is private: only you can see it.');
    await expect(prompt.getByLabel('Only me')).toBeChecked();
    await expect(prompt.getByLabel('Signed-in members')).toBeVisible();
    await expect(prompt).toContainText('Emails about replies, study invitations and moderation are off');
    await expectNoSeriousA11yViolations(page);
    // Not chosen yet: it asks again on the next visit.
    await page.reload();
    await expect(prompt).toBeVisible();
  });

  await test.step('"Anyone" asks the question first; a wrong answer explains', async () => {
    await prompt.getByLabel('Anyone', { exact: true }).check();
    await prompt.getByLabel('Only people signed in to Kindred').check();
    await prompt.getByRole('button', { name: 'Save my choice' }).click();
    await expect(prompt.getByText(/Not quite\. A public profile is open to anyone on the internet/)).toBeVisible();
  });

  await test.step('choosing signed-in members saves it, and the question is not asked again', async () => {
    await prompt.getByLabel('Signed-in members').check();
    await prompt.getByRole('button', { name: 'Save my choice' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved. Who can see your profile: Signed-in members.' }),
    ).toBeVisible();
    await expect(prompt).toHaveCount(0);
    const token = await apiToken(request, user);
    const me = await apiCall<{ profile: { visibility: string; notify_email: boolean } }>(request, token, 'GET', '/me');
    expect(me.profile).toMatchObject({ visibility: 'members', notify_email: false });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(prompt).toHaveCount(0);
  });

  expect(unexpected(errors)).toEqual([]);
});

test('"Only me" chosen on one device is not asked again on another', async ({ browser, baseURL, request }) => {
  const user = uniqueUser('onlyme');
  await registerVerified(request, user);
  const first = await personPage(browser, baseURL);
  const second = await personPage(browser, baseURL);
  try {
    await signIn(first.page, user);
    const prompt = first.page.getByRole('region', { name: 'Who may see your profile?' });
    await expect(prompt.getByLabel('Only me')).toBeChecked();
    await prompt.getByRole('button', { name: 'Save my choice' }).click();
    await expect(first.page.getByRole('status').filter({ hasText: 'Saved. Who can see your profile: Only me.' })).toBeVisible();
    await expect(prompt).toHaveCount(0);

    // Another browser (a phone, a clinic's computer): the account, not the browser, remembers.
    await signIn(second.page, user);
    await expect(second.page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();
    await second.page.waitForLoadState('networkidle');
    await expect(second.page.getByRole('region', { name: 'Who may see your profile?' })).toHaveCount(0);
    const token = await apiToken(request, user);
    const me = await apiCall<{ profile: { visibility: string; visibility_chosen: boolean } }>(request, token, 'GET', '/me');
    expect(me.profile).toMatchObject({ visibility: 'private', visibility_chosen: true });
    expect(unexpected([...first.errors, ...second.errors])).toEqual([]);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});
