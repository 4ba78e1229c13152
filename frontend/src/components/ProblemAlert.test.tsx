import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { applyFieldErrors, toFormPath } from '../api/fieldErrors';
import { describeProblem, ProblemError, toProblem } from '../api/problem';
import { TextField } from './fields';
import { ProblemAlert } from './ProblemAlert';
import { useServerErrors } from './useServerErrors';

const validation = (errors: { field: string; code: string; message: string }[]) =>
  new ProblemError(
    toProblem(
      {
        type: 'urn:kindred:problem:validation_failed',
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'Some fields are invalid; see errors.',
        code: 'validation_failed',
        errors,
      },
      422,
    ),
  );

describe('toProblem', () => {
  it('keeps a server problem document', () => {
    const p = toProblem({ type: 't', title: 'Nope', status: 409, code: 'conflict', detail: 'Taken' }, 409);
    expect(p).toMatchObject({ title: 'Nope', status: 409, code: 'conflict', detail: 'Taken' });
  });
  it('makes one up for a non-problem body', () => {
    expect(toProblem('<html>Bad gateway</html>', 502)).toMatchObject({ status: 502, code: 'server_error' });
    expect(toProblem(undefined, 404)).toMatchObject({ status: 404, code: 'http_404' });
  });
  it('drops malformed field errors', () => {
    const p = toProblem({ title: 'x', code: 'validation_failed', errors: [{ field: 'a' }, { field: 'b', code: 'c', message: 'm' }] }, 422);
    expect(p.errors).toEqual([{ field: 'b', code: 'c', message: 'm' }]);
  });
});

describe('ProblemAlert', () => {
  it('shows a plain heading and the detail in an alert region', () => {
    render(
      <ProblemAlert
        error={new ProblemError(toProblem({ type: 't', title: 'Unauthorized', status: 401, code: 'invalid_credentials', detail: 'Wrong email or password.' }, 401))}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('That email and password do not match an account');
    expect(alert).toHaveTextContent('Wrong email or password.');
    expect(alert).toHaveFocus();
  });
  it('renders nothing without an error', () => {
    const { container } = render(<ProblemAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
  });
  it('says a reused email link was already used, on a page without a form', () => {
    render(
      <ProblemAlert
        focus={false}
        error={validation([
          {
            field: 'token',
            code: 'invalid_or_expired',
            message: 'This link is invalid, was already used or has expired. Ask for a new one.',
          },
        ])}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This link was already used or has expired');
    expect(alert).not.toHaveTextContent(/check your answers|see errors|fields/i);
    expect(alert).not.toHaveFocus();
  });
  it('uses the field error’s own words when there is no form to point at', () => {
    render(
      <ProblemAlert
        error={validation([
          { field: 'from', code: 'invalid', message: 'The start of the period is not a valid time.' },
          { field: 'bucket', code: 'invalid', message: 'Choose week or month.' },
        ])}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('.alert-title')).toHaveTextContent('The start of the period is not a valid time.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('Choose week or month.');
    expect(alert).not.toHaveTextContent(/check your answers|see errors/i);
  });
});

describe('describeProblem', () => {
  const field = { field: 'email', code: 'taken', message: 'That email is not allowed.' };
  it('asks to check the answers only for a form', () => {
    const p = validation([field]).problem;
    expect(describeProblem(p, { form: true })).toEqual({
      heading: 'Please check your answers',
      detail: null,
      items: ['That email is not allowed.'],
    });
    expect(describeProblem(p)).toEqual({ heading: 'That email is not allowed.', detail: null, items: [] });
  });
  it('words known codes the same way, form or not', () => {
    const p = validation([{ field: 'token', code: 'invalid_or_expired', message: 'server words' }, field]).problem;
    for (const form of [true, false]) {
      expect(describeProblem(p, { form })).toEqual({
        heading: 'This link was already used or has expired',
        detail: 'Each link we email works once, and only for a limited time.',
        items: ['That email is not allowed.'],
      });
    }
  });
  it('never shows the generic "see errors" detail, even without field errors', () => {
    const p = validation([]).problem;
    expect(describeProblem(p).heading).toBe('That was not accepted');
    expect(JSON.stringify(describeProblem(p))).not.toMatch(/see errors/);
  });
  it('keeps plain headings and the server’s detail for other problems', () => {
    const p = toProblem({ title: 'Conflict', code: 'already_added', status: 409, detail: 'You added it before.' }, 409);
    expect(describeProblem(p)).toEqual({
      heading: 'That is already on your list',
      detail: 'You added it before.',
      items: [],
    });
  });
});

describe('toFormPath', () => {
  it('turns JSON paths into react-hook-form paths', () => {
    expect(toFormPath('email')).toBe('email');
    expect(toFormPath('items[2].value')).toBe('items.2.value');
    expect(toFormPath('[0].a')).toBe('0.a');
  });
});

interface Values {
  email: string;
  items: { value: string }[];
}

function Harness({ error }: { error: ProblemError }) {
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { email: '', items: [{ value: '' }, { value: '' }, { value: '' }] },
  });
  const server = useServerErrors(setError, ['email', 'items.2.value']);
  const [sent, setSent] = useState(false);
  return (
    <form
      onSubmit={handleSubmit(() => {
        setSent(true);
        server.handle(error);
      })}
    >
      <ProblemAlert error={server.problem} form />
      <TextField label="Email" registration={register('email')} error={formState.errors.email} />
      <TextField
        label="Third value"
        registration={register('items.2.value')}
        error={formState.errors.items?.[2]?.value}
      />
      <button type="submit">Send</button>
      {sent && <p>sent</p>}
    </form>
  );
}

describe('field errors from a 422', () => {
  it('places each error next to its field and focuses the first', async () => {
    render(
      <Harness
        error={validation([
          { field: 'email', code: 'taken', message: 'That email is not allowed.' },
          { field: 'items[2].value', code: 'out_of_range', message: 'Too high.' },
        ])}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('That email is not allowed.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Third value')).toHaveAccessibleDescription('Too high.');
    // Every error found its field: no alert.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lists errors for fields the form does not have in the alert', async () => {
    render(
      <Harness
        error={validation([
          { field: 'email', code: 'taken', message: 'That email is not allowed.' },
          { field: 'terms', code: 'required', message: 'Agree to the terms to go on.' },
        ])}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Please check your answers');
    expect(alert).toHaveTextContent('Agree to the terms to go on.');
    expect(alert).not.toHaveTextContent('That email is not allowed.');
    expect(alert).not.toHaveTextContent('see errors');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('That email is not allowed.');
  });

  it('says what a known code means even in a form (an old link on the reset-password form)', async () => {
    render(
      <Harness
        error={validation([{ field: 'token', code: 'invalid_or_expired', message: 'This link has expired.' }])}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This link was already used or has expired');
    expect(alert).not.toHaveTextContent('Please check your answers');
  });

  it('returns the problem untouched when it has no field errors', () => {
    const err = new ProblemError(toProblem({ title: 'Conflict', code: 'conflict', status: 409 }, 409));
    expect(applyFieldErrors(err, () => {}, [])).toBe(err);
  });
});
