import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
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
  renderRoutes([{ path: '/questionnaires', children: questionnaireRoutes }], '/questionnaires/mini');
  return { mock, user };
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
    expect(within(alert).getByRole('link', { name: '988' })).toHaveAttribute('href', 'tel:988');
    expect(within(alert).getByText(/116 123/)).toBeInTheDocument();
    expect(alert).toHaveFocus();
    // It comes before the score in the page.
    const score = screen.getByRole('heading', { name: 'Your score' });
    expect(alert.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
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
