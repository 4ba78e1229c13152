import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch, type Handler } from '../../test/http';
import { weightType } from '../../test/fixtures';
import { renderAt } from '../../test/render';
import { AppleHealthPage } from './AppleHealthPage';

afterEach(() => resetSessionForTests());

const heartRate = { ...weightType, slug: 'heart_rate', name: 'Heart rate', unit: '/min' };

const dryRun = {
  dry_run: true,
  types: {
    body_weight: { readings: 1, implausible: 0, first: '2026-01-31T06:00:00Z', last: '2026-01-31T06:00:00Z' },
    heart_rate: { readings: 2, implausible: 1, first: '2026-01-30T07:30:00Z', last: '2026-01-31T07:30:00Z' },
  },
  ignored: 3,
};

const job = (over: Record<string, unknown> = {}) => ({
  id: 'imp1',
  state: 'queued',
  progress_percent: 0,
  readings: 0,
  imported: 0,
  skipped: 0,
  error: null,
  created_at: '2026-02-01T09:00:00Z',
  finished_at: null,
  ...over,
});

/** The measurement types; every other request to `handler`. */
function stub(handler: Handler) {
  return stubFetch((req) =>
    new URL(req.url).pathname === '/api/v1/measurement-types' ? json({ items: [weightType, heartRate] }) : handler(req),
  );
}

const zip = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'export.zip', { type: 'application/zip' });

async function chooseAndCheck(user: ReturnType<typeof userEvent.setup>, file = zip()) {
  await user.upload(screen.getByLabelText('Choose your export.zip'), file);
  await user.click(screen.getByRole('button', { name: 'Check the file' }));
}

describe('AppleHealthPage', () => {
  it('checks the file, lists what it holds, imports it and follows the import', async () => {
    const mock = stub((req) => {
      const url = new URL(req.url);
      if (req.method === 'POST') {
        return url.searchParams.get('dry_run') === 'true' ? json(dryRun) : json(job(), 202);
      }
      return json(job({ state: 'done', progress_percent: 100, readings: 3, imported: 2, skipped: 1 }));
    });
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    await chooseAndCheck(user);

    const table = await screen.findByRole('table');
    // The rows name the types once the catalog has arrived (until then, by their slugs).
    await within(table).findByRole('rowheader', { name: 'Body weight' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Body weight', 'Heart rate']);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '2',
      expect.stringMatching(/–/),
      '1',
    ]);
    expect(screen.getByText(/3 other records/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(
      await screen.findByText('2 readings imported, 1 skipped (already stored or implausible).'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See your measurements' })).toHaveAttribute('href', '/measurements');
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '100');

    const posts = requests(mock).filter((r) => r.method === 'POST');
    expect(posts.map((r) => new URL(r.url).searchParams.get('dry_run'))).toEqual(['true', 'false']);
    expect(posts[0]!.headers.get('Content-Type')).toBe('application/zip');
    // (That the body is the file's bytes is left to the browser test: jsdom's File is no Blob to Node's fetch.)
    expect(requests(mock).some((r) => new URL(r.url).pathname === '/api/v1/me/imports/imp1')).toBe(true);
  });

  it('shows the progress of a running import and says so in the live region', async () => {
    stub((req) =>
      req.method === 'POST'
        ? new URL(req.url).searchParams.get('dry_run') === 'true'
          ? json(dryRun)
          : json(job(), 202)
        : json(job({ state: 'running', progress_percent: 40, readings: 120 })),
    );
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    await chooseAndCheck(user);
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    expect(await screen.findByText('120 readings read so far.', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '40');
    expect(screen.getByRole('status')).toHaveTextContent('Importing your readings…');
    // While it runs, nothing else can be sent.
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(screen.getByLabelText('Choose your export.zip')).toBeDisabled();
  });

  it.each([
    ['not_a_zip', 'This is not a zip file'],
    ['no_export_xml', 'This zip file is not an Apple Health export'],
    ['malformed_export', 'The export could not be read'],
    ['too_large', 'This export is too large to import'],
  ])('explains %s in plain words', async (code, heading) => {
    stub(() =>
      problem(422, 'validation_failed', { errors: [{ field: 'body', code, message: 'Server words.' }] }),
    );
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    await chooseAndCheck(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(heading);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains a file the server finds too large', async () => {
    stub(() => problem(413, 'payload_too_large'));
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    await chooseAndCheck(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is larger than 1 GB');
  });

  it('refuses a file over 1 GiB without sending it', async () => {
    const mock = stub(() => json(dryRun));
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    const big = zip();
    Object.defineProperty(big, 'size', { value: 1024 * 1024 * 1024 + 1 });
    await user.upload(screen.getByLabelText('Choose your export.zip'), big);
    expect(screen.getByRole('alert')).toHaveTextContent('This file is larger than 1 GB');
    expect(screen.getByRole('button', { name: 'Check the file' })).toBeDisabled();
    expect(requests(mock).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('tells the failure of an import that could not finish', async () => {
    stub((req) =>
      req.method === 'POST'
        ? new URL(req.url).searchParams.get('dry_run') === 'true'
          ? json(dryRun)
          : json(job(), 202)
        : json(job({ state: 'failed', error: 'The export cannot be read: unexpected end.' })),
    );
    const user = userEvent.setup();
    renderAt(<AppleHealthPage />);
    await chooseAndCheck(user);
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The import could not finish');
    expect(alert).toHaveTextContent('The export cannot be read: unexpected end.');
  });
});
