// Administration end to end, against the real backend: an administrator adds a condition (a bad
// ICD-10 code is refused next to its field first), creates a community about it, appoints a
// moderator and removes another, changes its settings (the condition is shown and kept without
// being asked again); creates a questionnaire, drafts and publishes version 1, then a changed
// version 2 (bad JSON and a server 422 are explained on the way), leaves a draft 3 that the
// versions list still offers to publish, and retires version 1 from that list; finds a member
// with the server-side filters and suspends them with a reason (the member cannot sign in and
// is shown the reason), lifts the suspension (the member signs in again); looks at the flagged
// accounts; and filters the audit log by action, by actor, by subject and by time to find the
// suspension. Every new page passes axe in both themes and is screenshotted; the member never
// downloads the administrators' chunk; no console errors.
import { expect, test, type Page } from '@playwright/test';
import {
  apiCall,
  apiToken,
  DEMO_ADMIN,
  expectNoSeriousA11yViolationsInBothThemes,
  personPage,
  registerVerified,
  screenshot,
  signIn,
  uniqueUser,
  unexpected,
  watchScripts,
} from './helpers';

async function checkPage(page: Page, shot: string) {
  await page.waitForLoadState('networkidle');
  await expectNoSeriousA11yViolationsInBothThemes(page);
  await screenshot(page, shot);
}

async function openArea(page: Page, name: string) {
  await page.getByRole('link', { name: 'Administration' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('an administrator manages conditions, communities, questionnaires, members and reads the audit log', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = Date.now().toString(36);
  const conditionName = `Ehlers-Danlos syndrome ${tag}`;
  const conditionSlug = `ehlers-danlos-syndrome-${tag}`;
  const communityName = `EDS together ${tag}`;
  const communitySlug = `eds-together-${tag}`;
  const questionnaireTitle = `Fatigue check ${tag}`;
  const questionnaireSlug = `fatigue-check-${tag}`;
  const reason = `Copied other members' posts to another site (${tag}).`;

  const moderator = await registerVerified(request, uniqueUser('admmod'));
  const other = await registerVerified(request, uniqueUser('admoth'));
  const member = await registerVerified(request, uniqueUser('admsus'));
  const adminToken = await apiToken(request, DEMO_ADMIN);
  const adminMe = await apiCall<{ id: string }>(request, adminToken, 'GET', '/me');
  const memberId = (await apiCall<{ id: string }>(request, await apiToken(request, member), 'GET', '/me')).id;

  const admin = await personPage(browser, baseURL);
  const { page } = admin;
  await signIn(page, DEMO_ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Appeals' })).toHaveAttribute('href', '/moderation/appeals');

  await test.step('adds a condition to the catalog', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Conditions', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Conditions' })).toBeVisible();
    await checkPage(page, 'admin-conditions');
    const form = page.getByRole('form', { name: 'Add a condition' });
    await form.getByLabel('Name', { exact: true }).fill(conditionName);
    // The URL name is suggested from the name.
    await expect(form.getByLabel('URL name')).toHaveValue(conditionSlug);
    await form.getByLabel('ICD-10 code').fill('banana');
    await form.getByRole('button', { name: 'Add the condition' }).click();
    const icd = form.getByLabel('ICD-10 code');
    await expect(icd).toHaveAttribute('aria-invalid', 'true');
    await expect(icd).toBeFocused();
    await expect(form.getByText('Use an ICD-10 code like G35')).toBeVisible();
    await icd.fill('Q79.6');
    await form.getByRole('button', { name: 'Add the condition' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${conditionName} (Q79.6) to the catalog.` })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(conditionName) })).toContainText(conditionSlug);
  });

  await test.step('creates a community about it and appoints its moderator', async () => {
    await openArea(page, 'Communities');
    await checkPage(page, 'admin-communities');
    const form = page.getByRole('form', { name: 'Create a community' });
    await form.getByLabel('Name', { exact: true }).fill(communityName);
    await expect(form.getByLabel('URL name')).toHaveValue(communitySlug);
    await form.getByLabel('What it is for').fill('Living well with hypermobility: pacing, braces, and good days.');
    await form.getByLabel('Condition').selectOption({ label: conditionName });
    await form.getByLabel('Members only').check();
    await form.getByRole('button', { name: 'Create the community' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Created the community ${communityName}.` })).toBeVisible();

    await page.getByRole('link', { name: `Manage ${communityName}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Manage ${communityName}` })).toBeVisible();
    await expect(page.getByText('Nobody moderates this community yet.')).toBeVisible();

    const appoint = page.getByRole('form', { name: 'Appoint a moderator' });
    // An unknown handle is refused next to the field.
    await appoint.getByLabel('Appoint a moderator by handle').fill(`nobody_${tag}`);
    await appoint.getByRole('button', { name: 'Appoint' }).click();
    await expect(appoint.getByLabel('Appoint a moderator by handle')).toHaveAttribute('aria-invalid', 'true');
    for (const who of [moderator, other]) {
      await appoint.getByLabel('Appoint a moderator by handle').fill(who.handle);
      await appoint.getByRole('button', { name: 'Appoint' }).click();
      await expect(page.getByRole('status').filter({ hasText: `${who.handle} is now a moderator` })).toBeVisible();
    }
    const mods = page.getByRole('region', { name: 'Moderators' });
    await expect(mods.getByRole('listitem')).toHaveCount(2);
    await checkPage(page, 'admin-community');
    await mods.getByRole('button', { name: `Remove ${other.handle} as moderator` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${other.handle} no longer moderates` })).toBeVisible();
    await expect(mods.getByRole('listitem')).toHaveCount(1);
    await expect(mods.getByRole('listitem')).toContainText(moderator.handle);

    // The appointment is real: the moderator's account now moderates the community.
    const modMe = await apiCall<{ moderator_of: string[] }>(request, await apiToken(request, moderator), 'GET', '/me');
    expect(modMe.moderator_of).toContain(communitySlug);

    // Settings: the page says which condition it is about, and the form starts on it.
    await expect(page.getByText(`About ${conditionName}.`)).toBeVisible();
    const settings = page.getByRole('form', { name: 'Settings' });
    await expect(settings.getByLabel('Name', { exact: true })).toHaveValue(communityName);
    await expect(settings.getByLabel('Condition')).toHaveValue(conditionSlug);
    // Open it to everyone signed in; the condition is kept without being asked again.
    await settings.getByLabel('Everyone signed in').check();
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Settings' }).getByLabel('Condition')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    const card = await apiCall<{ visibility: string; condition: { slug: string; name: string } | null }>(
      request,
      adminToken,
      'GET',
      `/communities/${communitySlug}`,
    );
    expect(card.visibility).toBe('public');
    expect(card.condition).toEqual({ slug: conditionSlug, name: conditionName });
  });

  await test.step('creates a questionnaire and publishes versions of it', async () => {
    await openArea(page, 'Questionnaires');
    await checkPage(page, 'admin-questionnaires');
    const form = page.getByRole('form', { name: 'Create a questionnaire' });
    await form.getByLabel('Title').fill(questionnaireTitle);
    await expect(form.getByLabel('URL name')).toHaveValue(questionnaireSlug);
    await form.getByLabel('Description').fill('How tired you have been over the last two weeks.');
    await form.getByLabel('Licence and source').fill('Written for Kindred; free to use.');
    await form.getByLabel('Recommended days between responses').fill('7');
    await form.getByRole('group', { name: 'Recommended for people with' }).getByLabel(conditionName).check();
    await form.getByRole('button', { name: 'Create the questionnaire' }).click();
    await expect(page.getByRole('heading', { level: 1, name: questionnaireTitle })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No published version' })).toBeVisible();

    // Version 1: the starter definition, saved as a draft and published.
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as draft version 1.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Draft version 1' })).toBeVisible();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 1 is published' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Published version 1' })).toBeVisible();

    // Version 2 starts from version 1; bad JSON, then a definition the server refuses.
    const editor = page.getByLabel('Definition (JSON)');
    const v1 = await editor.inputValue();
    expect(v1).toContain('bothered by this?');
    await editor.fill('{ "items": [');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await expect(page.getByRole('alert')).toContainText('The definition is not valid JSON');
    await editor.fill(v1.replace('Over the last two weeks, how often have you been bothered by this?', ' '));
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await expect(page.getByRole('alert')).toContainText('items[0].text: Give the item a text.');
    await editor.fill(v1.replace('bothered by this?', 'bothered by tiredness?'));
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as draft version 2.' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Questions in draft 2' })).toContainText('bothered by tiredness?');
    await checkPage(page, 'admin-questionnaire');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 2 is published' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Published version 2' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Questions in version 2' })).toContainText('bothered by tiredness?');

    // A draft 3 left unpublished (the page is reloaded: nothing is remembered in the browser)
    // is still listed with the versions, ready to publish.
    await editor.fill(v1.replace('bothered by this?', 'bothered by poor sleep?'));
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as draft version 3.' })).toBeVisible();
    await page.reload();
    const versions = page.getByRole('table', { name: 'Versions, oldest first' });
    await expect(versions.getByRole('row', { name: /^3 Draft/ })).toBeVisible();
    await expect(versions.getByRole('button', { name: 'Publish version 3' })).toBeVisible();
    await versions.getByRole('button', { name: 'Edit draft 3' }).click();
    await expect(page.getByRole('heading', { name: 'Draft version 3' })).toBeVisible();
    await expect(page.getByLabel('Definition (JSON)')).toHaveValue(/bothered by poor sleep\?/);

    // Version 1 is retired from the list; members answer version 2.
    await versions.getByRole('button', { name: 'Retire version 1' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 1 is retired' })).toBeVisible();
    await expect(versions.getByRole('row', { name: /^1 Retired/ })).toBeVisible();
    const shown = await (await request.get(`/api/v1/questionnaires/${questionnaireSlug}`)).json();
    expect(shown.version.version).toBe(2);
    expect(shown.conditions).toEqual([conditionSlug]);
    const v1Now = await (await request.get(`/api/v1/questionnaires/${questionnaireSlug}?version=1`)).json();
    expect(v1Now.version.status).toBe('retired');
  });

  await test.step('suspends a member with a reason', async () => {
    await openArea(page, 'Members');
    const filters = page.getByRole('form', { name: 'Filter members' });
    // The server narrows the list: part of the email, in capitals, finds exactly this member.
    await filters.getByLabel('Handle or email contains').fill(member.email.split('@')[0]!.toUpperCase());
    await expect(page.getByText('Showing 1 account.')).toBeVisible();
    await filters.getByLabel('Handle or email contains').fill(member.handle);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: member.handle }) });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(member.email);
    await checkPage(page, 'admin-users');
    await card.getByRole('button', { name: `Suspend ${member.handle}` }).click();
    const form = card.getByRole('form', { name: `Suspend ${member.handle}` });
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: `Suspend ${member.handle}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${member.handle} is suspended.` })).toBeVisible();
    await expect(card.getByRole('heading')).toContainText('Suspended');
    await expect(card).toContainText(reason);
    await filters.getByLabel('Standing').selectOption({ label: 'Suspended' });
    await expect(card).toBeVisible();
  });

  const person = await personPage(browser, baseURL);
  const scripts = watchScripts(person.page);
  await test.step('the suspended member cannot sign in, and is told why', async () => {
    const p = person.page;
    await p.goto('/login');
    await p.getByLabel('Email address').fill(member.email);
    await p.getByLabel('Password', { exact: true }).fill(member.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    const alert = p.getByRole('alert');
    await expect(alert).toContainText('This account is suspended');
    await expect(alert).toContainText(reason);
    await expect(p.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });

  await test.step('lifts the suspension; the member signs in again', async () => {
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: member.handle }) });
    await card.getByRole('button', { name: `Lift the suspension of ${member.handle}` }).click();
    const form = card.getByRole('form', { name: `Lift the suspension of ${member.handle}` });
    await form.getByLabel('Reason').fill('Agreed to stop copying posts.');
    await form.getByRole('button', { name: `Lift the suspension of ${member.handle}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${member.handle} can sign in again.` })).toBeVisible();

    await signIn(person.page, member);
    // A member never downloads the administrators' pages.
    for (const url of scripts) {
      const body = await (await request.get(url)).text();
      expect(body.includes('Flagged accounts') || body.includes('Load older events'), url).toBe(false);
    }
    expect(unexpected(person.errors)).toEqual([]);
    await person.context.close();
  });

  await test.step('looks at the flagged accounts', async () => {
    await openArea(page, 'Flagged accounts');
    await expect(page.getByText(/No accounts are flagged|Flagged accounts, newest first/).first()).toBeAttached();
    await checkPage(page, 'admin-flags');
  });

  await test.step('filters the audit log and finds the suspension', async () => {
    await openArea(page, 'Audit log');
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').fill('admin.user_suspended');
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?action=admin\.user_suspended$/);
    const row = page.getByRole('row').filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('admin.user_suspended');
    await expect(page.getByRole('row').filter({ hasText: 'admin.user_unsuspended' })).toHaveCount(0);
    await checkPage(page, 'admin-audit');

    // By who acted as well: the demo administrator did it.
    await filters.getByLabel('Who acted (user id)').fill(adminMe.id);
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(new RegExp(`actor=${adminMe.id}`));
    await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(1);
    // Someone else acted (a well-formed id of nobody): the suspension is not theirs.
    await filters.getByLabel('Who acted (user id)').fill('00000000-0000-7000-8000-000000000000');
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page.getByText('No events match these filters.')).toBeVisible();

    // By what it was about: the suspended member's account, and by time.
    await filters.getByLabel('Who acted (user id)').fill('');
    await filters.getByLabel('Action').fill('');
    await filters.getByLabel('About (kind of thing)').fill('user');
    await filters.getByLabel('About (id)').fill(memberId);
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(new RegExp(`subject_type=user&subject_id=${memberId}$`));
    await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: 'admin.user_unsuspended' })).toHaveCount(1);
    await expectNoSeriousA11yViolationsInBothThemes(page);
    // Nothing about them happens tomorrow; everything did since yesterday.
    const local = (d: Date) => {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    const day = 24 * 60 * 60 * 1000;
    await filters.getByLabel('From').fill(local(new Date(Date.now() + day)));
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(/from=/);
    await expect(page.getByText('No events match these filters.')).toBeVisible();
    await filters.getByLabel('From').fill(local(new Date(Date.now() - day)));
    await filters.getByLabel('Until').fill(local(new Date(Date.now() + day)));
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page).toHaveURL(/to=/);
    await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(1);
    // An end before the start is explained.
    await filters.getByLabel('Until').fill(local(new Date(Date.now() - 2 * day)));
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page.getByRole('alert')).toContainText('The end of the range must come after its start');

    // An unknown action is explained.
    await filters.getByLabel('Action').fill('no.such_action');
    await filters.getByRole('button', { name: 'Show events' }).click();
    await expect(page.getByRole('alert')).toContainText('There is no such audit action');

    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByRole('row').filter({ hasText: 'admin.user_unsuspended' }).first()).toBeVisible();
  });

  expect(unexpected(admin.errors)).toEqual([]);
  await admin.context.close();
});
