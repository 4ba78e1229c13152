// An axe scan of every page of the app, signed out and signed in (as a demo patient, so the
// pages show real data), in the light and the dark theme: no serious or critical violations.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, registerVerified, signIn } from './helpers';

const DEMO = { email: 'maria@demo.kindred.example', password: 'kindred-demo-garden-2026' };

const SIGNED_OUT = [
  '/',
  '/login',
  '/register',
  '/check-email',
  '/forgot-password',
  '/verify-email?token=not-a-real-token',
  '/reset-password?token=not-a-real-token',
  '/help',
  '/terms',
  '/privacy-notice',
  '/disclaimer',
  '/no-such-page',
];

const SIGNED_IN = [
  '/dashboard',
  '/onboarding/conditions',
  '/measurements',
  '/measurements?type=body_weight',
  '/measurements?type=blood_glucose',
  '/measurements/import',
  '/measurements/apple-health',
  '/questionnaires',
  '/questionnaires/phq-9',
  '/questionnaires/phq-9/history',
  '/report',
  '/help',
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

// The moderators', researchers' and administrators' pages, as the demo moderator, researcher
// and administrator.
const BY_ROLE = [
  {
    email: 'mod@demo.kindred.example',
    paths: [
      '/moderation',
      '/moderation/appeals',
      '/moderation/hypertension',
      '/moderation/hypertension/held',
      '/moderation/hypertension/members',
      '/moderation/hypertension/log',
    ],
  },
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

// Pages whose address holds an id: reached from a list page by its first link of that shape,
// as the person who can see them.
const FOLLOWED: { email: string; from: string; link: string; show?: (page: Page) => Promise<void> }[] = [
  { email: DEMO.email, from: '/communities/hypertension', link: 'a[href^="/threads/"]' },
  { email: DEMO.email, from: '/privacy', link: 'a[href^="/privacy/invitations/"]' },
  { email: DEMO.email, from: '/privacy/consents', link: 'a[href^="/privacy/consents/"]' },
  { email: 'researcher@demo.kindred.example', from: '/research', link: 'a[href^="/research/studies/"]:not([href$="/new"])' },
  {
    email: 'admin@demo.kindred.example',
    from: '/admin/studies',
    link: 'a[href^="/admin/studies/"]',
    // The demo study is approved; the page shows the review queue until asked otherwise.
    show: async (page) => {
      await page.getByLabel('Show studies').selectOption('approved');
    },
  },
];

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

  test(`every page reached by an id passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const { email, from, link, show } of FOLLOWED) {
      await signInAs(page, email);
      await page.goto(from);
      await show?.(page);
      await page.waitForLoadState('networkidle');
      const href = await page.locator(link).first().getAttribute('href');
      expect(href, `a link ${link} on ${from}`).toBeTruthy();
      await test.step(href ?? from, () => scan(page, href ?? from));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    }
  });
}

// A new member's first visit: the dashboard asks who may see the profile and lists the first
// steps; adding a condition suggests what to track.
for (const scheme of ['light', 'dark'] as const) {
  test(`a new member's first-visit pages pass axe (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const user = await registerVerified(request);
    await signIn(page, user);
    await expect(page.getByRole('region', { name: 'Who may see your profile?' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Getting started' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('region', { name: 'Who may see your profile?' }).getByLabel('Anyone', { exact: true }).check();
    await expectNoSeriousA11yViolations(page);
    await page.goto('/onboarding/conditions');
    await page.getByLabel('Search for a condition').fill('asthma');
    await page.getByRole('button', { name: 'Choose Asthma' }).click();
    await page.getByRole('button', { name: 'Add to my list' }).click();
    await expect(page.getByRole('region', { name: 'Suggested for Asthma' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
}
