import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { json, problem, requests, stubFetch, withDisplayUnits } from '../../test/http';
import { bpType, weightType } from '../../test/fixtures';
import { renderAt } from '../../test/render';
import { HistoryTable } from './HistoryTable';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

/** The member's display units: none chosen, or pounds for body weight. */
const UNITS: Record<string, string> = {};
const LB = { body_weight: '[lb_av]' };

const reading = {
  id: 'm1',
  type: 'blood_pressure',
  components: { systolic: 182, diastolic: 82 },
  unit: 'mm[Hg]',
  taken_at: '2026-11-20T08:00:00Z',
  taken_at_local: '2026-11-20T09:00:00+01:00',
  source: 'manual',
  note: 'typo',
  created_at: '2026-11-20T08:00:00Z',
  updated_at: '2026-11-20T08:00:00Z',
};

describe('HistoryTable', () => {
  it('corrects a reading in place, with server errors next to the field', async () => {
    let patches = 0;
    const mock = stubFetch(withDisplayUnits(UNITS, async (req) => {
      if (req.method === 'GET') return json({ items: [reading], next_cursor: null });
      patches += 1;
      if (patches === 1) {
        return problem(422, 'validation_failed', {
          errors: [{ field: 'components.systolic', code: 'out_of_range', message: 'Systolic must be between 50 and 300 mmHg.' }],
        });
      }
      return json({ ...reading, components: { systolic: 128, diastolic: 82 }, note: null });
    }));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={bpType} />);
    await user.click(await screen.findByRole('button', { name: /Correct the reading/ }));
    const sys = screen.getByLabelText('Systolic (mmHg)');
    expect(sys).toHaveValue('182');
    await user.clear(sys);
    await user.type(sys, '999');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(await screen.findByText(/between 50 and 300/)).toBeInTheDocument();
    expect(sys).toHaveAccessibleDescription(/between 50 and 300/);
    await user.clear(sys);
    await user.type(sys, '128');
    await user.clear(screen.getByLabelText('Note'));
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(await screen.findByText('Reading corrected to 128/82 mmHg.')).toBeInTheDocument();
    const patch = requests(mock).filter((r) => r.method === 'PATCH');
    expect(new URL(patch[1]!.url).pathname).toBe('/api/v1/me/measurements/m1');
    expect(await patch[1]!.json()).toEqual({ note: '', components: { systolic: 128, diastolic: 82 } });
  });

  it('moves a reading to another time only when the time was changed', async () => {
    const mock = stubFetch(withDisplayUnits(UNITS, async (req) =>
      req.method === 'GET' ? json({ items: [reading], next_cursor: null }) : json(reading),
    ));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={bpType} />);
    await user.click(await screen.findByRole('button', { name: /Correct the reading/ }));
    const when = screen.getByLabelText('When');
    const local = new Date(reading.taken_at);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(when).toHaveValue(
      `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`,
    );
    await user.clear(when);
    await user.type(when, '2026-11-19T21:15');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    await screen.findByText(/Reading corrected to/);
    const body = (await requests(mock).find((r) => r.method === 'PATCH')!.json()) as { taken_at: string };
    expect(body.taken_at).toMatch(/^2026-11-19T21:15:00[+-]\d{2}:\d{2}$/);
    expect(new Date(body.taken_at).getTime()).toBe(new Date('2026-11-19T21:15').getTime());
  });

  it('refuses an empty time before asking the server', async () => {
    const mock = stubFetch(withDisplayUnits(UNITS, async () => json({ items: [reading], next_cursor: null })));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={bpType} />);
    await user.click(await screen.findByRole('button', { name: /Correct the reading/ }));
    await user.clear(screen.getByLabelText('When'));
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(await screen.findByText('Enter when you took this reading.')).toBeInTheDocument();
    expect(requests(mock).some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('deletes only after a confirmation', async () => {
    const mock = stubFetch(withDisplayUnits(UNITS, async (req) =>
      req.method === 'GET' ? json({ items: [reading], next_cursor: null }) : new Response(null, { status: 204 }),
    ));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={bpType} />);
    await user.click(await screen.findByRole('button', { name: /Delete the reading/ }));
    expect(requests(mock).some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText('Reading deleted.')).toBeInTheDocument();
    expect(requests(mock).filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  const weighing = {
    ...reading,
    id: 'w1',
    type: 'body_weight',
    components: null,
    value: 81.65,
    unit: 'kg',
    note: null,
  };

  it('shows readings in the member’s unit and corrects in it', async () => {
    const mock = stubFetch(withDisplayUnits(LB, async (req) =>
      req.method === 'GET'
        ? json({ items: [weighing], next_cursor: null })
        : json({ ...weighing, value: 82.1 }),
    ));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={weightType} />);
    expect(await screen.findByRole('cell', { name: '180 lb' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Correct the reading/ }));
    const value = screen.getByLabelText('Value (lb)');
    expect(value).toHaveValue('180');
    await user.clear(value);
    await user.type(value, '181');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    expect(await screen.findByText('Reading corrected to 181 lb.')).toBeInTheDocument();
    const patch = requests(mock).find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ note: '', value: 181, unit: '[lb_av]' });
  });

  it('does not resend an untouched value (no re-rounding through the shown unit)', async () => {
    const mock = stubFetch(withDisplayUnits(LB, async (req) =>
      req.method === 'GET' ? json({ items: [weighing], next_cursor: null }) : json({ ...weighing, note: 'scale at the gym' }),
    ));
    const user = userEvent.setup();
    renderAt(<HistoryTable type={weightType} />);
    await user.click(await screen.findByRole('button', { name: /Correct the reading/ }));
    await user.type(screen.getByLabelText('Note'), 'scale at the gym');
    await user.click(screen.getByRole('button', { name: 'Save correction' }));
    await screen.findByText(/Reading corrected to/);
    const patch = requests(mock).find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ note: 'scale at the gym' });
  });
  it('says when a blood glucose reading was taken, in the member’s unit', async () => {
    const glucose = {
      slug: 'blood_glucose',
      name: 'Blood glucose',
      unit: 'mg/dL',
      accepted_units: ['mg/dL', 'mmol/L'],
      decimals: 0,
      components: [{ key: 'value', name: 'Blood glucose', min: 10, max: 1000 }],
    } as typeof weightType;
    const sugar = { ...weighing, id: 'g1', type: 'blood_glucose', value: 130, unit: 'mg/dL', context: 'fasting' };
    stubFetch(withDisplayUnits({ blood_glucose: 'mmol/L' }, async () => json({ items: [sugar, { ...sugar, id: 'g2', context: null, value: 164 }], next_cursor: null })));
    renderAt(<HistoryTable type={glucose} />);
    expect(await screen.findByRole('cell', { name: '7.2 mmol/L, fasting' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '9.1 mmol/L' })).toBeInTheDocument();
  });
});
