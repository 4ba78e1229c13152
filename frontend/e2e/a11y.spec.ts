// An axe scan of every page of the app, signed out and signed in (as a demo patient, so the
// pages show real data), in the light and the dark theme: no serious or critical violations.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers';

const DEMO = { email: 'maria@demo.kindred.example', password: 'kindred-demo-garden-2026' };

const SIGNED_OUT = [
  '/',
  '/login',
  '/register',
  '/check-email',
  '/forgot-password',
  '/verify-email?token=not-a-real-token',
  '/reset-password?token=not-a-real-token',
  '/no-such-page',
];

const SIGNED_IN = [
  '/dashboard',
  '/onboarding/conditions',
  '/measurements',
  '/measurements?type=body_weight',
  '/measurements/import',
  '/questionnaires',
  '/questionnaires/phq-9',
  '/questionnaires/phq-9/history',
  '/profile',
  '/profile/password',
  '/profile/sessions',
  '/profile/data',
  '/communities',
  '/communities/welcome',
  '/communities/welcome/search?q=kindred',
  '/notifications',
  '/research/apply',
  '/privacy',
  '/privacy/consents',
  '/privacy/data-access',
  '/privacy/visibility',
];

// The researchers' and the administrators' pages, as the demo researcher and administrator.
const BY_ROLE = [
  { email: 'researcher@demo.kindred.example', paths: ['/research', '/research/studies/new'] },
  {
    email: 'admin@demo.kindred.example',
    paths: [
      '/admin',
      '/admin/researchers',
      '/admin/studies',
      '/admin/conditions',
      '/admin/communities',
      '/admin/communities/chronic-pain',
      '/admin/questionnaires',
      '/admin/questionnaires/phq-9',
      '/admin/users',
      '/admin/flags',
      '/admin/audit',
    ],
  },
];

async function signInAs(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
}

async function scan(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // Let lazy parts (charts, lists) arrive before scanning.
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolations(page);
}

// Many pages per test: give slow machines room (each page is also bounded by expect timeouts).
test.describe.configure({ timeout: 180_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`every signed-out page passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of SIGNED_OUT) {
      await test.step(path, () => scan(page, path));
    }
  });

  test(`every signed-in page passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signInAs(page, DEMO.email);
    for (const path of SIGNED_IN) {
      await test.step(path, () => scan(page, path));
    }
  });

  test(`every researcher and administrator page passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const { email, paths } of BY_ROLE) {
      await signInAs(page, email);
      for (const path of paths) {
        await test.step(path, () => scan(page, path));
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    }
  });
}
