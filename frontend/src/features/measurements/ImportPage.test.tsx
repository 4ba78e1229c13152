import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { ImportPage } from './ImportPage';

afterEach(() => resetSessionForTests());

const CSV = 'type,value,unit,taken_at\nbody_weight,81.4,kg,2026-11-01T07:30:00+01:00\n';

describe('ImportPage', () => {
  it('checks the file with a dry run, then imports it', async () => {
    const mock = stubFetch((req) => {
      const dry = new URL(req.url).searchParams.get('dry_run') === 'true';
      return json({ dry_run: dry, rows: 1, imported: dry ? 0 : 1, duplicates: 0 });
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
    const [dry, real] = requests(mock) as [Request, Request];
    expect(new URL(dry.url).searchParams.get('dry_run')).toBe('true');
    expect(new URL(real.url).searchParams.get('dry_run')).toBe('false');
    expect(real.headers.get('Content-Type')).toBe('text/csv');
    expect(await real.text()).toBe(CSV);
  });

  it('says on a dry run how many rows are already stored', async () => {
    stubFetch(() => json({ dry_run: true, rows: 3, imported: 0, duplicates: 2 }));
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
    stubFetch(() =>
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
});
