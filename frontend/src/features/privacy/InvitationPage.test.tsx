import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { InvitationPage } from './InvitationPage';
import type { Invitation } from './types';

afterEach(() => resetSessionForTests());

const sha = 'c0ffee'.repeat(10) + 'abcd';
const invitation: Invitation = {
  study_id: 's1',
  title: 'Peak flow in asthma',
  institution: 'Asthma Institute',
  lay_summary: 'We want to learn whether falling peak flow warns of an attack.',
  categories: [
    { category: 'measurement:peak_flow', label: 'Peak flow readings', reason: 'The main measure.' },
    { category: 'demographics', label: 'Birth year, sex and country', reason: 'To describe the group.' },
  ],
  consent_text: 'You agree to share the data you tick with the Asthma Institute.',
  consent_sha256: sha,
  data_from: '2026-01-01',
  data_to: '2026-11-01',
  ends_on: '2027-03-01',
  my_consent: null,
};

const questions = [
  {
    id: 'what_is_shared',
    text: 'If you agree to a study, what do its researchers receive?',
    options: [
      { id: 'chosen_categories', text: 'Only the kinds of data I tick, for that study only' },
      { id: 'everything', text: 'Everything I ever recorded in Kindred' },
    ],
  },
  {
    id: 'withdrawing',
    text: 'What happens if you withdraw your consent?',
    options: [
      { id: 'stops_future', text: 'No future exports include me; copies already sent cannot be recalled' },
      { id: 'deletes_everything', text: 'Every copy the researchers have is deleted' },
    ],
  },
];

function setup(passed: boolean, { serverRequiresCheck = false } = {}) {
  let checkTries = 0;
  const mock = stubFetch(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/me/invitations') return json({ items: [invitation] });
    if (path === '/api/v1/me/comprehension-check' && req.method === 'GET')
      return json({ questions, passed_at: passed ? '2026-11-01T00:00:00Z' : null });
    if (path === '/api/v1/me/comprehension-check') {
      checkTries += 1;
      const body = (await req.clone().json()) as { answers: Record<string, string> };
      if (body.answers.withdrawing !== 'stops_future')
        return problem(422, 'validation_failed', {
          errors: [
            {
              field: 'answers.withdrawing',
              code: 'wrong_answer',
              message: 'Withdrawing stops every future export, but researchers keep what they already received.',
            },
          ],
        });
      return json({ questions, passed_at: '2026-12-01T00:00:00Z' });
    }
    if (path === '/api/v1/studies/s1/consent') {
      if (serverRequiresCheck && checkTries === 0) return problem(403, 'comprehension_required');
      const body = (await req.clone().json()) as { categories: string[] };
      return json(
        {
          receipt_id: 'r1',
          study_id: 's1',
          study_title: invitation.title,
          institution: invitation.institution,
          kind: 'granted',
          version: 1,
          categories: body.categories,
          consent_sha256: sha,
          how_to_withdraw: 'x',
          at: '2026-12-01T00:00:00Z',
        },
        201,
      );
    }
    return json({ items: [] });
  });
  const utils = renderRoutes(
    [
      { path: '/privacy/invitations/:id', element: <InvitationPage /> },
      { path: '/privacy/consents/:id', element: <h1>Receipt page</h1> },
    ],
    '/privacy/invitations/s1',
  );
  return { ...utils, mock, tries: () => checkTries };
}

const consentCalls = (mock: ReturnType<typeof stubFetch>) =>
  requests(mock).filter((r) => r.method === 'POST' && r.url.endsWith('/studies/s1/consent'));

describe('InvitationPage', () => {
  it('shows each category with its reason, the consent text and its fingerprint', async () => {
    setup(true);
    expect(await screen.findByRole('heading', { level: 1, name: 'Peak flow in asthma' })).toBeInTheDocument();
    expect(screen.getByLabelText('Peak flow readings')).toHaveAccessibleDescription('Why they ask: The main measure.');
    expect(screen.getByRole('region', { name: 'Full consent text' })).toHaveTextContent('Asthma Institute');
    expect(screen.getByText(sha)).toBeInTheDocument();
  });

  it('asks for at least one category, and sends none until one is ticked', async () => {
    const { mock } = setup(true);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Give my consent' }));
    expect(await screen.findByText('Tick at least one kind of data to share.')).toBeInTheDocument();
    expect(consentCalls(mock)).toHaveLength(0);
  });

  it('stops a first consent at the comprehension check, explains a wrong answer, then consents to the ticked subset', async () => {
    const { mock, router, tries } = setup(false);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Peak flow readings'));
    await user.click(screen.getByRole('button', { name: 'Give my consent' }));

    expect(await screen.findByRole('heading', { name: /three quick questions/ })).toBeInTheDocument();
    expect(consentCalls(mock)).toHaveLength(0);
    await user.click(await screen.findByLabelText('Only the kinds of data I tick, for that study only'));
    await user.click(screen.getByLabelText('Every copy the researchers have is deleted'));
    await user.click(screen.getByRole('button', { name: 'Check my answers and continue' }));
    expect(await screen.findByText(/researchers keep what they already received/)).toBeInTheDocument();
    expect(screen.getByText(/One answer needs another look/)).toBeInTheDocument();
    expect(consentCalls(mock)).toHaveLength(0);

    await user.click(screen.getByLabelText(/No future exports include me/));
    await user.click(screen.getByRole('button', { name: 'Check my answers and continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/privacy/consents/r1'));
    expect(tries()).toBe(2);
    const sent = consentCalls(mock);
    expect(sent).toHaveLength(1);
    expect(await sent[0]!.json()).toEqual({ categories: ['measurement:peak_flow'], consent_text_sha256: sha });
  });

  it('goes to the check when the server says it is needed', async () => {
    // The page thought the check was passed; the server has the last word (403).
    const { mock } = setup(true, { serverRequiresCheck: true });
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Birth year, sex and country'));
    await user.click(screen.getByRole('button', { name: 'Give my consent' }));
    expect(await screen.findByRole('heading', { name: /three quick questions/ })).toBeInTheDocument();
    expect(consentCalls(mock)).toHaveLength(1);
  });
});
