// A patient in the communities, against the real backend: find and join a community, start a
// thread whose text holds a phone number, see the privacy check mark it in place, edit it out
// and post; reply, search with highlighted words, see a reply in the notifications (with the
// unread count in the header), and crisis resources at once for a post that needs them.
import { expect, test } from '@playwright/test';
import {
  apiCall,
  apiToken,
  expectNoSeriousA11yViolationsInBothThemes,
  registerVerified,
  screenshot,
  signIn,
  uniqueUser,
  unexpected,
  watchConsole,
} from './helpers';

test('a patient joins a community and the privacy check catches a phone number before posting', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = await registerVerified(request, uniqueUser('comm'));
  await signIn(page, user);

  await test.step('find and join a community', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
    await page.getByLabel('Condition or topic').fill('caregiv');
    const card = page.getByRole('listitem').filter({ hasText: 'Caregivers' });
    await expect(card.getByText(/\d+ members? · \d+ threads?/)).toBeVisible();
    await card.getByRole('button', { name: 'Join Caregivers' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You joined Caregivers.' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Your communities' }).getByRole('link', { name: 'Caregivers' }),
    ).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'communities');
    await page.getByRole('region', { name: 'Your communities' }).getByRole('link', { name: 'Caregivers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Caregivers' })).toBeVisible();
  });

  const title = `Evenings are the hardest ${Date.now().toString(36)}`;
  await test.step('a post with a phone number is stopped, the number marked in place', async () => {
    await page.getByRole('button', { name: 'Start a new thread' }).click();
    const form = page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill(title);
    await form
      .getByLabel('Your post')
      .fill('Looking after my dad since his stroke. **Evenings** are hard.\nCall me on 555-123-4567 if you want to talk.');
    await expect(form.getByText(/Other members will see “a member” instead of your handle/)).toBeVisible();
    await form.getByRole('button', { name: 'Post thread' }).click();

    const review = form.getByRole('group', { name: /Check before you post/ });
    await expect(review).toBeVisible();
    await expect(review).toBeFocused();
    await expect(review.locator('mark')).toHaveText('555-123-4567 (a phone number)');
    await expect(review.getByText('A phone number: “555-123-4567”')).toBeVisible();
    await expect(review.getByRole('button', { name: 'Post anyway' })).toBeVisible();
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'community-privacy-check');

    // "Edit" goes back to the text with the number selected, ready to be replaced.
    await review.getByRole('button', { name: 'Edit my post' }).click();
    const body = form.getByLabel('Your post');
    await expect(body).toBeFocused();
    const selected = await body.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('555-123-4567');
    await body.fill('Looking after my dad since his stroke. **Evenings** are hard.\nSend me a message here if you want to talk.');
    await form.getByRole('button', { name: 'Post thread' }).click();
  });

  await test.step('the thread is posted without the number, Markdown rendered', async () => {
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const first = page.getByRole('article').first();
    await expect(first.locator('strong', { hasText: 'Evenings' })).toBeVisible();
    await expect(first).toContainText('Send me a message here');
    await expect(first).not.toContainText('555');
    await expect(first.getByText('you', { exact: true })).toBeVisible();
  });

  await test.step('reply as a member and see who can still see the author', async () => {
    const reply = page.getByRole('form', { name: 'Reply to this thread' });
    await reply.getByLabel('Your reply').fill('Also: [a guide](https://example.org/caring) and <b>no html</b>.');
    await reply.getByLabel('Post as “a member”').check();
    await reply.getByRole('button', { name: 'Post reply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your reply is posted.' })).toBeVisible();
    const second = page.getByRole('article').nth(1);
    await expect(second.getByText(/posted as “a member”: other members do not see your handle/)).toBeVisible();
    await expect(second.getByRole('link', { name: 'a guide' })).toHaveAttribute('rel', 'nofollow noopener ugc');
    await expect(second).toContainText('<b>no html</b>');
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'community-thread');
  });

  await test.step('edit and delete my own reply', async () => {
    const second = page.getByRole('article').nth(1);
    await second.getByRole('button', { name: 'Edit your post' }).first().click();
    await second.getByRole('textbox', { name: 'Your post' }).fill('Also: a guide that helped me.');
    await second.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your changes are saved.' })).toBeVisible();
    await expect(page.getByRole('article').nth(1)).toContainText(/edited/);
    await page.getByRole('article').nth(1).getByRole('button', { name: 'Delete your post' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect(page.getByText('The author deleted this post.')).toBeVisible();
  });

  await test.step('search the community: matched words highlighted', async () => {
    await page.getByRole('link', { name: 'Caregivers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Caregivers' })).toBeVisible();
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await page.getByRole('search').getByLabel('Search this community').fill('evenings');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Search Caregivers' })).toBeVisible();
    const hit = page.getByRole('listitem').filter({ hasText: title });
    await expect(hit.locator('mark').first()).toHaveText(/evenings/i);
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'community-search');
  });

  await test.step('a reply from someone else shows in the notifications, with the count in the header', async () => {
    const other = await registerVerified(request, uniqueUser('neighbour'));
    const token = await apiToken(request, other);
    await apiCall(request, token, 'POST', '/communities/caregivers/join', undefined, 204);
    const threads = await apiCall<{ items: { id: string; title: string }[] }>(request, token, 'GET', '/communities/caregivers/threads');
    const thread = threads.items.find((t) => t.title === title);
    expect(thread).toBeTruthy();
    await apiCall(request, token, 'POST', `/threads/${thread?.id}/posts`, { body: 'Same here. Evenings are long.' });

    await page.goto('/dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();
    await nav.getByRole('link', { name: /^Notifications/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(page.getByText('1 unread.')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolationsInBothThemes(page);
    await screenshot(page, 'notifications');
    await page.getByRole('link', { name: /^Open/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Same here. Evenings are long.')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  });

  await test.step('crisis language: resources are shown at once', async () => {
    const reply = page.getByRole('form', { name: 'Reply to this thread' });
    await reply.getByLabel('Your reply').fill('Some nights I think about suicide.');
    await reply.getByRole('button', { name: 'Post reply' }).click();
    const crisis = page.getByRole('alert').filter({ hasText: 'please reach out now' });
    await expect(crisis).toBeVisible();
    await expect(crisis).toBeFocused();
  });

  expect(unexpected(errors)).toEqual([]);
});
