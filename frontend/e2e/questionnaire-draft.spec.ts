// Taking a questionnaire: the count of questions agrees with the counter, and answers in
// progress survive a reload (kept in this tab's sessionStorage) until they are sent.
import { expect, test, type Page } from '@playwright/test';
import { registerVerified, signIn, unexpected, watchConsole } from './helpers';

const ANSWERS = ['Several days', 'More than half the days', 'Not at all'];

/** The sessionStorage keys of questionnaire drafts for PHQ-9. */
function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('phq-9')));
}

test('PHQ-9 counts its questions consistently, and answers in progress survive a reload', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);
  await page.goto('/questionnaires/phq-9');
  await expect(page.getByRole('heading', { level: 1, name: 'PHQ-9 (depression)' })).toBeVisible();

  await test.step('the count of questions agrees with the counter', async () => {
    // Nine questions to answer and one optional (how difficult the problems made life).
    await expect.soft(page.getByText('9 questions and 1 optional question')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Question 1 of 10' })).toBeVisible();
  });

  await test.step('answer three questions, then reload', async () => {
    for (const [i, label] of ANSWERS.entries()) {
      await expect(page.getByRole('heading', { level: 2, name: `Question ${i + 1} of 10` })).toBeVisible();
      await page.getByRole('group').getByLabel(label, { exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await expect(page.getByRole('heading', { level: 2, name: 'Question 4 of 10' })).toBeVisible();
    // Leaving with answers not sent asks first (the browser's own "leave site?" question).
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect.soft(asked).toEqual(['beforeunload']);
  });

  await test.step('the three answers are still chosen', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Question 4 of 10' })).toBeVisible();
    for (let i = ANSWERS.length - 1; i >= 0; i--) {
      await page.getByRole('button', { name: 'Back' }).click();
      await expect(page.getByRole('heading', { level: 2, name: `Question ${i + 1} of 10` })).toBeVisible();
      await expect(page.getByRole('group').getByLabel(ANSWERS[i]!, { exact: true })).toBeChecked();
    }
    expect(await draftKeys(page)).toHaveLength(1);
  });

  await test.step('leaving within the app asks first, and staying keeps the answers', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const ask = page.getByRole('alertdialog', { name: /Leave .*PHQ-9/ });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: /Stay/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Question 1 of 10' })).toBeVisible();
    await expect(page.getByRole('group').getByLabel(ANSWERS[0]!, { exact: true })).toBeChecked();
  });

  await test.step('sending the answers clears the draft', async () => {
    for (let i = 1; i <= 9; i++) {
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Question ${i} of 10`) })).toBeVisible();
      if (i > ANSWERS.length) await page.getByRole('group').getByLabel('Not at all', { exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await expect(page.getByRole('heading', { level: 2, name: /^Question 10 of 10/ })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /your result/ })).toBeVisible();
    expect(await draftKeys(page)).toEqual([]);
    // Nothing is left to lose: leaving does not ask.
    await page.getByRole('link', { name: 'Back to questionnaires' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  });
  expect(unexpected(errors)).toEqual([]);
});

test('"Discard answers" forgets the answers in progress', async ({ page, request }) => {
  const user = await registerVerified(request);
  await signIn(page, user);
  await page.goto('/questionnaires/phq-9');
  await page.getByRole('group').getByLabel('Nearly every day', { exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Question 2 of 10' })).toBeVisible();
  expect(await draftKeys(page)).toHaveLength(1);
  await page.getByRole('button', { name: 'Discard answers' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Question 1 of 10' })).toBeVisible();
  await expect(page.getByRole('group').getByLabel('Nearly every day', { exact: true })).not.toBeChecked();
  expect(await draftKeys(page)).toEqual([]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Question 1 of 10' })).toBeVisible();
  await expect(page.getByRole('group').getByLabel('Nearly every day', { exact: true })).not.toBeChecked();
});
