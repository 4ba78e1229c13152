import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { AuditPage } from './AuditPage';
import { CommunityAdminPage } from './CommunityAdminPage';
import { QuestionnaireAdminPage } from './QuestionnaireAdminPage';
import { UsersPage } from './UsersPage';

afterEach(() => resetSessionForTests());

const event = (seq: number, action: string) => ({
  seq,
  occurred_at: '2026-03-01T10:00:00Z',
  actor_id: 'admin-1',
  action,
  subject_type: 'user',
  subject_id: 'u-2',
  details: { reason: `reason ${seq}` },
  hash: 'h',
});

const users = [
  {
    id: 'admin-1',
    handle: 'kindred_admin',
    email: 'admin@example.org',
    role: 'admin',
    status: 'active',
    email_verified: true,
    created_at: '2026-01-01T00:00:00Z',
  },
  {
    id: 'u-2',
    handle: 'tom_b',
    email: 'tom@example.org',
    role: 'patient',
    status: 'active',
    email_verified: true,
    created_at: '2026-01-02T00:00:00Z',
  },
  {
    id: 'u-3',
    handle: 'ann_c',
    email: 'ann@example.org',
    role: 'patient',
    status: 'suspended',
    status_reason: 'Spam.',
    email_verified: true,
    created_at: '2026-01-03T00:00:00Z',
  },
];

describe('AuditPage', () => {
  it('asks for the filters in the URL, applies new ones to the URL, and pages with the cursor', async () => {
    const mock = stubFetch((req) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/admin/users') return json({ items: users, next_cursor: null });
      if (url.searchParams.get('cursor') === 'older') {
        return json({ items: [event(1, 'admin.user_suspended')], next_cursor: null });
      }
      return json({ items: [event(7, 'admin.user_suspended')], next_cursor: 'older' });
    });
    const user = userEvent.setup();
    const { router } = renderRoutes(
      [{ path: '/admin/audit', element: <AuditPage /> }],
      '/admin/audit?action=admin.user_suspended',
    );

    const row = await screen.findByRole('row', { name: /reason 7/ });
    // Actor and subject ids are shown as handles when the members list knows them.
    expect(within(row).getByText('kindred_admin')).toBeInTheDocument();
    expect(row).toHaveTextContent('user tom_b');
    const auditCalls = () =>
      requests(mock)
        .map((r) => new URL(r.url))
        .filter((u) => u.pathname === '/api/v1/admin/audit');
    expect(auditCalls()[0]?.searchParams.get('action')).toBe('admin.user_suspended');
    expect(auditCalls()[0]?.searchParams.has('actor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    expect(await screen.findByRole('row', { name: /reason 1/ })).toBeInTheDocument();
    expect(auditCalls().at(-1)?.searchParams.get('cursor')).toBe('older');
    expect(screen.queryByRole('button', { name: 'Load older events' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Who acted (user id)'), 'admin-1');
    await user.click(screen.getByRole('button', { name: 'Show events' }));
    expect(router.state.location.search).toBe('?action=admin.user_suspended&actor=admin-1');
    await screen.findByRole('row', { name: /reason 7/ });
    const last = auditCalls().at(-1);
    expect(last?.searchParams.get('actor')).toBe('admin-1');
    expect(last?.searchParams.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(router.state.location.search).toBe('');
    expect(screen.getByLabelText('Action')).toHaveValue('');
    expect(screen.getByLabelText('About (id)')).toHaveValue('');
  }, 15_000);

  it('sends a time range as UTC and links each subject to the events about it', async () => {
    const mock = stubFetch((req) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/admin/users') return json({ items: users, next_cursor: null });
      return json({ items: [event(7, 'admin.user_suspended')], next_cursor: null });
    });
    const user = userEvent.setup();
    const { router } = renderRoutes([{ path: '/admin/audit', element: <AuditPage /> }], '/admin/audit');
    await screen.findByRole('row', { name: /reason 7/ });
    const auditCalls = () =>
      requests(mock)
        .map((r) => new URL(r.url))
        .filter((u) => u.pathname === '/api/v1/admin/audit');

    // A time range typed in local time goes to the URL and the API as UTC.
    await user.type(screen.getByLabelText('From'), '2026-03-01T10:30');
    await user.type(screen.getByLabelText('Until'), '2026-03-02T00:00');
    await user.click(screen.getByRole('button', { name: 'Show events' }));
    const from = new Date('2026-03-01T10:30').toISOString();
    const to = new Date('2026-03-02T00:00').toISOString();
    await waitFor(() => expect(auditCalls().at(-1)?.searchParams.get('from')).toBe(from));
    expect(auditCalls().at(-1)?.searchParams.get('to')).toBe(to);
    expect(new URLSearchParams(router.state.location.search).get('from')).toBe(from);
    // …and shows in local time again.
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-01T10:30');

    // The subject of an event links to every event about it.
    await user.click(await screen.findByRole('link', { name: 'Events about user tom_b' }));
    expect(router.state.location.search).toBe('?subject_type=user&subject_id=u-2');
    await waitFor(() => expect(auditCalls().at(-1)?.searchParams.get('subject_id')).toBe('u-2'));
    expect(auditCalls().at(-1)?.searchParams.get('subject_type')).toBe('user');
    expect(auditCalls().at(-1)?.searchParams.has('action')).toBe(false);
    expect(screen.getByLabelText('About (kind of thing)')).toHaveValue('user');
    expect(screen.getByLabelText('About (id)')).toHaveValue('u-2');
  }, 15_000);
});

describe('UsersPage', () => {
  it('asks the server for the standing, role and text chosen, and suspends with the reason typed', async () => {
    const mock = stubFetch((req) => {
      if (req.method === 'POST') return json(null, 204);
      const q = new URL(req.url).searchParams;
      const text = (q.get('q') ?? '').toLowerCase();
      const items = users.filter(
        (u) =>
          (!q.get('status') || u.status === q.get('status')) &&
          (!q.get('role') || u.role === q.get('role')) &&
          (!text || u.handle.includes(text) || u.email.includes(text)),
      );
      return json({ items, next_cursor: null });
    });
    const listCalls = () =>
      requests(mock)
        .filter((r) => r.method === 'GET')
        .map((r) => new URL(r.url).searchParams);
    const user = userEvent.setup();
    renderRoutes([{ path: '/admin/users', element: <UsersPage /> }], '/admin/users');

    expect(await screen.findByRole('heading', { name: /tom_b/ })).toBeInTheDocument();
    expect(listCalls()[0]?.toString()).toBe('limit=100');
    // No suspend button for administrators.
    expect(screen.queryByRole('button', { name: 'Suspend kindred_admin' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Standing'), 'suspended');
    await waitFor(() => expect(screen.queryByRole('heading', { name: /tom_b/ })).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { name: /ann_c/ })).toBeInTheDocument();
    expect(screen.getByText('Spam.')).toBeInTheDocument();
    expect(listCalls().at(-1)?.get('status')).toBe('suspended');
    await user.selectOptions(screen.getByLabelText('Standing'), '');
    await user.selectOptions(screen.getByLabelText('Role'), 'patient');
    await user.type(screen.getByLabelText('Handle or email contains'), ' TOM@ ');
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(1));
    const last = listCalls().at(-1);
    expect(last?.get('q')).toBe('TOM@');
    expect(last?.get('role')).toBe('patient');
    expect(last?.has('status')).toBe(false);
    // Typing asks once the text settles, not once per key.
    expect(listCalls().filter((q) => q.has('q')).length).toBeLessThan(3);
    expect(screen.getByText('Showing 1 account.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Suspend tom_b' }));
    const form = screen.getByRole('form', { name: 'Suspend tom_b' });
    await user.type(within(form).getByLabelText('Reason'), 'Scraping posts.');
    await user.click(within(form).getByRole('button', { name: 'Suspend tom_b' }));
    expect(await screen.findByText('tom_b is suspended.')).toBeInTheDocument();
    const post = requests(mock).find((r) => r.method === 'POST');
    expect(new URL(post?.url ?? '').pathname).toBe('/api/v1/admin/users/u-2/suspend');
    expect(await post?.json()).toEqual({ reason: 'Scraping posts.' });
    // Each member's card links to the events by them and about them.
    expect(screen.getByRole('link', { name: /What was done to tom_b/ })).toHaveAttribute(
      'href',
      '/admin/audit?subject_type=user&subject_id=u-2',
    );
  });
});

const community = (over: Record<string, unknown> = {}) => ({
  slug: 'eds',
  name: 'EDS together',
  description: 'Hypermobility.',
  condition: { slug: 'eds-syndrome', name: 'Ehlers-Danlos syndrome' },
  visibility: 'members',
  approve_first_posts: false,
  archived: false,
  member_count: 3,
  thread_count: 1,
  joined: false,
  moderator: true,
  ...over,
});

describe('CommunityAdminPage', () => {
  it('shows the community’s condition and keeps it when other settings are saved', async () => {
    let current = community();
    const mock = stubFetch(async (req) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/conditions') {
        // The catalog arrives late: the form must already stand on the community's condition.
        await new Promise((r) => setTimeout(r, 150));
        return json({
          items: [
            { id: 'c1', slug: 'asthma', name: 'Asthma', icd10: 'J45' },
            { id: 'c2', slug: 'eds-syndrome', name: 'Ehlers-Danlos syndrome', icd10: 'Q79.6' },
          ],
        });
      }
      if (url.pathname === '/api/v1/communities/eds/moderators') return json({ items: [] });
      if (req.method === 'PATCH') {
        const body = (await req.clone().json()) as { condition: string | null; visibility: string };
        const condition =
          body.condition === null ? null : { slug: body.condition, name: body.condition === 'asthma' ? 'Asthma' : 'EDS' };
        current = community({ condition, visibility: body.visibility });
        return json(current);
      }
      return json(current);
    });
    const patches = () => requests(mock).filter((r) => r.method === 'PATCH');
    const user = userEvent.setup();
    renderRoutes([{ path: '/admin/communities/:slug', element: <CommunityAdminPage /> }], '/admin/communities/eds');

    expect(await screen.findByText('About Ehlers-Danlos syndrome.')).toBeInTheDocument();
    const settings = screen.getByRole('form', { name: 'Settings' });
    expect(within(settings).getByLabelText('Condition')).toHaveValue('eds-syndrome');
    await within(settings).findByRole('option', { name: 'Asthma' });
    expect(within(settings).getByLabelText('Condition')).toHaveValue('eds-syndrome');

    // Saving other settings sends the condition it already has; nothing is asked again.
    await user.click(within(settings).getByLabelText('Everyone signed in'));
    await user.click(within(settings).getByRole('button', { name: 'Save the settings' }));
    expect(await screen.findByText('The settings are saved.')).toBeInTheDocument();
    const first = (await patches()[0]?.json()) as Record<string, unknown>;
    expect(first).toMatchObject({ condition: 'eds-syndrome', visibility: 'public' });

    // Choosing "No particular condition" clears it.
    const again = screen.getByRole('form', { name: 'Settings' });
    await user.selectOptions(within(again).getByLabelText('Condition'), '');
    await user.click(within(again).getByRole('button', { name: 'Save the settings' }));
    expect(await screen.findByText('Not about a particular condition.')).toBeInTheDocument();
    const second = (await patches()[1]?.json()) as Record<string, unknown>;
    expect(second.condition).toBeNull();
  });
});

const definition = (text: string) => ({
  items: [{ key: 'q1', text, type: 'boolean' }],
  scoring: { method: 'sum' },
});

describe('QuestionnaireAdminPage', () => {
  it('lists every version, drafts included, and publishes or edits a draft from the list', async () => {
    let versions = [
      { version: 1, status: 'retired', published_at: '2026-01-01T00:00:00Z', definition: definition('Old?') },
      { version: 2, status: 'published', published_at: '2026-02-01T00:00:00Z', definition: definition('Now?') },
      { version: 3, status: 'draft', published_at: null, definition: definition('Draft three?') },
    ];
    let current = 2;
    const mock = stubFetch((req) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/questionnaires') {
        return json({
          items: [
            {
              slug: 'fatigue',
              title: 'Fatigue check',
              description: 'How tired.',
              licence: 'Free',
              recommended_interval_days: 7,
              current_version: current,
            },
          ],
        });
      }
      if (url.pathname === '/api/v1/questionnaires/fatigue/versions') return json({ items: versions });
      if (url.pathname === '/api/v1/questionnaires/fatigue/versions/3/publish') {
        versions = versions.map((v) =>
          v.version === 3 ? { ...v, status: 'published', published_at: '2026-03-01T00:00:00Z' } : v,
        );
        current = 3;
        return json(null, 204);
      }
      const v = versions.find((x) => x.version === current);
      return json({ slug: 'fatigue', title: 'Fatigue check', conditions: [], version: v });
    });
    const user = userEvent.setup();
    renderRoutes([{ path: '/admin/questionnaires/:slug', element: <QuestionnaireAdminPage /> }], '/admin/questionnaires/fatigue');

    const table = await screen.findByRole('table', { name: 'Versions, oldest first' });
    expect(within(table).getByRole('row', { name: /^1 Retired/ })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Retire version 2' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /^3 Draft/ })).toBeInTheDocument();

    // A draft made earlier opens in the editor.
    await user.click(within(table).getByRole('button', { name: 'Edit draft 3' }));
    expect(await screen.findByRole('heading', { name: 'Draft version 3' })).toBeInTheDocument();
    expect(screen.getByLabelText('Definition (JSON)')).toHaveValue(JSON.stringify(definition('Draft three?'), null, 2));
    expect(within(table).getByText('Open in the editor below')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Publish version 3' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Publish version 3' }));
    expect(await screen.findByText('Version 3 is published: members now answer it.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Published version 3' })).toBeInTheDocument();
    const posts = requests(mock).filter((r) => r.method === 'POST');
    expect(posts.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/questionnaires/fatigue/versions/3/publish']);
    const after = await screen.findByRole('table', { name: 'Versions, oldest first' });
    expect(await within(after).findByRole('button', { name: 'Retire version 3' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Draft a new version' })).toBeInTheDocument();
  });
});
