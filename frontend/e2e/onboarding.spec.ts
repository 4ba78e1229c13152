// Onboarding: a first-run checklist on the dashboard (each item ticked from what the member has
// really done), and after adding a condition, suggestions of what to track for it.
import { expect, test, type Locator } from '@playwright/test';
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

const ITEMS = [
  'Add a condition',
  'Log a first reading',
  'Answer a questionnaire',
  'Choose who sees your profile',
  'Join a community',
];

/** Which checklist items are done, in order ("done" / "to do"). */
async function states(list: Locator): Promise<string[]> {
  return list.getByRole('listitem').evaluateAll((lis) =>
    lis.map((li) => (li.querySelector('[data-done="true"]') ? 'done' : 'to do')),
  );
}

test('the first-run checklist follows what the member does, and adding a condition suggests what to track', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);

  const checklist = page.getByRole('region', { name: 'Getting started' });
  const items = checklist.getByRole('list');
  await test.step('a new member sees every step to do', async () => {
    await expect(items.getByRole('listitem')).toHaveCount(5);
    for (const [i, name] of ITEMS.entries()) await expect(items.getByRole('listitem').nth(i)).toContainText(name);
    expect(await states(items)).toEqual(['to do', 'to do', 'to do', 'to do', 'to do']);
    await expect(checklist).toContainText('0 of 5 done');
    await screenshot(page, 'first-run-checklist');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('adding high blood pressure suggests blood pressure, and the link opens its form', async () => {
    await items.getByRole('link', { name: 'Add a condition' }).click();
    await page.getByLabel('Search for a condition').fill('hypert');
    await page.getByRole('button', { name: 'Choose High blood pressure (hypertension)' }).click();
    await page.getByRole('button', { name: 'Add to my list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added High blood pressure (hypertension)' })).toBeVisible();
    const suggestions = page.getByRole('region', { name: 'Suggested for High blood pressure (hypertension)' });
    await expect(suggestions.getByRole('link', { name: 'Log blood pressure' })).toBeVisible();
    await expect(suggestions.getByRole('link', { name: 'Log heart rate' })).toBeVisible();
    await expect(suggestions.getByRole('link', { name: 'Log body weight' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await suggestions.getByRole('link', { name: 'Log blood pressure' }).click();
    await expect(page.getByRole('combobox', { name: 'Measurement', exact: true })).toHaveValue('blood_pressure');
    await page.getByLabel('Systolic (mmHg)').fill('134');
    await page.getByLabel('Diastolic (mmHg)').fill('86');
    await page.getByRole('button', { name: 'Save reading' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved: blood pressure 134/86 mmHg.' })).toBeVisible();
  });

  await test.step('depression suggests PHQ-9, linked to the questionnaire', async () => {
    await page.goto('/onboarding/conditions');
    await page.getByLabel('Search for a condition').fill('depress');
    await page.getByRole('button', { name: 'Choose Depression' }).click();
    await page.getByRole('button', { name: 'Add to my list' }).click();
    const suggestions = page.getByRole('region', { name: 'Suggested for Depression' });
    const phq = suggestions.getByRole('link', { name: /^Answer PHQ-9/ });
    await expect(phq).toHaveAttribute('href', '/questionnaires/phq-9');
  });

  await test.step('the checklist shows what is done, from the member’s data', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => states(items)).toEqual(['done', 'done', 'to do', 'to do', 'to do']);
    await expect(checklist).toContainText('2 of 5 done');
    // Joining a community elsewhere (here through the API) ticks it too.
    const token = await apiToken(request, user);
    await apiCall(request, token, 'POST', '/communities/welcome/join', undefined, 204);
    await page.reload();
    await expect.poll(() => states(items)).toEqual(['done', 'done', 'to do', 'to do', 'done']);
  });

  await test.step('the checklist can be hidden, and stays hidden', async () => {
    await checklist.getByRole('button', { name: 'Hide this checklist' }).click();
    await expect(checklist).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(checklist).toHaveCount(0);
  });
  expect(unexpected(errors)).toEqual([]);
});
