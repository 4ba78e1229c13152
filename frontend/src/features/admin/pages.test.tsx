import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { AuditPage } from './AuditPage';
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
  });
});

describe('UsersPage', () => {
  it('narrows the list by text and standing, and suspends with the reason typed', async () => {
    const mock = stubFetch((req) => {
      if (req.method === 'POST') return json(null, 204);
      return json({ items: users, next_cursor: null });
    });
    const user = userEvent.setup();
    renderRoutes([{ path: '/admin/users', element: <UsersPage /> }], '/admin/users');

    expect(await screen.findByRole('heading', { name: /tom_b/ })).toBeInTheDocument();
    // No suspend button for administrators.
    expect(screen.queryByRole('button', { name: 'Suspend kindred_admin' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Standing'), 'suspended');
    expect(screen.queryByRole('heading', { name: /tom_b/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /ann_c/ })).toBeInTheDocument();
    expect(screen.getByText('Spam.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Standing'), '');
    await user.type(screen.getByLabelText('Handle or email contains'), 'TOM@');
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Suspend tom_b' }));
    const form = screen.getByRole('form', { name: 'Suspend tom_b' });
    await user.type(within(form).getByLabelText('Reason'), 'Scraping posts.');
    await user.click(within(form).getByRole('button', { name: 'Suspend tom_b' }));
    expect(await screen.findByText('tom_b is suspended.')).toBeInTheDocument();
    const post = requests(mock).find((r) => r.method === 'POST');
    expect(new URL(post?.url ?? '').pathname).toBe('/api/v1/admin/users/u-2/suspend');
    expect(await post?.json()).toEqual({ reason: 'Scraping posts.' });
  });
});
