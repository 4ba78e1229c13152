import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch, type Handler } from '../../test/http';
import { renderAt } from '../../test/render';
import { ImportPage } from './ImportPage';

afterEach(() => resetSessionForTests());

const CSV = 'type,value,unit,taken_at\nbody_weight,81.4,kg,2026-11-01T07:30:00+01:00\n';

const me = {
  id: 'u1',
  handle: 'ana',
  email: 'ana@example.org',
  email_verified: true,
  role: 'patient',
  created_at: '2026-11-30T00:00:00Z',
  profile: { visibility: 'private', notify_email: false, time_zone: 'Asia/Tokyo' },
  moderator_of: [],
};

/** The account for GET /me; the import requests to `handler`. */
function stub(handler: Handler, profile: Record<string, unknown> = {}) {
  return stubFetch((req) =>
    new URL(req.url).pathname === '/api/v1/me' ? json({ ...me, profile: { ...me.profile, ...profile } }) : handler(req),
  );
}

/** The import requests only. */
function imports(mock: ReturnType<typeof stubFetch>): Request[] {
  return requests(mock).filter((r) => r.method === 'POST');
}

describe('ImportPage', () => {
  it('checks the file with a dry run, then imports it', async () => {
    const mock = stub((req) => {
      const dry = new URL(req.url).searchParams.get('dry_run') === 'true';
      return json({ dry_run: dry, rows: 1, imported: dry ? 0 : 1, duplicates: 0, skipped: [], skipped_lines: 0, unusual: [], unusual_lines: 0 });
    });
    const user = userEvent.setup();
    renderAt(<ImportPage />);
    await user.type(screen.getByLabelText(/paste the lines/), CSV);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    expect(await screen.findByText('The file is fine: nothing was stored yet.')).toBeInTheDocument();
    expect(screen.getByText('1 reading read, all valid. Choose Import to store them.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Imported.')).toBeInTheDocument();
    expect(screen.getByText('1 reading read; imported 1.')).toBeInTheDocument();
    const [dry, real] = imports(mock) as [Request, Request];
    expect(new URL(dry.url).searchParams.get('dry_run')).toBe('true');
    expect(new URL(real.url).searchParams.get('dry_run')).toBe('false');
    expect(real.headers.get('Content-Type')).toBe('text/csv');
    expect(await real.text()).toBe(CSV);
  });

  it('lists the lines far from my recent readings, on the dry run and after importing', async () => {
    const unusual = [
      {
        line: 3,
        field: 'value',
        code: 'unusual_value',
        message: '183.2 kg is far from your recent readings (around 83.5 kg). Check the value and its unit.',
      },
    ];
    stub((req) => {
      const dry = new URL(req.url).searchParams.get('dry_run') === 'true';
      return json({ dry_run: dry, rows: 2, imported: dry ? 0 : 2, duplicates: 0, skipped: [], skipped_lines: 0, unusual, unusual_lines: 1 });
    });
    const user = userEvent.setup();
    renderAt(<ImportPage />);
    await user.type(screen.getByLabelText(/paste the lines/), CSV);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    expect(await screen.findByText(/Check 1 line far from your recent readings/)).toBeInTheDocument();
    expect(screen.getByText(/183.2 kg is far from your recent readings/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/1 line was far from your recent readings and imported anyway/)).toBeInTheDocument();
  });

  it('says on a dry run how many rows are already stored', async () => {
    stub(() => json({ dry_run: true, rows: 3, imported: 0, duplicates: 2, skipped: [], skipped_lines: 0, unusual: [], unusual_lines: 0 }));
    const user = userEvent.setup();
    renderAt(<ImportPage />);
    await user.type(screen.getByLabelText(/paste the lines/), CSV);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    expect(
      await screen.findByText(
        '3 readings read, all valid; 2 already stored (they would be skipped). Choose Import to store them.',
      ),
    ).toBeInTheDocument();
  });

  it('lists every bad line with its column and message', async () => {
    stub(() =>
      problem(422, 'validation_failed', {
        errors: [
          { field: 'lines[3].unit', code: 'unit_not_accepted', message: 'Body weight accepts kg, [lb_av].' },
          { field: 'lines[2].value', code: 'not_a_number', message: 'Line 2: Enter a number.' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderAt(<ImportPage />);
    await user.type(screen.getByLabelText(/paste the lines/), CSV);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    const report = await screen.findByRole('alert');
    expect(within(report).getByRole('heading')).toHaveTextContent('Nothing was stored: 2 problems to fix');
    const items = within(report).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Line 2 (value): Enter a number.', 'Line 3 (unit): Body weight accepts kg, [lb_av].']);
  });

  it('says which time zone times without an offset are read in, and where to change it', async () => {
    stub(() => json({}));
    renderAt(<ImportPage />);
    expect(await screen.findByText(/read in your profile’s time zone \(Asia\/Tokyo\)/)).toBeInTheDocument();
    expect(screen.getByText('kg, lb, mmHg, mg/dL, mmol/L')).toBeInTheDocument();
  });

  it('asks for offsets until the profile has a time zone', async () => {
    stub(() => json({}), { time_zone: null });
    renderAt(<ImportPage />);
    expect(await screen.findByText(/which is not set yet: until it is, give every time its offset/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set your time zone on your profile' })).toHaveAttribute('href', '/profile');
  });

  it('imports the valid lines and skips the bad ones only when the member chooses', async () => {
    const mock = stub((req) =>
      new URL(req.url).searchParams.get('skip_invalid') === 'true'
        ? json({
            dry_run: false,
            rows: 2,
            imported: 2,
            duplicates: 0,
            skipped: [{ line: 3, field: 'value', code: 'not_a_number', message: 'Line 3: "heavy" is not a number.' }],
            skipped_lines: 1,
            unusual: [],
            unusual_lines: 0,
          })
        : problem(422, 'validation_failed', {
            errors: [{ field: 'lines[3].value', code: 'not_a_number', message: 'Line 3: "heavy" is not a number.' }],
          }),
    );
    const user = userEvent.setup();
    renderAt(<ImportPage />);
    await user.type(screen.getByLabelText(/paste the lines/), CSV);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    const report = await screen.findByRole('alert');
    expect(within(report).getByRole('heading')).toHaveTextContent('Nothing was stored: 1 problem to fix');
    expect(imports(mock)).toHaveLength(1);
    await user.click(within(report).getByRole('button', { name: 'Import the valid lines and skip the bad ones' }));
    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Imported 2 readings.');
    expect(done).toHaveTextContent('Skipped 1 bad line:');
    expect(within(done).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 3 (value): "heavy" is not a number.',
    ]);
    const skip = imports(mock)[1]!;
    expect(new URL(skip.url).searchParams.get('skip_invalid')).toBe('true');
    expect(new URL(skip.url).searchParams.get('dry_run')).toBe('false');
  });
});
