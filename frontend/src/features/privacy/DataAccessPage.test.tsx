import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { bpType } from '../../test/fixtures';
import { json, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { DataAccessPage } from './DataAccessPage';

afterEach(() => resetSessionForTests());

function serve(items: unknown[]) {
  stubFetch((req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/me/data-access') return json({ items });
    if (path === '/api/v1/measurement-types') return json({ items: [bpType] });
    return json({ items: [] });
  });
}

describe('DataAccessPage', () => {
  it('explains that nothing has been shared yet', async () => {
    serve([]);
    renderAt(<DataAccessPage />);
    expect(await screen.findByRole('heading', { name: 'Nothing has been shared yet' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'your consents' })).toHaveAttribute('href', '/privacy/consents');
  });

  it('lists each export as a line in plain words, and says when its file was deleted', async () => {
    serve([
      {
        export_id: 'e2',
        study_id: 's1',
        study_title: 'Pressure at home',
        institution: 'Leeds',
        categories: ['measurement:blood_pressure'],
        category_labels: ['Your blood pressure measurements'],
        days_of_data: 42,
        exported_at: '2026-11-30T10:00:00Z',
        expired: false,
      },
      {
        export_id: 'e1',
        study_id: 's1',
        study_title: 'Pressure at home',
        institution: 'Leeds',
        categories: ['measurement:blood_pressure', 'demographics'],
        category_labels: ['Your blood pressure measurements', 'Your age band (5 years) and country'],
        days_of_data: 1,
        exported_at: '2026-05-03T10:00:00Z',
        expired: true,
      },
    ]);
    renderAt(<DataAccessPage />);
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      /Pressure at home \(Leeds\) received your blood pressure measurements on .+ — 42 days of data\./,
    );
    expect(items[0]).not.toHaveTextContent('File deleted');
    expect(items[1]).toHaveTextContent('received your blood pressure measurements and age band and country on');
    expect(items[1]).toHaveTextContent('1 day of data');
    expect(items[1]).toHaveTextContent('File deleted');
  });
});
