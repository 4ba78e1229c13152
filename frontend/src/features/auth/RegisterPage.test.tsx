import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { CheckEmailPage } from './CheckEmailPage';
import { RegisterPage } from './RegisterPage';

afterEach(() => resetSessionForTests());

function setup() {
  const user = userEvent.setup();
  renderRoutes(
    [
      { path: '/register', element: <RegisterPage /> },
      { path: '/check-email', element: <CheckEmailPage /> },
    ],
    '/register',
  );
  return user;
}

const ACCEPT = 'I have read and accept the terms of use, privacy notice and medical disclaimer';

async function fill(
  user: ReturnType<typeof userEvent.setup>,
  v: { email?: string; handle?: string; password?: string; accept?: boolean },
) {
  if (v.email !== undefined) await user.type(screen.getByLabelText('Email address'), v.email);
  if (v.handle !== undefined) await user.type(screen.getByLabelText('Handle'), v.handle);
  if (v.password !== undefined) await user.type(screen.getByLabelText('Password'), v.password);
  if (v.accept) await user.click(screen.getByRole('checkbox', { name: ACCEPT }));
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  it('explains the password rules without composition rules', () => {
    setup();
    const pw = screen.getByLabelText('Password');
    expect(pw).toHaveAccessibleDescription(/12 to 128 characters/);
    expect(pw).toHaveAccessibleDescription(/don’t need symbols, numbers or capital letters/);
  });

  it('shows every problem next to its field and sends nothing', async () => {
    const mock = stubFetch(() => json({}));
    const user = setup();
    await fill(user, { email: 'not-an-email', handle: 'a b', password: 'short' });
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Enter an email address like name@example.org.',
    );
    expect(screen.getByLabelText('Handle')).toHaveAccessibleDescription(
      /Use only letters \(a–z\), digits, _ and - in a handle\./,
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      /Use at least 12 characters\./,
    );
    expect(screen.getByLabelText('Email address')).toHaveFocus();
    expect(mock).not.toHaveBeenCalled();
  });

  it('asks for the email when it is empty and accepts a long plain password', async () => {
    const mock = stubFetch(() => json({}));
    const user = setup();
    await fill(user, { handle: 'ann_lee', password: 'correct horse battery staple' });
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
    expect(mock).not.toHaveBeenCalled();
  });

  it('counts characters, not UTF-16 units', async () => {
    stubFetch(() => json({}));
    const user = setup();
    // 11 emoji are 22 UTF-16 units but only 11 characters.
    await fill(user, { email: 'ann@example.org', handle: 'ann', password: '😀'.repeat(11) });
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Use at least 12 characters\./);
  });

  it('cannot be sent until the terms are accepted', async () => {
    const mock = stubFetch(() => json({}, 202));
    const user = setup();
    await fill(user, { email: 'ann@example.org', handle: 'ann_lee', password: 'correct horse battery staple' });
    const box = screen.getByRole('checkbox', { name: ACCEPT });
    expect(box).not.toBeChecked();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(
      /Tick this box to accept the terms of use, privacy notice and medical disclaimer\./,
    );
    expect(box).toHaveFocus();
    expect(mock).not.toHaveBeenCalled();
  });

  it('links each document, opening in a new tab so the form keeps what was typed', () => {
    setup();
    const box = screen.getByRole('checkbox', { name: ACCEPT });
    expect(box).toHaveAccessibleDescription(/Each opens in a new tab/);
    for (const [name, href] of [
      ['terms of use', '/terms'],
      ['privacy notice', '/privacy-notice'],
      ['medical disclaimer', '/disclaimer'],
    ]) {
      const link = screen.getByRole('link', { name });
      expect(link).toHaveAttribute('href', href);
      expect(link).toHaveAttribute('target', '_blank');
    }
  });

  it('posts the form with the accepted version and moves on to "check your email"', async () => {
    const mock = stubFetch(() => json({ message: 'Check your email' }, 202));
    const user = setup();
    await fill(user, {
      email: 'ann@example.org',
      handle: 'ann_lee',
      password: 'correct horse battery staple',
      accept: true,
    });
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByText('ann@example.org')).toBeInTheDocument();
    const [req] = requests(mock);
    expect(new URL(req!.url).pathname).toBe('/api/v1/auth/register');
    expect(req!.method).toBe('POST');
    expect(await req!.json()).toEqual({
      email: 'ann@example.org',
      handle: 'ann_lee',
      password: 'correct horse battery staple',
      accepted_terms: '2026-12-01',
    });
  });

  it('says in plain words when the terms changed since the page was opened', async () => {
    stubFetch(() =>
      problem(422, 'validation_failed', {
        detail: 'Some fields are invalid; see errors.',
        errors: [
          {
            field: 'accepted_terms',
            code: 'terms_outdated',
            message: 'The terms changed since this page was loaded: reload it and read them again.',
          },
        ],
      }),
    );
    const user = setup();
    await fill(user, {
      email: 'ann@example.org',
      handle: 'ann_lee',
      password: 'correct horse battery staple',
      accept: true,
    });
    const box = screen.getByRole('checkbox', { name: ACCEPT });
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(box).toHaveAccessibleDescription(
      /The terms of use, privacy notice or medical disclaimer changed since you opened this page\. Reload the page, read them again, and tick the box if you accept them\./,
    );
    expect(box).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the server’s field errors next to the fields', async () => {
    stubFetch(() =>
      problem(422, 'validation_failed', {
        detail: 'Some fields are invalid; see errors.',
        errors: [{ field: 'password', code: 'too_common', message: 'This password is too common.' }],
      }),
    );
    const user = setup();
    await fill(user, { email: 'ann@example.org', handle: 'ann_lee', password: 'password1234', accept: true });
    const pw = await screen.findByLabelText('Password');
    await expect.poll(() => pw.getAttribute('aria-invalid')).toBe('true');
    expect(pw).toHaveAccessibleDescription(/This password is too common\./);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows other failures in the alert region', async () => {
    stubFetch(() => problem(429, 'rate_limited', { detail: 'Try again in a minute.' }));
    const user = setup();
    await fill(user, {
      email: 'ann@example.org',
      handle: 'ann_lee',
      password: 'correct horse battery staple',
      accept: true,
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts');
    expect(alert).toHaveTextContent('Try again in a minute.');
  });
});
