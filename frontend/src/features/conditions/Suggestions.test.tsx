import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { bpType, weightType } from '../../test/fixtures';
import { json, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { Suggestions } from './Suggestions';

afterEach(() => resetSessionForTests());

describe('Suggestions', () => {
  it('links each suggested measurement to its form and each questionnaire to itself', async () => {
    stubFetch((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/measurement-types') return json({ items: [bpType, weightType] });
      return json({
        condition: 'hypertension',
        measurement_types: ['blood_pressure', 'body_weight'],
        questionnaires: [{ slug: 'phq-9', title: 'PHQ-9 (depression)' }],
      });
    });
    renderAt(<Suggestions condition={{ slug: 'hypertension', name: 'Hypertension' }} />);
    const region = await screen.findByRole('region', { name: 'Suggested for Hypertension' });
    expect(await within(region).findByRole('link', { name: 'Log blood pressure' })).toHaveAttribute(
      'href',
      '/measurements?type=blood_pressure',
    );
    expect(within(region).getByRole('link', { name: 'Log body weight' })).toHaveAttribute('href', '/measurements?type=body_weight');
    expect(within(region).getByRole('link', { name: 'Answer PHQ-9 (depression)' })).toHaveAttribute('href', '/questionnaires/phq-9');
  });

  it('shows nothing when there is nothing to suggest', async () => {
    const mock = stubFetch((req) =>
      new URL(req.url).pathname === '/api/v1/measurement-types'
        ? json({ items: [] })
        : json({ condition: 'x', measurement_types: [], questionnaires: [] }),
    );
    const { container } = renderAt(<Suggestions condition={{ slug: 'x', name: 'X' }} />);
    await expect.poll(() => mock.mock.calls.length).toBeGreaterThan(0);
    await expect.poll(() => container.querySelector('section')).toBeNull();
  });
});
