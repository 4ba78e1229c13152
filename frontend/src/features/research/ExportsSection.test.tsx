import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import type { Study } from '../../api/types';
import { bpType } from '../../test/fixtures';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { CohortPreview } from './CohortPreview';
import { ExportsSection } from './ExportsSection';

afterEach(() => resetSessionForTests());

const study = {
  id: 's1',
  owner_id: 'u1',
  title: 'Blood pressure study',
  status: 'approved',
  min_cohort: 11,
  categories: [],
  eligibility: [],
  members: [],
} as unknown as Study;

const catalogs: Record<string, unknown> = {
  '/api/v1/questionnaires': { items: [{ slug: 'phq-9', title: 'PHQ-9 (depression)', description: '', licence: '', recommended_interval_days: 14 }] },
  '/api/v1/measurement-types': { items: [bpType] },
};

const queued = { id: 'e1', study_id: 's1', format: 'csv', status: 'queued', created_at: '2026-12-01T10:00:00Z' };
const ready = {
  ...queued,
  status: 'ready',
  participants: 12,
  size_bytes: 2048,
  sha256: 'c'.repeat(64),
  download_url: '/api/v1/exports/e1/download',
  manifest: {
    participants: 12,
    suppressed_categories: ['questionnaire:phq-9'],
    row_counts: { 'participants.csv': 12, 'measurements.csv': 36 },
    sha256: { 'participants.csv': 'a'.repeat(64), 'measurements.csv': 'b'.repeat(64) },
    date_mode: 'relative',
  },
};

describe('CohortPreview', () => {
  it('shows a count below k as words with no bar, and shown counts as bars', async () => {
    stubFetch((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/studies/s1/cohort')
        return json({
          k: 11,
          eligible: { label: 'at least 22', suppressed: false, at_least: 22 },
          consenting: { label: 'at least 11', suppressed: false, at_least: 11 },
          categories: [
            { category: 'measurement:blood_pressure', consenting: { label: 'at least 11', suppressed: false, at_least: 11 } },
            { category: 'questionnaire:phq-9', consenting: { label: 'fewer than 11', suppressed: true, at_least: null } },
          ],
        });
      return json(catalogs[path] ?? {});
    });
    const { container } = renderAt(<CohortPreview study={study} />);
    const table = await screen.findByRole('table', { name: /Members by group/ });
    const phq = within(table).getByRole('row', { name: /PHQ-9/ });
    expect(phq).toHaveTextContent('fewer than 11');
    expect(phq.querySelector('svg, rect')).toBeNull();
    const bp = within(table).getByRole('row', { name: /Blood pressure/ });
    expect(bp.querySelector('rect')?.getAttribute('width')).toBe('50%');
    expect(container.querySelectorAll('rect')).toHaveLength(3);
    expect(screen.getByText(/an export now would leave it out/)).toHaveTextContent('PHQ-9 (depression)');
  });
});

describe('ExportsSection', () => {
  it('explains a refused request in plain words', async () => {
    stubFetch((req) => {
      if (req.method === 'POST')
        return problem(409, 'cohort_too_small', {
          detail: 'Fewer than 11 members consent to this study, its minimum cohort size: nothing can be exported until more do.',
        });
      return json({ items: [] });
    });
    const user = userEvent.setup();
    renderAt(<ExportsSection study={study} />);
    expect(await screen.findByText('No exports yet.')).toBeVisible();
    await user.click(screen.getByLabelText('NDJSON'));
    await user.click(screen.getByRole('button', { name: 'Request the export' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough members consent yet');
    expect(alert).toHaveTextContent('Fewer than 11 members consent');
  });

  it('requests an export, refreshes while it is written, then offers the zip and its manifest', async () => {
    let listed = 0;
    const mock = stubFetch(async (req) => {
      const path = new URL(req.url).pathname;
      if (req.method === 'POST') return json(queued, 202);
      if (path === '/api/v1/studies/s1/exports') {
        listed += 1;
        // Empty before the request, queued once, then ready.
        return json({ items: listed === 1 ? [] : listed === 2 ? [queued] : [ready] });
      }
      if (path === '/api/v1/exports/e1/download') {
        return new Response('PK\u0003\u0004zip', { headers: { 'Content-Type': 'application/zip' } });
      }
      return json(catalogs[path] ?? {});
    });
    const createObjectURL = vi.fn(() => 'blob:zip');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const user = userEvent.setup();
    renderAt(<ExportsSection study={study} />);
    await screen.findByText('No exports yet.');
    await user.click(screen.getByRole('button', { name: 'Request the export' }));
    const post = requests(mock).find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({ format: 'csv' });
    expect(await screen.findByText('Waiting to start')).toBeVisible();
    // The list polls by itself (every 2 s) until the export is ready.
    expect(await screen.findByText('Ready', {}, { timeout: 5000 })).toBeVisible();
    expect(screen.getByText('Your CSV export is ready to download.')).toBeVisible();
    expect(screen.getByText(/12 participants, 2\.0 KB/)).toBeVisible();

    await user.click(screen.getByText(/^Manifest/));
    const files = screen.getByRole('table', { name: 'Files in the zip' });
    expect(within(files).getByRole('row', { name: /measurements\.csv/ })).toHaveTextContent('36');
    expect(screen.getByText(/^PHQ-9 \(depression\)/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: /Download the zip/ }));
    expect(await screen.findByText('Your download has started.')).toBeVisible();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const dl = requests(mock).find((r) => r.url.endsWith('/api/v1/exports/e1/download'));
    expect(dl?.method).toBe('GET');
  }, 10_000);
});
