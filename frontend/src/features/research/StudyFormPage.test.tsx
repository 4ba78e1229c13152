import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { weightType } from '../../test/fixtures';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { NewStudyPage } from './StudyFormPage';

afterEach(() => resetSessionForTests());

const catalogs: Record<string, unknown> = {
  '/api/v1/questionnaires': {
    items: [{ slug: 'phq-9', title: 'PHQ-9 (depression)', description: '', licence: '', recommended_interval_days: 14 }],
  },
  '/api/v1/measurement-types': { items: [weightType] },
  '/api/v1/conditions': { items: [{ id: 'c1', slug: 'asthma', name: 'Asthma', icd10: 'J45' }] },
  '/api/v1/communities': { items: [] },
};

describe('NewStudyPage', () => {
  it('builds the category picker from the catalogs and puts category errors on their rows', async () => {
    const mock = stubFetch((req) => {
      const path = new URL(req.url).pathname;
      if (req.method === 'POST') {
        return problem(422, 'validation_failed', {
          errors: [
            { field: 'categories[1].reason', code: 'invalid_character', message: 'Keep it on one line.' },
            { field: 'conditions[0]', code: 'unknown', message: 'No such condition.' },
          ],
        });
      }
      return json(catalogs[path] ?? {});
    });
    const user = userEvent.setup();
    renderAt(<NewStudyPage />);
    await user.click(await screen.findByLabelText('PHQ-9 (depression)'));
    await user.type(screen.getByLabelText('Why you need it: PHQ-9 (depression)'), 'To follow mood.');
    await user.click(screen.getByLabelText('Body weight'));
    await user.type(screen.getByLabelText('Why you need it: Body weight'), 'Weight change.');
    await user.click(screen.getByLabelText('Asthma'));
    for (const [label, value] of [
      ['Title', 'A study'],
      ['Summary for members', 'A summary that is long enough to be read by members first.'],
      ['Scientific purpose', 'A purpose of some length.'],
      ['Ethics committee or IRB reference', 'IRB-1'],
      ['Data from', '2026-01-01'],
      ['Data to', '2026-06-30'],
      ['Study ends on', '2027-01-01'],
    ] as const) {
      await user.type(screen.getByLabelText(label), value);
    }
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    const weightReason = screen.getByLabelText('Why you need it: Body weight');
    expect(await screen.findByText('Keep it on one line.')).toBeInTheDocument();
    expect(weightReason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Why you need it: PHQ-9 (depression)')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('No such condition.')).toBeInTheDocument();

    const post = requests(mock).find((r) => r.method === 'POST');
    expect(await post!.json()).toMatchObject({
      title: 'A study',
      conditions: ['asthma'],
      communities: [],
      categories: [
        { category: 'questionnaire:phq-9', reason: 'To follow mood.' },
        { category: 'measurement:body_weight', reason: 'Weight change.' },
      ],
    });
  });
});
