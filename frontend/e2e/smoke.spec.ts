import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, screenshot, unexpected, watchConsole } from './helpers';

test('the app loads from the backend with its security headers', async ({ page }) => {
  const errors = watchConsole(page);
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page).toHaveTitle('Kindred');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  // No CSP violations or script errors (the 401 of the signed-out session check is expected).
  expect(unexpected(errors)).toEqual([]);
});

test('home, sign-in and register pages have no serious accessibility problems', async ({ page }) => {
  for (const path of ['/', '/login', '/register', '/forgot-password', '/no-such-page']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
});

test('both themes pass axe', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectNoSeriousA11yViolations(page);
  // The choice survives a reload (applied by theme-init.js before the app starts).
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('keyboard alone reaches and fills the sign-in form', async ({ page }) => {
  await page.goto('/');
  // First Tab stop: the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  // Tab on to the header's "Sign in" link and follow it.
  const signIn = page.getByRole('banner').getByRole('link', { name: 'Sign in' });
  for (let i = 0; i < 10 && !(await signIn.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(signIn).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeFocused();

  const email = page.getByLabel('Email address');
  for (let i = 0; i < 15 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(email).toBeFocused();
  await page.keyboard.type('nobody@example.org');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('not the right password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('That email and password do not match an account');
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // The next Tab stop after main is inside the page, not the header.
  await expect(page.getByLabel('Email address')).toBeFocused();
});

test('works at 360 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/register');
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the signed-in pages fit a 360 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/login');
  await page.getByLabel('Email address').fill('maria@demo.kindred.example');
  await page.getByLabel('Password', { exact: true }).fill('kindred-demo-garden-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, maria_h' })).toBeVisible();
  for (const path of ['/dashboard', '/measurements', '/measurements?type=body_weight', '/measurements/import', '/questionnaires', '/questionnaires/phq-9', '/questionnaires/phq-9/history', '/profile/data']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto('/measurements');
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'measurements-mobile');
});
