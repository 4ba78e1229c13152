// The privacy-check journey with the keyboard alone (no clicks): sign in, find and join a
// community, start a thread whose text holds a phone number, meet the privacy check, go
// back to the text with the number selected, type over it and post.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { registerVerified, uniqueUser } from './helpers';

/** Presses Tab (up to `max` times) until `target` has focus. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a member meets the privacy check and edits a phone number out, by keyboard alone', async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await registerVerified(request, uniqueUser('keys'));
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
  await tabTo(page, page.getByLabel('Condition or topic'));
  await page.keyboard.type('welcome');
  await tabTo(page, page.getByRole('button', { name: 'Join Welcome and help' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'You joined Welcome and help.' })).toBeVisible();
  await tabTo(page, page.getByRole('region', { name: 'Your communities' }).getByRole('link', { name: 'Welcome and help' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome and help' })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Start a new thread' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New thread' });
  const title = `Hello from a keyboard ${Date.now().toString(36)}`;
  await tabTo(page, form.getByLabel('Title'));
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await page.keyboard.type('New here. Ask me anything: 555-123-4567.');
  await tabTo(page, form.getByRole('button', { name: 'Post thread' }));
  await page.keyboard.press('Enter');

  const review = form.getByRole('group', { name: /Check before you post/ });
  await expect(review).toBeFocused();
  await expect(review.locator('mark')).toContainText('555-123-4567');
  await tabTo(page, review.getByRole('button', { name: 'Edit my post' }));
  await page.keyboard.press('Enter');
  // The number is selected: typing replaces it.
  await expect(form.getByLabel('Your post')).toBeFocused();
  await page.keyboard.type('here in this thread');
  await expect(form.getByLabel('Your post')).toHaveValue('New here. Ask me anything: here in this thread.');
  await tabTo(page, form.getByRole('button', { name: 'Post thread' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('article').first()).toContainText('Ask me anything: here in this thread.');
});
