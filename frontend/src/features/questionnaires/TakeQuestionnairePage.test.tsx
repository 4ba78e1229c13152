import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests, setSession } from '../../api/session';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderRoutes } from '../../test/render';
import { questionnaireRoutes } from './routes';

afterEach(() => resetSessionForTests());

const freq = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const detail = {
  slug: 'mini',
  title: 'Mini check',
  description: 'Over the last 2 weeks, how often have you been bothered by these problems?',
  licence: 'public domain',
  recommended_interval_days: 14,
  current_version: 1,
  conditions: [],
  version: {
    version: 1,
    status: 'published',
    definition: {
      items: [
        { key: 'q1', text: 'Feeling down', type: 'single_choice', options: freq, required: true },
        {
          key: 'q2',
          text: 'Thoughts of hurting yourself',
          type: 'single_choice',
          options: freq,
          required: true,
        },
        {
          key: 'why',
          text: 'What makes it worse?',
          type: 'text',
          required: false,
          enable_when: { item: 'q1', operator: 'gte', value: 2 },
        },
      ],
      scoring: { method: 'sum' },
      bands: [
        { min: 0, max: 2, label: 'minimal' },
        { min: 3, max: 6, label: 'moderate' },
      ],
      flags: [{ flag: 'self_harm_risk', item: 'q2', operator: 'gt', value: 0 }],
    },
  },
};

function result(score: number, band: string, crisis: boolean) {
  return {
    id: 'r1',
    questionnaire: 'mini',
    version: 1,
    submitted_at: '2026-11-20T10:00:00Z',
    score,
    subscores: {},
    band,
    flags: crisis ? ['self_harm_risk'] : [],
    show_crisis_resources: crisis,
  };
}

const patient = {
  id: 'u1',
  email: 'p@example.org',
  handle: 'p',
  role: 'patient',
  email_verified: true,
  created_at: '2026-01-01T00:00:00Z',
  profile: { notify_email: false, visibility: 'private', country: null },
};

function setup(answer: (body: { answers: Record<string, unknown> }) => Response) {
  const mock = stubFetch(async (req) => {
    const url = new URL(req.url);
    if (req.method === 'GET' && url.pathname === '/api/v1/questionnaires/mini') return json(detail);
    if (req.method === 'POST' && url.pathname === '/api/v1/questionnaires/mini/responses') {
      return answer(await req.clone().json());
    }
    return problem(404, 'not_found');
  });
  const user = userEvent.setup();
  const { router } = renderRoutes(
    [
      { path: '/questionnaires', children: questionnaireRoutes },
      { path: '/help', element: <p>Help</p> },
    ],
    '/questionnaires/mini',
  );
  return { mock, user, router };
}

describe('TakeQuestionnairePage', () => {
  it('asks one item at a time, needs an answer to go on, and keeps answers going back', async () => {
    const { user } = setup(() => json(result(1, 'minimal', false), 201));
    expect(await screen.findByText('Question 1 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('group', { name: 'Feeling down' })).toHaveAccessibleDescription(
      'Please answer this question to go on.',
    );
    await user.click(screen.getByLabelText('Several days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Question 2 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText('Several days')).toBeChecked();
  });

  it('asks a conditional item only when its condition holds and drops its answer when it stops', async () => {
    const { mock, user } = setup(() => json(result(2, 'minimal', false), 201));
    await screen.findByText('Question 1 of 2');
    await user.click(screen.getByLabelText('Nearly every day'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Question 2 of 3')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Not at all'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByLabelText(/What makes it worse/), 'Bad sleep');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Check your answers' })).toBeInTheDocument();
    // Change the first answer: the follow-up no longer applies.
    await user.click(screen.getByRole('button', { name: /Change the answer to question 1/ }));
    await user.click(screen.getByLabelText('Several days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Question 2 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    expect(await screen.findByText('Minimal')).toBeInTheDocument();
    const post = requests(mock).find((r) => r.method === 'POST');
    const body = await post!.json();
    expect(body.answers).toEqual({ q1: 1, q2: 0 });
    expect(body.version).toBe(1);
    expect(typeof body.client_id).toBe('string');
  });

  it('shows a crisis note as soon as an answer raises the crisis flag, before sending, without taking focus', async () => {
    const { mock, user } = setup(() => json(result(4, 'moderate', true), 201));
    await screen.findByText('Question 1 of 2');
    // Item 1 is not the one the rule tests: nothing yet.
    await user.click(screen.getByLabelText('Several days'));
    expect(screen.queryByText(/talk to someone now/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByLabelText('Several days'));
    // The definition's rule (q2 > 0) holds: the note is in the polite live region at once.
    const live = screen.getAllByRole('status').find((s) => s.textContent?.includes('talk to someone now'));
    expect(live).toBeDefined();
    expect(within(live!).getByRole('link', { name: '988' })).toHaveAttribute('href', 'tel:988');
    expect(within(live!).getByRole('link', { name: 'More crisis numbers' })).toHaveAttribute('href', '/help');
    expect(screen.getByLabelText('Several days')).toHaveFocus();
    expect(requests(mock).filter((r) => r.method === 'POST')).toHaveLength(0);
    // Back to "Not at all": the rule no longer holds.
    await user.click(screen.getByLabelText('Not at all'));
    expect(screen.queryByText(/talk to someone now/)).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('More than half the days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Still there on the review step.
    expect(screen.getByRole('heading', { name: 'Check your answers' })).toBeInTheDocument();
    expect(screen.getByText(/talk to someone now/)).toBeInTheDocument();
  });

  it('shows crisis resources first and prominently when an answer flags self-harm risk', async () => {
    const { user } = setup(() => json(result(4, 'moderate', true), 201));
    await screen.findByText('Question 1 of 2');
    await user.click(screen.getByLabelText('Several days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByLabelText('More than half the days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: /thinking about harming yourself/ })).toBeInTheDocument();
    // The browser says en-US: the US numbers, and help for anywhere else.
    expect(within(alert).getByRole('link', { name: '988' })).toHaveAttribute('href', 'tel:988');
    expect(within(alert).getByRole('link', { name: '911' })).toHaveAttribute('href', 'tel:911');
    expect(within(alert).getByRole('link', { name: 'findahelpline.com' })).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'Crisis numbers for other countries' })).toHaveAttribute('href', '/help');
    expect(alert).toHaveFocus();
    // It comes before the score in the page.
    const score = screen.getByRole('heading', { name: 'Your score' });
    expect(alert.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says how many questions there are, from the definition', async () => {
    setup(() => json(result(1, 'minimal', false), 201));
    // Two asked always, one only after some answers.
    expect(
      await screen.findByText('2 questions, and up to 1 more depending on your answers'),
    ).toBeInTheDocument();
  });

  it('keeps answers in progress in this tab, until they are sent', async () => {
    const first = setup(() => json(result(1, 'minimal', false), 201));
    await screen.findByText('Question 1 of 2');
    await first.user.click(screen.getByLabelText('Several days'));
    await first.user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Question 2 of 2')).toBeInTheDocument();
    const keys = Object.keys(sessionStorage);
    expect(keys).toEqual([expect.stringContaining('mini:v1')]);
    cleanup();

    // As after a reload: the same step, the same answers.
    const again = setup(() => json(result(1, 'minimal', false), 201));
    expect(await screen.findByText('Question 2 of 2')).toBeInTheDocument();
    await again.user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText('Several days')).toBeChecked();
    await again.user.click(screen.getByRole('button', { name: 'Next' }));
    await again.user.click(screen.getByLabelText('Not at all'));
    await again.user.click(screen.getByRole('button', { name: 'Next' }));
    await again.user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    expect(await screen.findByText('Minimal')).toBeInTheDocument();
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('forgets the answers on "Discard answers"', async () => {
    const { user } = setup(() => json(result(1, 'minimal', false), 201));
    await screen.findByText('Question 1 of 2');
    expect(screen.queryByRole('button', { name: 'Discard answers' })).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Several days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Discard answers' }));
    expect(screen.getByText('Question 1 of 2')).toHaveFocus();
    expect(screen.getByLabelText('Several days')).not.toBeChecked();
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('asks before a link inside the app leads away from answers not sent', async () => {
    setSession({ access_token: 't', token_type: 'Bearer', expires_in: 900, user: patient } as never);
    const { router, user } = setup(() => json(result(1, 'minimal', false), 201));
    await screen.findByText('Question 1 of 2');
    await user.click(screen.getByLabelText('Several days'));
    await act(() => router.navigate('/questionnaires'));
    const ask = screen.getByRole('alertdialog', { name: 'Leave Mini check without sending your answers?' });
    expect(within(ask).getByRole('button', { name: 'Stay and finish' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Stay and finish' }));
    expect(router.state.location.pathname).toBe('/questionnaires/mini');
    expect(screen.getByLabelText('Several days')).toBeChecked();
    // The crisis numbers are always reachable.
    await act(() => router.navigate('/help'));
    expect(router.state.location.pathname).toBe('/help');
  });

  it('keeps the answers and the client id when sending fails, so a retry is the same submission', async () => {
    let calls = 0;
    const { mock, user } = setup(() => {
      calls += 1;
      return calls === 1 ? problem(503, 'unavailable') : json(result(1, 'minimal', false), 201);
    });
    await screen.findByText('Question 1 of 2');
    await user.click(screen.getByLabelText('Several days'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByLabelText('Not at all'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit my answers' }));
    expect(await screen.findByText('Minimal')).toBeInTheDocument();
    const posts = requests(mock).filter((r) => r.method === 'POST');
    const [a, b] = await Promise.all(posts.map((p) => p.json()));
    expect(a.client_id).toBe(b.client_id);
  });
});
