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

async function fill(
  user: ReturnType<typeof userEvent.setup>,
  v: { email?: string; handle?: string; password?: string },
) {
  if (v.email !== undefined) await user.type(screen.getByLabelText('Email address'), v.email);
  if (v.handle !== undefined) await user.type(screen.getByLabelText('Handle'), v.handle);
  if (v.password !== undefined) await user.type(screen.getByLabelText('Password'), v.password);
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

  it('posts the form and moves on to "check your email"', async () => {
    const mock = stubFetch(() => json({ message: 'Check your email' }, 202));
    const user = setup();
    await fill(user, { email: 'ann@example.org', handle: 'ann_lee', password: 'correct horse battery staple' });
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByText('ann@example.org')).toBeInTheDocument();
    const [req] = requests(mock);
    expect(new URL(req!.url).pathname).toBe('/api/v1/auth/register');
    expect(req!.method).toBe('POST');
    expect(await req!.json()).toEqual({
      email: 'ann@example.org',
      handle: 'ann_lee',
      password: 'correct horse battery staple',
    });
  });

  it('shows the server’s field errors next to the fields', async () => {
    stubFetch(() =>
      problem(422, 'validation_failed', {
        detail: 'Some fields are invalid; see errors.',
        errors: [{ field: 'password', code: 'too_common', message: 'This password is too common.' }],
      }),
    );
    const user = setup();
    await fill(user, { email: 'ann@example.org', handle: 'ann_lee', password: 'password1234' });
    const pw = await screen.findByLabelText('Password');
    await expect.poll(() => pw.getAttribute('aria-invalid')).toBe('true');
    expect(pw).toHaveAccessibleDescription(/This password is too common\./);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows other failures in the alert region', async () => {
    stubFetch(() => problem(429, 'rate_limited', { detail: 'Try again in a minute.' }));
    const user = setup();
    await fill(user, { email: 'ann@example.org', handle: 'ann_lee', password: 'correct horse battery staple' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts');
    expect(alert).toHaveTextContent('Try again in a minute.');
  });
});
