// One whole journey with the keyboard alone (no clicks): sign in as a demo patient, go to
// the questionnaires, answer PHQ-2 with arrow keys, review, submit, read the result, then
// log a blood pressure reading.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, screenshot } from './helpers';

const DEMO = { email: 'tom@demo.kindred.example', password: 'kindred-demo-garden-2026' };

/** Presses Tab (up to `max` times) until `target` has focus. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('sign in, answer a questionnaire and log a reading with the keyboard alone', async ({ page }) => {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(DEMO.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, tom_r' })).toBeVisible();

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: /PHQ-2/ }).first());
  await page.keyboard.press('Enter');

  // Question 1: Tab into the radio group, arrow down twice ("More than half the days").
  await expect(page.getByRole('heading', { level: 2, name: 'Question 1 of 2' })).toBeVisible();
  const q1 = page.getByRole('group').first();
  await tabTo(page, q1.getByRole('radio').first());
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(q1.getByLabel('More than half the days')).toBeChecked();
  await screenshot(page, 'questionnaire-step');
  await expectNoSeriousA11yViolations(page);
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');

  // Question 2: focus starts on the step heading; one arrow press from the first option.
  await expect(page.getByRole('heading', { level: 2, name: 'Question 2 of 2' })).toBeFocused();
  const q2 = page.getByRole('group').first();
  await tabTo(page, q2.getByRole('radio').first());
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(q2.getByLabel('Several days')).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Submit my answers' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /your result/ })).toBeFocused();
  await expect(page.locator('.score-big')).toHaveText('3');
  await screenshot(page, 'questionnaire-result');
  await expectNoSeriousA11yViolations(page);

  // Log a reading: the form is reachable and submittable from the keyboard.
  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurements' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Systolic (mmHg)'));
  await page.keyboard.type('126');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Diastolic (mmHg)')).toBeFocused();
  await page.keyboard.type('79');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved: blood pressure 126/79 mmHg.' })).toBeVisible();
});
