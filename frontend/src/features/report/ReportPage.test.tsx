import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSessionForTests, setSession } from '../../api/session';
import type { MeasurementType } from '../../api/types';
import { bpType, weightType } from '../../test/fixtures';
import { json, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { addDays, dayStart, localDay, presetPeriod } from './model';
import { ReportPage } from './ReportPage';

afterEach(() => resetSessionForTests());

const glucoseType = {
  slug: 'blood_glucose',
  name: 'Blood glucose',
  unit: 'mg/dL',
  accepted_units: ['mg/dL', 'mmol/L'],
  decimals: 0,
  components: [{ key: 'value', name: 'Blood glucose', min: 10, max: 1000 }],
} as MeasurementType;

const today = localDay();
/** Noon, `n` days ago, as the API writes times. */
const daysAgo = (n: number) => new Date(Date.parse(dayStart(addDays(today, -n))) + 12 * 3_600_000).toISOString();
/** The UTC day of that noon (what a summary bucket is keyed by). */
const bucketDay = (n: number) => daysAgo(n).slice(0, 10);

const reading = (type: string, value: number, n: number, unit: string) => ({
  id: `${type}-${n}`,
  type,
  value,
  unit,
  taken_at: daysAgo(n),
  taken_at_local: daysAgo(n),
  created_at: daysAgo(n),
  updated_at: daysAgo(n),
  source: 'manual',
});

const phq9Definition = {
  items: [
    { key: 'q1', text: 'Little interest or pleasure in doing things', type: 'single_choice', loinc: '44250-9' },
    {
      key: 'q9',
      text: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      type: 'single_choice',
      loinc: '44260-8',
      options: [
        { value: 0, label: 'Not at all' },
        { value: 1, label: 'Several days' },
        { value: 2, label: 'More than half the days' },
        { value: 3, label: 'Nearly every day' },
      ],
    },
  ],
  scoring: { method: 'sum' },
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ],
};
const phq9 = {
  slug: 'phq-9',
  title: 'PHQ-9',
  description: 'Depression',
  licence: 'Pfizer',
  recommended_interval_days: 14,
  current_version: 1,
};
const response = (id: string, n: number, score: number) => ({
  id,
  questionnaire: 'phq-9',
  version: 1,
  score,
  band: score >= 10 ? 'moderate' : 'mild',
  flags: [],
  subscores: {},
  show_crisis_resources: false,
  submitted_at: daysAgo(n),
});

function serve({ units = {} as Record<string, string>, targets = [] as unknown[] } = {}) {
  return stubFetch((req) => {
    const url = new URL(req.url);
    const path = url.pathname;
    const type = url.searchParams.get('type');
    switch (path) {
      case '/api/v1/measurement-types':
        return json({ items: [bpType, weightType, glucoseType] });
      case '/api/v1/me/display-units':
        return json({ units });
      case '/api/v1/me/conditions':
        return json({
          items: [
            {
              id: 'c1',
              primary: true,
              status: 'active',
              diagnosis_year: 2015,
              condition: { id: 'h', slug: 'hypertension', name: 'High blood pressure', icd10: 'I10' },
            },
          ],
        });
      case '/api/v1/me/measurements/summary':
        // Three readings averaging 130/84 on one day, one of 150/96 on another.
        return json({
          type,
          unit: 'mm[Hg]',
          bucket: 'day',
          components: ['systolic', 'diastolic'],
          items: [
            { bucket_start: bucketDay(10), count: 3, mean: [130, 84], min: [120, 80], max: [140, 88] },
            { bucket_start: bucketDay(3), count: 1, mean: [150, 96], min: [150, 96], max: [150, 96] },
          ],
        });
      case '/api/v1/me/measurements':
        if (type === 'body_weight') {
          return json({ items: [reading('body_weight', 80, 2, 'kg'), reading('body_weight', 81, 20, 'kg')], next_cursor: null });
        }
        return json({
          items: [65, 100, 150, 200].map((v, i) => reading('blood_glucose', v, i + 1, 'mg/dL')),
          next_cursor: null,
        });
      case '/api/v1/me/targets':
        return json({ items: targets });
      case '/api/v1/questionnaires':
        return json({ items: [phq9] });
      case '/api/v1/me/questionnaires/phq-9/scores':
        return json({
          questionnaire: 'phq-9',
          points: [
            { submitted_at: daysAgo(200), score: 3, band: 'minimal' },
            { submitted_at: daysAgo(15), score: 8, band: 'mild' },
            { submitted_at: daysAgo(1), score: 12, band: 'moderate' },
          ],
        });
      case '/api/v1/questionnaires/phq-9':
        return json({ ...phq9, conditions: [], version: { version: 1, status: 'published', definition: phq9Definition } });
      case '/api/v1/me/responses':
        return json({ items: [response('r2', 1, 12), response('r1', 15, 8)], next_cursor: null });
      case '/api/v1/me/responses/r2':
        return json({ ...response('r2', 1, 12), answers: [{ key: 'q9', value_number: 1 }] });
      case '/api/v1/me/responses/r1':
        return json({ ...response('r1', 15, 8), answers: [{ key: 'q9', value_number: 0 }] });
      case '/api/v1/me/measurements/export.csv':
        return new Response('type,value\n', { headers: { 'Content-Type': 'text/csv' } });
      default:
        return json({ items: [] });
    }
  });
}

beforeEach(() => {
  setSession({
    access_token: 't',
    token_type: 'Bearer',
    expires_in: 600,
    refresh_token: 'r',
    user: { id: 'u1', handle: 'ann_lee', role: 'patient', email_verified: true } as never,
  });
});

describe('ReportPage', () => {
  it('shows each section with the figures of the period', async () => {
    serve({ units: { body_weight: '[lb_av]' } });
    renderAt(<ReportPage />, '/report');
    const report = screen.getByRole('article', { name: 'Health summary from Kindred' });

    expect(await within(report).findByRole('listitem')).toHaveTextContent(
      'High blood pressure (ICD-10 I10) — active, diagnosed in 2015, main condition',
    );

    // Weighted by readings: (130×3 + 150) / 4 = 135 and (84×3 + 96) / 4 = 87, not 140/90.
    expect(await within(report).findByTestId('bp-average')).toHaveTextContent('135/87 mmHg');
    const bpTable = within(report).getByRole('table', { name: /Averages per 30 days/ });
    const rows = within(bpTable).getAllByRole('row');
    const last = rows[rows.length - 1]!;
    expect(within(last).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '135', '87']);

    // Weight in the member's unit: 80 kg ≈ 176.4 lb, 81 kg ≈ 178.6 lb.
    expect(await within(report).findByTestId('weight-latest')).toHaveTextContent('176.4 lb');
    expect(within(report).getByTestId('weight-change')).toHaveTextContent('−2.2 lb (from 178.6 lb');

    // No target of their own: the general range, and says so.
    expect(await within(report).findByTestId('glucose-range')).toHaveTextContent(
      'Range used: 70–180 mg/dL, a general range (the member has not set a target of their own in Kindred).',
    );
    expect(within(report).getByTestId('glucose-in-range')).toHaveTextContent('50% of readings (2 of 4)');

    // Scores in the period only (the one from 200 days ago is outside 3 months), with bands.
    expect(await within(report).findByRole('heading', { name: 'PHQ-9', level: 4 })).toBeVisible();
    expect(within(report).getByText(/Latest score/)).toHaveTextContent('Latest score 12 (Moderate)');
    expect(within(report).getByText(/Score bands:/)).toHaveTextContent('0–4 minimal, 5–9 mild, 10–14 moderate');
    const scores = within(report).getByRole('table', { name: 'PHQ-9 scores' });
    expect(within(scores).getAllByRole('row')).toHaveLength(3);

    // Question 9: the latest answers, the non-zero one marked.
    const item9 = await within(report).findByTestId('phq9-item9');
    const answers = within(item9).getAllByRole('row').slice(1);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toHaveTextContent('Several days');
    expect(within(answers[0]!).getByText('Not zero')).toBeVisible();
    expect(answers[1]).toHaveTextContent('Not at all');
    expect(within(answers[1]!).queryByText('Not zero')).not.toBeInTheDocument();
    expect(within(item9).getByRole('link', { name: 'get help now' })).toHaveAttribute('href', '/help');

    // Self-reported, with the period and the print date.
    expect(within(report).getByText(/were not measured or checked by a clinician/)).toBeVisible();
    expect(within(report).getByTestId('report-period')).toHaveTextContent('(91 days)');
  });

  it('uses the member’s own glucose target, in their unit, and says so', async () => {
    serve({
      units: { blood_glucose: 'mmol/L' },
      targets: [
        {
          type: 'blood_glucose',
          unit: 'mg/dL',
          ranges: { value: { low: 80, high: 140 } },
          recent: { days: 30, readings: 0, in_range: 0, percent: null },
        },
      ],
    });
    renderAt(<ReportPage />, '/report');
    // 80 and 140 mg/dL are 4.4 and 7.8 mmol/L; of 65, 100, 150 and 200 mg/dL only 100 is inside.
    expect(await screen.findByTestId('glucose-range')).toHaveTextContent(
      'Range used: 4.4–7.8 mmol/L, the member’s own target set in Kindred.',
    );
    expect(screen.getByTestId('glucose-in-range')).toHaveTextContent('25% of readings (1 of 4)');
  });

  it('prints a name only when typed, never the handle', async () => {
    serve();
    const user = userEvent.setup();
    renderAt(<ReportPage />, '/report');
    const name = within(screen.getByRole('article')).getByTestId('report-name');
    expect(name).toHaveTextContent('not given');
    await user.type(screen.getByLabelText('Name to print at the top (optional)'), 'Ann Example');
    expect(name).toHaveTextContent('Ann Example');
    expect(screen.queryByText(/ann_lee/)).not.toBeInTheDocument();
  });

  it('asks for the chosen period and leaves out unticked sections', async () => {
    const mock = serve();
    const user = userEvent.setup();
    renderAt(<ReportPage />, '/report');
    await screen.findByTestId('bp-average');
    await user.click(screen.getByRole('radio', { name: 'Last 12 months' }));
    await screen.findByText(/\(365 days\)/);
    const year = presetPeriod('12m', today);
    await vi.waitFor(() => {
      const summaries = requests(mock)
        .map((r) => new URL(r.url))
        .filter((u) => u.pathname === '/api/v1/me/measurements/summary');
      expect(summaries.map((u) => u.searchParams.get('from'))).toContain(dayStart(year.start));
      expect(summaries.every((u) => u.searchParams.get('bucket') === 'day')).toBe(true);
    });
    // The 12-month table has 13 rows of 30 days (the oldest 5 days) plus its header.
    const table = await screen.findByRole('table', { name: /Averages per 30 days/ });
    await vi.waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(14));

    await user.click(screen.getByRole('checkbox', { name: 'Weight' }));
    expect(screen.queryByRole('heading', { name: 'Weight' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Blood pressure' })).toBeVisible();
  });

  it('explains wrong dates and offers no printing until they are right', async () => {
    serve();
    const user = userEvent.setup();
    renderAt(<ReportPage />, '/report');
    await user.click(screen.getByRole('radio', { name: 'Choose the dates' }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2000-01-01');
    expect(to).toHaveAccessibleDescription('The last day must be on or after the first day.');
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeDisabled();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    await user.clear(to);
    await user.type(to, today);
    expect(from).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeEnabled();
  });

  it('opens the print window, and downloads the measurements as CSV with the token', async () => {
    const mock = serve();
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const created = vi.fn((_b: Blob) => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const user = userEvent.setup();
    renderAt(<ReportPage />, '/report');
    await user.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledOnce();

    await user.click(screen.getByRole('button', { name: 'All my measurements (CSV)' }));
    expect(await screen.findByText(/Your download has started: kindred-measurements-/)).toBeVisible();
    const csv = requests(mock).find((r) => new URL(r.url).pathname === '/api/v1/me/measurements/export.csv')!;
    expect(csv.headers.get('Authorization')).toBe('Bearer t');
    expect(created).toHaveBeenCalledOnce();
    expect(await screen.findByRole('button', { name: 'My PHQ-9 answers (CSV)' })).toBeVisible();
  });
});
