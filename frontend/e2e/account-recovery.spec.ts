// Forgotten password → reset link from the outbox → sign in → change password → delete the
// account.
import { expect, test } from '@playwright/test';
import { registerVerified, signIn, unexpected, watchConsole } from './helpers';
import { waitForLink } from './mailbox';

test('reset a forgotten password, change it, then delete the account', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  const since = Date.now();

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email address').fill(user.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toContainText(user.email);

  const link = await waitForLink(user.email, /\/reset-password\?token=/, { since });
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('a brand new long passphrase');
  await page.getByLabel('Type the new password again').fill('a different long passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
  await page.getByLabel('Type the new password again').fill('a brand new long passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Your password is changed. Sign in with your new password.')).toBeVisible();

  // The link is single use.
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('yet another long passphrase');
  await page.getByLabel('Type the new password again').fill('yet another long passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('This link was already used or has expired');

  user.password = 'a brand new long passphrase';
  await signIn(page, user);

  await page.goto('/profile/password');
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password', { exact: true }).fill('the third long passphrase');
  await page.getByLabel('Type the new password again').fill('the third long passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password is changed.')).toBeVisible();
  user.password = 'the third long passphrase';

  // Still signed in on this device with the fresh session.
  await page.getByRole('link', { name: 'Your data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await expect(page.getByText('Enter your password to confirm.')).toBeVisible();
  await expect(page.getByText('Tick this box to confirm you understand.')).toBeVisible();
  await page.getByLabel('Your password').fill(user.password);
  await page.getByLabel(/I understand my account and data will be deleted/).check();
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await expect(page.getByText('Your account and your data have been deleted.')).toBeVisible();

  // The old credentials no longer work.
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('That email and password do not match an account');
  expect(unexpected(errors)).toEqual([]);
});
