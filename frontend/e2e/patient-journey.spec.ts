// The whole patient journey in one browser session, against the real backend: register,
// confirm the email from the outbox, sign in, add a condition, log a blood pressure reading
// and see it in the chart, import a CSV (dry run first), take PHQ-9 and see the band, see
// crisis resources for an answer that flags, download my data, delete my account.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoSeriousA11yViolations, screenshot, uniqueUser, unexpected, watchConsole } from './helpers';
import { waitForLink } from './mailbox';

async function answerPhq9(page: Page, answers: string[]) {
  for (const [i, label] of answers.entries()) {
    await expect(page.getByRole('heading', { level: 2, name: `Question ${i + 1} of 10` })).toBeVisible();
    await page.getByRole('group').getByLabel(label, { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  }
  // The tenth (how difficult) is optional.
  await expect(page.getByRole('heading', { level: 2, name: 'Question 10 of 10' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit my answers' }).click();
}

test('a new patient tracks their health from sign-up to account deletion', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = uniqueUser('journey');

  await test.step('register and confirm the email from the outbox', async () => {
    await page.goto('/register');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Handle').fill(user.handle);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByLabel(/I have read and accept the terms of use/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await page.goto(await waitForLink(user.email, /\/verify-email\?token=/));
    await expect(page.getByText('Your email address is confirmed.')).toBeVisible();
  });

  await test.step('sign in and add a condition', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${user.handle}` })).toBeVisible();
    await page.getByRole('link', { name: 'Choose my conditions' }).click();
    await page.getByLabel('Search for a condition').fill('depress');
    await page.getByRole('button', { name: 'Choose Depression' }).click();
    await page.getByRole('button', { name: 'Add to my list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added Depression' })).toBeVisible();
    await page.getByRole('link', { name: 'Done: go to my dashboard' }).click();
    await expect(page.getByRole('region', { name: 'Your conditions' })).toContainText('Depression');
    // PHQ-9 is linked to depression, so it is due straight away.
    await expect(page.getByRole('region', { name: 'Questionnaires' }).getByRole('link', { name: /Start PHQ-9/ })).toBeVisible();
  });

  await test.step('log a blood pressure reading and see it in the chart', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurements' }).click();
    await page.getByRole('combobox', { name: 'Measurement', exact: true }).selectOption({ label: 'Blood pressure' });
    await page.getByLabel('Systolic (mmHg)').fill('132');
    await page.getByLabel('Diastolic (mmHg)').fill('84');
    await page.getByLabel('Note (optional)').fill('after a walk');
    await page.getByRole('button', { name: 'Save reading' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved: blood pressure 132/84 mmHg.' })).toBeVisible();
    const history = page.getByRole('region', { name: 'Your blood pressure readings' });
    await expect(history.getByRole('cell', { name: '132/84 mmHg' })).toBeVisible();
    const figure = page.getByRole('figure');
    await expect(figure.locator('canvas').first()).toBeVisible();
    await figure.getByText('Show the numbers').click();
    await expect(figure.getByRole('cell', { name: '132' })).toBeVisible();
    await expect(figure.getByRole('cell', { name: '84' })).toBeVisible();

    // A typo is corrected in place (the server keeps the previous version).
    await history.getByRole('button', { name: /Correct the reading/ }).click();
    await history.getByLabel('Diastolic (mmHg)').fill('86');
    await history.getByRole('button', { name: 'Save correction' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Reading corrected to 132/86 mmHg.' })).toBeVisible();
    await expect(history.getByRole('cell', { name: '132/86 mmHg' })).toBeVisible();
  });

  await test.step('import a CSV, checking it first', async () => {
    await page.getByRole('link', { name: 'import many from a CSV file' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import readings' })).toBeVisible();
    const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const bad = `type,value,unit,taken_at\nbody_weight,81.4,kg,${day(3)}\nbody_weight,heavy,kg,${day(2)}\n`;
    await page.getByLabel(/paste the lines/).fill(bad);
    await page.getByRole('button', { name: 'Check file' }).click();
    const report = page.getByRole('alert').filter({ hasText: 'Nothing was stored' });
    await expect(report.getByRole('listitem')).toHaveText(['Line 3 (value): "heavy" is not a number.']);
    await screenshot(page, 'measurements-import-report');
    const good = `type,value,unit,taken_at\nbody_weight,81.4,kg,${day(3)}\nbody_weight,81.1,kg,${day(2)}\nbody_weight,180,[lb_av],${day(1)}\n`;
    await page.getByLabel(/paste the lines/).fill(good);
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByText('The file is fine: nothing was stored yet.')).toBeVisible();
    await expect(page.getByText('3 readings read, all valid. Choose Import to store them.')).toBeVisible();
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByText('3 readings read; imported 3.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'See your measurements' }).click();
    await page.getByRole('combobox', { name: 'Measurement', exact: true }).selectOption({ label: 'Body weight' });
    // 180 lb was converted to kilograms.
    const weights = page.getByRole('region', { name: 'Your body weight readings' });
    await expect(weights.getByRole('cell', { name: '81.65 kg' })).toBeVisible();
    // Someone who weighs in pounds sees pounds everywhere, and the choice is remembered.
    await page.getByLabel('Show readings in').selectOption({ label: 'lb' });
    await expect(weights.getByRole('cell', { name: '180 lb' })).toBeVisible();
    await expect(page.getByLabel('Unit')).toHaveValue('[lb_av]');
    const chart = page.getByRole('figure');
    await chart.getByText('Show the numbers').click();
    await expect(chart.getByRole('columnheader', { name: 'Body weight (lb)' })).toBeVisible();
    await expect(chart.getByRole('cell', { name: '180' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: 'Your body weight readings' }).getByRole('cell', { name: '180 lb' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('take PHQ-9 and see the band', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('link', { name: 'Start PHQ-9 (depression)' }).click();
    await answerPhq9(page, [...Array(8).fill('Several days'), 'Not at all']);
    await expect(page.getByRole('heading', { level: 1, name: /your result/ })).toBeVisible();
    await expect(page.getByText('out of 27')).toBeVisible();
    await expect(page.getByText(/This is in the Mild range/)).toBeVisible();
    await expect(page.getByRole('heading', { name: /thinking about harming yourself/ })).toHaveCount(0);
  });

  await test.step('an answer that flags shows crisis resources at once', async () => {
    await page.getByRole('link', { name: 'See how your PHQ-9 (depression) scores change' }).click();
    await page.getByRole('link', { name: 'Answer PHQ-9 (depression) now' }).click();
    await answerPhq9(page, [...Array(8).fill('Not at all'), 'More than half the days']);
    const crisis = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /thinking about harming yourself/ }) });
    await expect(crisis).toBeVisible();
    await expect(crisis).toBeFocused();
    await expect(crisis.getByRole('link', { name: '988' })).toBeVisible();
    await screenshot(page, 'questionnaire-crisis');
    await page.getByRole('link', { name: 'See how your PHQ-9 (depression) scores change' }).click();
    await expect(page.getByRole('table').last().locator('tbody tr')).toHaveCount(2);

    // The latest answers, read back as they were given.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('region', { name: 'Your recent answers' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /^PHQ-9 \(depression\), / })).toBeVisible();
    const answers = page.locator('dl.review-list');
    await expect(answers.locator('dt')).toHaveCount(9);
    await expect(answers.locator('dd').last()).toHaveText('More than half the days');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('download my data', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('link', { name: 'Your data' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    const body = await readFile(await (await download).path(), 'utf8');
    expect(body).toContain(user.email);
    expect(body).toContain('after a walk');
  });

  await test.step('delete my account', async () => {
    await page.getByLabel('Your password').fill(user.password);
    await page.getByLabel(/I understand my account and data will be deleted/).check();
    await page.getByRole('button', { name: 'Delete my account permanently' }).click();
    await expect(page.getByText('Your account and your data have been deleted.')).toBeVisible();
  });

  expect(unexpected(errors)).toEqual([]);
});
