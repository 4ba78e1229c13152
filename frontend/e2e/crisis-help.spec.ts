// Crisis help comes as soon as an answer raises the questionnaire's crisis flag (before the
// answers are sent), stays on the saved response and the dashboard, and a "Get help now" link
// on every page leads to the crisis numbers, for the member's country.
import { expect, test, type Page } from '@playwright/test';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolations,
  registerVerified,
  screenshot,
  signIn,
  unexpected,
  watchConsole,
} from './helpers';

/** Answers PHQ-9 items 1–8 with "Not at all", and stops on item 9. */
async function answerFirstEight(page: Page) {
  for (let i = 1; i <= 8; i++) {
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Question ${i} of 10`) })).toBeVisible();
    await page.getByRole('group').getByLabel('Not at all', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await expect(page.getByRole('heading', { level: 2, name: /^Question 9 of 10/ })).toBeVisible();
}

test('an answer that raises the crisis flag shows help at once, on the saved response and the dashboard', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  // The member lives in the UK (the browser's own locale is en-US): the UK's numbers are shown.
  const token = await apiToken(request, user);
  await apiCall(request, token, 'PATCH', '/me', { country: 'GB' });
  await signIn(page, user);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await page.getByRole('link', { name: 'PHQ-9 (depression)', exact: true }).click();
  await answerFirstEight(page);
  const note = page.getByRole('status').filter({ hasText: /talk to someone now/ });
  await expect(note).toHaveCount(0);

  await test.step('the note appears as soon as the answer is chosen, before anything is sent', async () => {
    const choice = page.getByRole('group').getByLabel('Several days', { exact: true });
    await choice.check();
    await expect.soft(note).toBeVisible();
    await expect.soft(note.getByRole('link', { name: '116 123' })).toHaveAttribute('href', 'tel:116123');
    // Announced politely: the answer keeps the focus.
    await expect(choice).toBeFocused();
    await screenshot(page, 'questionnaire-crisis-note');
    await expectNoSeriousA11yViolations(page);
    // Choosing "Not at all" again takes it away; the note follows the answers.
    await page.getByRole('group').getByLabel('Not at all', { exact: true }).check();
    await expect(note).toHaveCount(0);
    await choice.check();
    await expect.soft(note).toBeVisible();
  });

  await test.step('it stays on the following steps until the answers are sent', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Question 10 of 10/ })).toBeVisible();
    await expect.soft(note).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeVisible();
    await expect.soft(note).toBeVisible();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    const crisis = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /thinking about harming yourself/ }) });
    await expect(crisis).toBeVisible();
    await expect.soft(crisis.getByRole('link', { name: '116 123' })).toBeVisible();
  });

  await test.step('the saved response repeats the crisis help', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('region', { name: 'Your recent answers' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /^PHQ-9 \(depression\), / })).toBeVisible();
    const help = page.getByRole('region', { name: /thinking about harming yourself/ });
    await expect.soft(help).toBeVisible();
    await expect.soft(help.getByRole('link', { name: '116 123' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('the dashboard marks the response', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const panel = page.getByRole('region', { name: 'Questionnaires' });
    await expect.soft(panel).toContainText(/thoughts of harming yourself/);
    await expect.soft(panel.getByRole('link', { name: /crisis numbers/i })).toHaveAttribute('href', '/help');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('"Get help now" in the header leads to the numbers', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Get help now' }).click();
    await expect(page).toHaveURL(/\/help$/);
    await expect(page.getByRole('heading', { level: 1, name: /help now/i })).toBeVisible();
    const mine = page.getByRole('region', { name: /United Kingdom/ });
    await expect(mine.getByRole('link', { name: '116 123' })).toHaveAttribute('href', 'tel:116123');
    await expect(page.getByRole('link', { name: /findahelpline\.com/ })).toBeVisible();
    await screenshot(page, 'help');
    await expectNoSeriousA11yViolations(page);
  });
  expect(unexpected(errors)).toEqual([]);
});

test('the help page needs no sign-in and follows the browser locale', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'en-AU' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Get help now' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: /help now/i })).toBeVisible();
  const mine = page.getByRole('region', { name: /Australia/ });
  await expect(mine.getByRole('link', { name: '13 11 14' })).toHaveAttribute('href', 'tel:131114');
  await expect(mine.getByRole('link', { name: '000' })).toHaveAttribute('href', 'tel:000');
  // Everyone else's numbers, and the international fallback, are on the page too.
  await expect(page.getByRole('link', { name: '988' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /findahelpline\.com/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});
