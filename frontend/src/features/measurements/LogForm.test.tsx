import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeasurementType } from '../../api/types';
import { resetSessionForTests } from '../../api/session';
import { bpType as bp, weightType as weight } from '../../test/fixtures';
import { json, problem, requests, stubFetch, withDisplayUnits, type Handler } from '../../test/http';
import { renderAt } from '../../test/render';
import { batchFieldsToForm, LogForm } from './LogForm';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
  vi.restoreAllMocks();
});

const stored = {
  id: 'm1',
  type: 'blood_pressure',
  components: { systolic: 128, diastolic: 82 },
  unit: 'mm[Hg]',
  taken_at: '2026-11-23T08:00:00Z',
  taken_at_local: '2026-11-23T09:00:00+01:00',
  source: 'manual',
  created_at: '2026-11-23T08:00:00Z',
  updated_at: '2026-11-23T08:00:00Z',
};

const glucose = {
  slug: 'blood_glucose',
  name: 'Blood glucose',
  unit: 'mg/dL',
  accepted_units: ['mg/dL', 'mmol/L'],
  decimals: 0,
  components: [{ key: 'value', name: 'Blood glucose', min: 10, max: 1000 }],
} as MeasurementType;

/** Only the measurement posts (not the display-unit requests). */
function posts(mock: ReturnType<typeof stubFetch>): Request[] {
  return requests(mock).filter((r) => r.method === 'POST');
}

function stub(handler: Handler, units: Record<string, string> = {}) {
  return stubFetch(withDisplayUnits(units, handler));
}

describe('LogForm', () => {
  it('logs blood pressure from two fields, with a client id and the local offset', async () => {
    const mock = stub(() => json(stored, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '128');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: blood pressure 128/82 mmHg.')).toBeInTheDocument();
    const [post] = posts(mock);
    expect(new URL(post!.url).pathname).toBe('/api/v1/me/measurements');
    const body = await post!.json();
    expect(body).toMatchObject({ type: 'blood_pressure', components: { systolic: 128, diastolic: 82 } });
    expect(body.value).toBeUndefined();
    expect(body.confirm_unusual).toBeUndefined();
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.taken_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
    // The form is empty again for the next reading.
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveValue('');
  });

  it('puts the server’s field errors next to their fields', async () => {
    stub(() =>
      problem(422, 'validation_failed', {
        errors: [
          { field: 'components.systolic', code: 'out_of_range', message: 'Systolic must be between 50 and 300 mmHg.' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '400');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    const sys = screen.getByLabelText('Systolic (mmHg)');
    expect(await screen.findByText(/between 50 and 300/)).toBeInTheDocument();
    expect(sys).toHaveAccessibleDescription(/Systolic must be between 50 and 300 mmHg\./);
    expect(sys).toHaveAttribute('aria-invalid', 'true');
    expect(sys).toHaveFocus();
  });

  it('asks for missing numbers without calling the server', async () => {
    const mock = stub(() => json(stored, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveAccessibleDescription(/as a number/);
    expect(screen.getByLabelText('Diastolic (mmHg)')).toHaveAccessibleDescription(/Enter the diastolic/);
    expect(posts(mock)).toHaveLength(0);
  });

  it('offers a unit choice where the type accepts several, and reuses the client id on a retry', async () => {
    let calls = 0;
    const mock = stub(() => {
      calls += 1;
      return calls === 1
        ? problem(503, 'unavailable')
        : json({ ...stored, type: 'body_weight', components: null, value: 80.29, unit: 'kg' }, 201);
    });
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    await user.type(screen.getByLabelText('Value'), '177');
    await user.selectOptions(screen.getByLabelText('Unit'), 'lb');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    // The unit used is the member's unit now: the reading is said in it.
    expect(await screen.findByText('Saved: body weight 177 lb.')).toBeInTheDocument();
    const [a, b] = await Promise.all(posts(mock).map((r) => r.json()));
    expect(a).toMatchObject({ value: 177, unit: '[lb_av]' });
    expect(a.client_id).toBe(b.client_id);
  });

  it('starts in the member’s unit, and keeps it when it is the one used', async () => {
    const mock = stub(() => json({ ...stored, type: 'body_weight', components: null, value: 80.29, unit: 'kg' }, 201), {
      body_weight: '[lb_av]',
    });
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    await waitFor(() => expect(screen.getByLabelText('Unit')).toHaveValue('[lb_av]'));
    await user.type(screen.getByLabelText('Value'), '177');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: body weight 177 lb.')).toBeInTheDocument();
    expect(await posts(mock)[0]!.json()).toMatchObject({ value: 177, unit: '[lb_av]' });
    // Nothing to remember: it was the member's unit already.
    expect(requests(mock).filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('remembers another unit on the account when a reading is logged in it', async () => {
    const mock = stub(() => json({ ...stored, type: 'body_weight', components: null, value: 82.78, unit: 'kg' }, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    expect(screen.getByLabelText('Unit')).toHaveValue('kg');
    await user.type(screen.getByLabelText('Value'), '182.5');
    await user.selectOptions(screen.getByLabelText('Unit'), 'lb');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: body weight 182.5 lb.')).toBeInTheDocument();
    await waitFor(() => expect(requests(mock).filter((r) => r.method === 'PUT')).toHaveLength(1));
    const put = requests(mock).find((r) => r.method === 'PUT')!;
    expect(new URL(put.url).pathname).toBe('/api/v1/me/display-units/body_weight');
    expect(await put.json()).toEqual({ unit: '[lb_av]' });
    // The next reading starts in pounds.
    expect(screen.getByLabelText('Unit')).toHaveValue('[lb_av]');
  });

  it('reads a decimal comma where the browser’s language writes one, and refuses an unclear number', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    const mock = stub(() => json({ ...stored, type: 'body_weight', components: null, value: 82.7, unit: 'kg' }, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    await user.type(screen.getByLabelText('Value'), '12.000');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(screen.getByLabelText('Value')).toHaveAccessibleDescription(
      '“12.000” is unclear. Write it without a thousands separator (12000), or with a decimal comma (12,000).',
    );
    expect(posts(mock)).toHaveLength(0);
    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '82,7');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: body weight 82,7 kg.')).toBeInTheDocument();
    expect(await posts(mock)[0]!.json()).toMatchObject({ value: 82.7, unit: 'kg' });
  });

  it('asks before saving an unusual reading, and resends the same one confirmed on "Yes"', async () => {
    let calls = 0;
    const mock = stub(() => {
      calls += 1;
      return calls === 1
        ? problem(422, 'validation_failed', {
            errors: [
              {
                field: 'value',
                code: 'unusual_value',
                message: '183.2 kg is far from your recent readings (around 83.5 kg). Check the value and its unit.',
              },
            ],
          })
        : json({ ...stored, type: 'body_weight', components: null, value: 183.2, unit: 'kg' }, 201);
    });
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    await user.type(screen.getByLabelText('Value'), '183.2');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    const ask = await screen.findByRole('group', { name: 'Is this reading right?' });
    expect(ask).toHaveTextContent('183.2 kg is far from your recent readings (around 83.5 kg)');
    expect(ask).toHaveFocus();
    // Not an error next to the field: the value may well be right.
    expect(screen.getByLabelText('Value')).not.toHaveAttribute('aria-invalid');
    await user.click(within(ask).getByRole('button', { name: 'Yes, save it' }));
    expect(await screen.findByText('Saved: body weight 183.2 kg.')).toBeInTheDocument();
    const [first, second] = await Promise.all(posts(mock).map((r) => r.json()));
    expect(first.confirm_unusual).toBeUndefined();
    expect(second).toEqual({ ...first, confirm_unusual: true });
  });

  it('"Change it" goes back to the field the server named, without sending', async () => {
    const mock = stub(() =>
      problem(422, 'validation_failed', {
        errors: [{ field: 'components.systolic', code: 'unusual_value', message: '182 mmHg (systolic) is far from …' }],
      }),
    );
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '182');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    const ask = await screen.findByRole('group', { name: 'Is this reading right?' });
    await user.click(within(ask).getByRole('button', { name: 'Change it' }));
    expect(screen.queryByRole('group', { name: 'Is this reading right?' })).toBeNull();
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveFocus();
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveValue('182');
    expect(posts(mock)).toHaveLength(1);
  });

  it('offers the unit a value fits ("Use mmol/L instead") before sending, and saves in it', async () => {
    const mock = stub(() => json({ ...stored, type: 'blood_glucose', components: null, value: 130, unit: 'mg/dL', context: 'fasting' }, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={glucose} />);
    await user.type(screen.getByLabelText('Value'), '7.2');
    await user.selectOptions(screen.getByLabelText('When was it taken?'), 'Fasting');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(screen.getByLabelText('Value')).toHaveAccessibleDescription(
      'Blood glucose must be between 10 and 1000 mg/dL. Did you mean 7.2 mmol/L?',
    );
    expect(posts(mock)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Use mmol/L instead' }));
    expect(await screen.findByText('Saved: blood glucose 7.2 mmol/L, fasting.')).toBeInTheDocument();
    expect(await posts(mock)[0]!.json()).toMatchObject({ value: 7.2, unit: 'mmol/L', context: 'fasting' });
  });

  it('offers the unit the server suggests in an out-of-range answer', async () => {
    stub(() =>
      problem(422, 'validation_failed', {
        errors: [
          { field: 'value', code: 'out_of_range', message: 'Body weight must be between 20 and 350 kg. Did you mean 400 lb?' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    await user.type(screen.getByLabelText('Value'), '400');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByRole('button', { name: 'Use lb instead' })).toBeInTheDocument();
  });

  it('sends no meal context for other types, and none when not said', async () => {
    const mock = stub(() => json({ ...stored, type: 'blood_glucose', components: null, value: 104, unit: 'mg/dL' }, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={glucose} />);
    await user.type(screen.getByLabelText('Value'), '104');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: blood glucose 104 mg/dL.')).toBeInTheDocument();
    expect((await posts(mock)[0]!.json()).context).toBeUndefined();
  });

  it('asks when it was taken only for blood glucose, and the pulse only for blood pressure', () => {
    stub(() => json({}));
    renderAt(<LogForm type={weight} />);
    expect(screen.queryByLabelText('When was it taken?')).toBeNull();
    expect(screen.queryByLabelText('Pulse (beats/min, optional)')).toBeNull();
  });

  it('logs blood pressure and a pulse in one batch, at the same time', async () => {
    const mock = stub(async (req) => {
      const body = (await req.clone().json()) as { items: { client_id: string }[] };
      return json(
        {
          created: 2,
          items: [stored, { ...stored, id: 'm2', type: 'heart_rate', components: null, value: 64, unit: '/min', client_id: body.items[1]!.client_id }],
        },
        201,
      );
    });
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '128');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.type(screen.getByLabelText('Pulse (beats/min, optional)'), '64');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: blood pressure 128/82 mmHg, pulse 64 beats/min.')).toBeInTheDocument();
    const [post] = posts(mock);
    expect(new URL(post!.url).pathname).toBe('/api/v1/me/measurements/batch');
    const { items } = await post!.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ type: 'blood_pressure', components: { systolic: 128, diastolic: 82 } });
    expect(items[1]).toMatchObject({ type: 'heart_rate', value: 64, taken_at: items[0].taken_at });
    expect(items[1].client_id).toBe(`${items[0].client_id}-pulse`);
  });

  it('puts a batch’s error about the pulse next to the pulse', async () => {
    stub(() =>
      problem(422, 'validation_failed', {
        errors: [{ field: 'items[1].value', code: 'out_of_range', message: 'Heart rate must be between 20 and 250 beats/min.' }],
      }),
    );
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '128');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.type(screen.getByLabelText('Pulse (beats/min, optional)'), '400');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    const pulse = screen.getByLabelText('Pulse (beats/min, optional)');
    await waitFor(() => expect(pulse).toHaveAttribute('aria-invalid', 'true'));
    expect(pulse).toHaveAccessibleDescription('Heart rate must be between 20 and 250 beats/min.');
  });
});

describe('batchFieldsToForm', () => {
  it('names the reading’s fields as the form’s, and the pulse’s value as the pulse', () => {
    const e = (field: string) => ({ field, code: 'x', message: 'm' });
    expect(
      batchFieldsToForm([e('items[0].components.systolic'), e('items[1].value'), e('items[0].taken_at'), e('items')]).map(
        (x) => x.field,
      ),
    ).toEqual(['components.systolic', 'pulse', 'taken_at', 'items']);
  });
});
