// Moderation end to end, each person in their own browser: a member reports a post, a
// moderator removes it with a reason from the report queue, the author sees the reason and
// appeals, and an administrator reverses the removal from the appeals page, which restores
// the post. The moderator's pages pass axe in both themes; the author (a patient who moderates
// nothing) never downloads the moderation chunk.
//
// Set-up through the API: the accounts, joining the community, the thread and the reply to
// report, and the moderator’s appointment (admin.spec.ts appoints through the admin pages).
import { expect, test } from '@playwright/test';
import {
  apiCall,
  apiToken,
  DEMO_ADMIN,
  expectNoSeriousA11yViolationsInBothThemes,
  registerVerified,
  screenshot,
  signIn,
  uniqueUser,
  unexpected,
  personPage,
  watchScripts,
} from './helpers';

const SLUG = 'chronic-pain';
const NAME = 'Living with chronic pain';

test('a moderator removes a reported post, the author appeals, an admin restores it', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL;
  const offending = `Try MiracleFlex capsules, they cured my back pain in a week ${Date.now().toString(36)}`;
  const reason = 'Promotes a product with a cure claim: not allowed here.';

  // People and content.
  const author = await registerVerified(request, uniqueUser('author'));
  const reporter = await registerVerified(request, uniqueUser('reporter'));
  const moderator = await registerVerified(request, uniqueUser('mod'));
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const authorToken = await apiToken(request, author);
  const reporterToken = await apiToken(request, reporter);
  await apiCall(request, authorToken, 'POST', `/communities/${SLUG}/join`, undefined, 204);
  await apiCall(request, reporterToken, 'POST', `/communities/${SLUG}/join`, undefined, 204);
  await apiCall(request, adminToken, 'POST', `/communities/${SLUG}/moderators`, { handle: moderator.handle }, 204);
  const started = await apiCall<{ thread: { id: string } }>(request, reporterToken, 'POST', `/communities/${SLUG}/threads`, {
    title: 'What helps on flare days?',
    body: 'Heat packs and a slow walk help me. What about you?',
  });
  const threadId = started.thread.id;
  await apiCall(request, authorToken, 'POST', `/threads/${threadId}/posts`, { body: offending });

  await test.step('a member reports the post', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, reporter);
    await page.goto(`/threads/${threadId}`);
    const post = page.getByRole('article').filter({ hasText: 'MiracleFlex' });
    await post.getByRole('button', { name: /^Report/ }).click();
    const form = post.getByRole('form', { name: 'Report this post' });
    await form.getByLabel('Selling or promoting something').check();
    await form.getByLabel(/Anything the moderators should know/).fill('Looks like an advert.');
    await form.getByRole('button', { name: 'Send report' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The moderators will look at your report.' })).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('the moderator removes it from the queue, with a reason', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, moderator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await page.getByRole('link', { name: `Reports in ${NAME}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    const report = page.getByRole('listitem').filter({ hasText: 'Selling or promoting something' }).first();
    await expect(report.getByText('Looks like an advert.')).toBeVisible();
    await expect(report.getByRole('heading', { name: 'As reported' })).toBeVisible();
    await expect(report.getByRole('heading', { name: 'Now' })).toBeVisible();
    await expect(report.getByText(offending)).toHaveCount(2);
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'moderation-reports');

    await report.getByRole('button', { name: 'Remove the post' }).click();
    const form = report.getByRole('form', { name: 'Remove the post' });
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Remove the post' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The post was removed' })).toBeVisible();
    await expect(page.getByText('No open reports.')).toBeVisible();

    for (const [section, heading, shot] of [
      ['Held posts', 'Held posts', 'moderation-held'],
      ['Warn or ban', 'Warn or ban a member', 'moderation-members'],
      ['Moderation log', 'Moderation log', 'moderation-log'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Moderation sections' }).getByRole('link', { name: section }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousA11yViolationsInBothThemes(page);
      await screenshot(page, shot);
    }
    await expect(page.getByRole('row').filter({ hasText: 'Post removed' }).getByText(reason)).toBeVisible();

    // On the thread, the moderator pins it (with a reason) and sees the removed text.
    await page.goto(`/threads/${threadId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'What helps on flare days?' })).toBeVisible();
    await page.getByRole('button', { name: 'Pin thread' }).click();
    await page.getByRole('form', { name: 'Pin thread' }).getByLabel('Reason').fill('Useful for everyone.');
    await page.getByRole('form', { name: 'Pin thread' }).getByRole('button', { name: 'Pin thread' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Thread pinned to the top.' })).toBeVisible();
    await expect(page.getByRole('article').filter({ hasText: 'MiracleFlex' }).getByRole('button', { name: /^Restore post/ })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'moderation-thread-tools');
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('the author sees the reason and appeals', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    const scripts = watchScripts(page);
    await signIn(page, author);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Moderation' })).toHaveCount(0);
    await nav.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    const note = page.getByRole('listitem').filter({ hasText: `A moderator removed your post in ${NAME}.` });
    await expect(note).toContainText(reason);
    await note.getByRole('link', { name: /^Open/ }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'What helps on flare days?' })).toBeVisible();
    const notice = page.getByRole('note', { name: 'A moderator removed your post' });
    await expect(notice).toContainText(reason);
    await notice.getByRole('button', { name: 'Appeal this decision' }).click();
    await notice.getByLabel('Why should this decision be reversed?').fill('I was sharing what worked for me, not selling anything.');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'community-removal-appeal');
    await notice.getByRole('button', { name: 'Send my appeal' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your appeal was sent.' })).toBeVisible();

    // A patient who moderates nothing never downloaded the moderators' code.
    for (const url of scripts) {
      const body = await (await request.get(url)).text();
      expect(body.includes('Moderation sections') || body.includes('Moderator tools'), url).toBe(false);
    }
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('an administrator reverses the removal from the appeals page', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, DEMO_ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appeals' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Appeals' })).toBeVisible();
    const appeal = page.getByRole('listitem').filter({ hasText: 'not selling anything' });
    await expect(appeal).toContainText(reason);
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'moderation-appeals');
    await appeal.getByRole('button', { name: 'Decide' }).click();
    await appeal.getByLabel(/^Reverse it/).check();
    await appeal.getByLabel('Reason').fill('Sharing one’s own experience is welcome; no link or sale.');
    await appeal.getByRole('button', { name: 'Decide' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Appeal granted' })).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('the author sees the post restored and the outcome', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, author);
    await page.goto(`/threads/${threadId}`);
    await expect(page.getByRole('article').filter({ hasText: offending })).toBeVisible();
    await page.goto('/notifications');
    await expect(page.getByRole('listitem').filter({ hasText: /appeal/i }).first()).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});

test('a moderator bans a member until a date; the member sees the reason and the end, and can appeal', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  const slug = 'newly-diagnosed';
  const reason = 'Repeated insults towards other members.';
  const member = await registerVerified(request, uniqueUser('banned'));
  const moderator = await registerVerified(request, uniqueUser('mod2'));
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const memberToken = await apiToken(request, member);
  await apiCall(request, memberToken, 'POST', `/communities/${slug}/join`, undefined, 204);
  await apiCall(request, adminToken, 'POST', `/communities/${slug}/moderators`, { handle: moderator.handle }, 204);
  const started = await apiCall<{ thread: { id: string } }>(request, memberToken, 'POST', `/communities/${slug}/threads`, {
    title: 'First weeks after the diagnosis',
    body: 'What did you wish you had known?',
  });

  await test.step('the moderator bans the member for a week', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, moderator);
    await page.goto(`/moderation/${slug}/members`);
    const ban = page.getByRole('form', { name: 'Ban a member' });
    await ban.getByLabel('Member’s handle').fill(member.handle);
    const until = new Date(Date.now() + 7 * 86_400_000);
    const local = new Date(until.getTime() - until.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await ban.getByLabel('Until (optional)').fill(local);
    await ban.getByLabel('Reason').fill(reason);
    await ban.getByRole('button', { name: 'Ban a member' }).click();
    await expect(page.getByRole('status').filter({ hasText: `${member.handle} is banned until` })).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  await test.step('the member is told why and until when, and appeals', async () => {
    const { context, page, errors } = await personPage(browser, baseURL);
    await signIn(page, member);
    await page.goto(`/communities/${slug}`);
    const notice = page.getByRole('note', { name: 'You are banned from posting here' });
    await expect(notice).toContainText(reason);
    await expect(notice).toContainText('The ban ends on');

    await page.goto(`/threads/${started.thread.id}`);
    const reply = page.getByRole('form', { name: 'Reply to this thread' });
    await reply.getByLabel('Your reply').fill('Still here.');
    await reply.getByRole('button', { name: 'Post reply' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'You are banned from posting in this community' });
    await expect(refused).toContainText(reason);
    await expect(refused).toContainText('The ban ends on');
    await refused.getByRole('button', { name: 'Appeal this decision' }).click();
    await refused.getByLabel('Why should this decision be reversed?').fill('I apologise; it will not happen again.');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'community-ban-notice');
    await refused.getByRole('button', { name: 'Send my appeal' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your appeal was sent.' })).toBeVisible();
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
