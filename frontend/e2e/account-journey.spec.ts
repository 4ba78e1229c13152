// The first journey of a member: register → confirm the email from the outbox → sign in →
// choose conditions → edit the profile → see devices → sign out. Saves screenshots of the
// main pages to docs/screenshots/.
import { expect, test } from '@playwright/test';
import {
  expectNoSeriousA11yViolations,
  registerVerified,
  screenshot,
  uniqueUser,
  unexpected,
  watchConsole,
} from './helpers';
import { waitForLink } from './mailbox';

test('register, verify, sign in, set up the profile and sign out', async ({ page }) => {
  const errors = watchConsole(page);
  const user = uniqueUser('journey');

  await test.step('home page', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Track your health');
    await screenshot(page, 'home');
  });

  await test.step('register', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
    // Client-side checks first: too short a password is refused next to the field.
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Handle').fill(user.handle);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
    await screenshot(page, 'register-error');
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByLabel(/I have read and accept the terms of use/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expect(page.getByText(user.email)).toBeVisible();
    await screenshot(page, 'check-email');
  });

  await test.step('open the verification link from the outbox', async () => {
    const link = await waitForLink(user.email, /\/verify-email\?token=/);
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    await page.goto(link);
    await expect(page.getByText('Your email address is confirmed.')).toBeVisible();
    await screenshot(page, 'verify-email');
  });

  await test.step('sign in', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await screenshot(page, 'login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const item of ['Dashboard', 'Measurements', 'Questionnaires', 'Profile']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.getByText('Please confirm your email address')).toHaveCount(0);
    await screenshot(page, 'dashboard-empty');
  });

  await test.step('choose a condition', async () => {
    await page.getByRole('link', { name: 'Choose my conditions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your conditions' })).toBeVisible();
    await page.getByLabel('Search for a condition').fill('asth');
    await expect(page.getByText('1 match.')).toBeVisible();
    await page.getByRole('button', { name: 'Choose Asthma' }).click();
    await expect(page.getByRole('heading', { level: 3, name: /Asthma/ })).toBeFocused();
    await page.getByLabel('Year you were diagnosed (optional)').fill('2009');
    await page.getByLabel('In remission').check();
    await expect(page.getByLabel('This is my main condition')).toBeChecked();
    await screenshot(page, 'conditions-add');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Add to my list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added Asthma' })).toBeVisible();
    const mine = page.getByRole('region', { name: 'On your list' });
    await expect(mine.getByRole('listitem')).toHaveCount(1);
    await expect(mine.getByRole('listitem')).toContainText('Asthma');
    await expect(mine.getByRole('listitem')).toContainText('Main condition');
    await expect(mine.getByText('In remission · diagnosed in 2009')).toBeVisible();
    await screenshot(page, 'conditions');
    await page.getByRole('link', { name: 'Done: go to my dashboard' }).click();
    await expect(page.getByRole('region', { name: 'Your conditions' }).getByRole('listitem')).toContainText('Asthma');
    await screenshot(page, 'dashboard-conditions');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('edit the profile', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    // New accounts start private ("Only me").
    await expect(page.getByLabel('Only me')).toBeChecked();
    await page.getByLabel('Only me').check();
    await page.getByLabel('Year of birth').fill('1980');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Country').fill('gb');
    await page.getByLabel(/Send me emails/).uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Your profile is saved.')).toBeVisible();
    await expect(page.getByLabel('Country')).toHaveValue('GB');
    await screenshot(page, 'profile');
    await expectNoSeriousA11yViolations(page);

    // A reload drops the in-memory token; the session comes back through the refresh cookie.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    await expect(page.getByLabel('Only me')).toBeChecked();
    await expect(page.getByLabel('Year of birth')).toHaveValue('1980');
    await expect(page.getByLabel('Sex')).toHaveValue('female');
    await expect(page.getByLabel(/Send me emails/)).not.toBeChecked();
  });

  await test.step('a server field error shows next to its field', async () => {
    const other = await registerVerified(page.request, uniqueUser('taken'));
    await page.getByLabel('Handle').fill(other.handle);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const handle = page.getByLabel('Handle');
    await expect(handle).toHaveAttribute('aria-invalid', 'true');
    await expect(handle).toBeFocused();
    await expect(page.getByText('This handle is taken; choose another.')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'profile-handle-taken');
    await handle.fill(user.handle);
  });

  await test.step('signed-in devices', async () => {
    await page.getByRole('navigation', { name: 'Profile sections' }).getByRole('link', { name: 'Signed-in devices' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Signed-in devices' })).toBeVisible();
    await expect(page.getByText('This device')).toBeVisible();
    await screenshot(page, 'sessions');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('your data page', async () => {
    await page.getByRole('link', { name: 'Your data' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Delete your account' })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kindred-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const body = JSON.parse(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8'));
    expect(JSON.stringify(body)).toContain(user.email);
    await screenshot(page, 'your-data');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('dark theme and a narrow screen', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'dashboard-dark');
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-mobile-dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('You are signed out.')).toBeVisible();
    // The session is gone on the server too: a reload does not bring it back.
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Please sign in to continue.')).toBeVisible();
  });

  expect(unexpected(errors)).toEqual([]);
});
