import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ProblemError, toProblem } from '../../api/problem';
import { renderAt } from '../../test/render';
import { Composer, type ComposerValues } from './Composer';

const phone = '555-123-4567';
const body = `Café 😀 evenings. Call ${phone} any time.`;
// Offsets in Unicode characters, as the server counts them (the emoji is one).
const start = Array.from(body.slice(0, body.indexOf(phone))).length;

function privacyProblem() {
  return new ProblemError(
    toProblem(
      {
        type: 'urn:kindred:problem:privacy_check',
        title: 'This post could identify someone',
        status: 422,
        code: 'privacy_check',
        findings: [{ field: 'body', kind: 'phone', start, end: start + phone.length, text: phone }],
      },
      422,
    ),
  );
}

function setup() {
  const send = vi.fn<(v: ComposerValues, confirm: boolean) => Promise<void>>();
  send.mockRejectedValueOnce(privacyProblem()).mockResolvedValue(undefined);
  renderAt(<Composer mode="reply" label="Reply" submitLabel="Post reply" community="caregivers" send={send} />);
  return { send, user: userEvent.setup() };
}

describe('Composer privacy check', () => {
  it('keeps the findings of a privacy_check problem', () => {
    expect(privacyProblem().findings).toEqual([{ field: 'body', kind: 'phone', start, end: start + 12, text: phone }]);
  });

  it('marks each finding in place and posts anyway with the confirmation', async () => {
    const { send, user } = setup();
    await user.type(screen.getByLabelText('Your reply'), body);
    await user.click(screen.getByRole('button', { name: 'Post reply' }));

    const review = await screen.findByRole('group', { name: /Check before you post/ });
    expect(review).toHaveFocus();
    expect(review.querySelector('mark')?.textContent).toBe(`${phone} (a phone number)`);
    expect(screen.queryByLabelText('Your reply')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Post anyway' }));
    expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ body }), true);
    expect(screen.queryByRole('group', { name: /Check before you post/ })).toBeNull();
  });

  it('goes back to the text with the finding selected on "Edit my post"', async () => {
    const { send, user } = setup();
    await user.type(screen.getByLabelText('Your reply'), body);
    await user.click(screen.getByRole('button', { name: 'Post reply' }));
    await user.click(await screen.findByRole('button', { name: 'Edit my post' }));

    const field = screen.getByLabelText<HTMLTextAreaElement>('Your reply');
    expect(field).toHaveFocus();
    expect(field.value).toBe(body);
    expect(field.value.slice(field.selectionStart, field.selectionEnd)).toBe(phone);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ body }), false);
  });
});
