// The terms of use, privacy notice and medical disclaimer: public pages with the version the
// API has in force, linked from every page's footer and from sign-up; sign-up needs them
// accepted, sends the version, and the member's data export records it.
import { expect, test } from '@playwright/test';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolationsInBothThemes,
  uniqueUser,
  unexpected,
  watchConsole,
} from './helpers';
import { waitForLink } from './mailbox';

test.use({ locale: 'en-GB' });

const PAGES = [
  { link: 'Terms of use', path: '/terms', heading: 'Terms of use' },
  { link: 'Privacy notice', path: '/privacy-notice', heading: 'Privacy notice' },
  { link: 'Medical disclaimer', path: '/disclaimer', heading: 'Medical disclaimer' },
];

const ACCEPT = 'I have read and accept the terms of use, privacy notice and medical disclaimer';

async function termsVersion(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const res = await request.get('/api/v1/terms');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { version: string }).version;
}

test('the trust pages carry the version in force and are linked from the footer', async ({ page, request }) => {
  const errors = watchConsole(page);
  const version = await termsVersion(request);
  const [y, m, d] = version.split('-').map(Number);
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));

  await page.goto('/');
  for (const p of PAGES) {
    await test.step(p.path, async () => {
      const footer = page.getByRole('contentinfo').getByRole('navigation', { name: 'About Kindred' });
      await footer.getByRole('link', { name: p.link }).click();
      await expect(page).toHaveURL(p.path);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeFocused();
      await expect(page).toHaveTitle(`${p.heading} – Kindred`);
      // The version on the page is the one the API enforces at sign-up.
      await expect(page.getByTestId('terms-version')).toHaveText(version);
      await expect(page.locator(`time[datetime="${version}"]`)).toHaveText(date);
      await expectNoSeriousA11yViolationsInBothThemes(page);
    });
  }

  await test.step('the disclaimer says plainly what Kindred is not, and where help is', async () => {
    await page.goto('/disclaimer');
    await expect(page.getByText('Kindred is not a medical service and is not watched for emergencies.')).toBeVisible();
    await page.getByRole('link', { name: 'get help now with the crisis numbers for your country' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Get help now' })).toBeVisible();
  });

  await test.step('the pages are public and reachable directly', async () => {
    for (const p of PAGES) {
      const res = await page.goto(p.path);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
    }
  });

  expect(unexpected(errors)).toEqual([]);
});

test('sign-up needs the terms accepted, says so when they changed, and records the version', async ({
  page,
  context,
  request,
}) => {
  const errors = watchConsole(page);
  const version = await termsVersion(request);
  const user = uniqueUser('terms');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/register')) sent.push(r.method());
  });

  await page.goto('/register');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Handle').fill(user.handle);
  await page.getByLabel('Password', { exact: true }).fill(user.password);

  await test.step('not ticked: nothing is sent', async () => {
    await page.getByRole('button', { name: 'Create account' }).click();
    const box = page.getByRole('checkbox', { name: ACCEPT });
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toBeFocused();
    await expect(page.getByText('Tick this box to accept the terms of use, privacy notice and medical disclaimer.')).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
    expect(sent).toEqual([]);
  });

  await test.step('each document opens in a new tab and the form keeps what was typed', async () => {
    for (const p of PAGES) {
      const [tab] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('link', { name: p.link.toLowerCase(), exact: true }).click(),
      ]);
      await expect(tab.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      await expect(tab.getByTestId('terms-version')).toHaveText(version);
      await tab.close();
    }
    await expect(page.getByLabel('Email address')).toHaveValue(user.email);
    await expect(page.getByLabel('Handle')).toHaveValue(user.handle);
  });

  await test.step('terms changed meanwhile: the server refuses, the page says it in plain words', async () => {
    // As if the page had been loaded before the version now in force.
    await page.route('**/api/v1/auth/register', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, accepted_terms: '2020-01-01' }) });
    });
    await page.getByRole('checkbox', { name: ACCEPT }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    const box = page.getByRole('checkbox', { name: ACCEPT });
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByText(
        'The terms of use, privacy notice or medical disclaimer changed since you opened this page. Reload the page, read them again, and tick the box if you accept them.',
      ),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
    await page.unroute('**/api/v1/auth/register');
  });

  await test.step('ticked: the request names the version, and the account records it', async () => {
    const bodies: unknown[] = [];
    await page.route('**/api/v1/auth/register', async (route) => {
      bodies.push(route.request().postDataJSON());
      await route.continue();
    });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    expect(bodies).toEqual([expect.objectContaining({ email: user.email, accepted_terms: version })]);

    await page.goto(await waitForLink(user.email, /\/verify-email\?token=/));
    await expect(page.getByText('Your email address is confirmed.')).toBeVisible();
    const token = await apiToken(request, user);
    const exported = await apiCall<{ data: { account: { terms_version: string | null; terms_accepted_at: string | null } } }>(
      request,
      token,
      'GET',
      '/me/export',
    );
    expect(exported.data.account.terms_version).toBe(version);
    expect(exported.data.account.terms_accepted_at).toEqual(expect.any(String));
  });

  expect(unexpected(errors)).toEqual([]);
});
