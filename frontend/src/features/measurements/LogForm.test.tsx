import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import { bpType as bp, weightType as weight } from '../../test/fixtures';
import { json, problem, requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { setDisplayUnit } from './displayUnit';
import { LogForm } from './LogForm';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
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

describe('LogForm', () => {
  it('logs blood pressure from two fields, with a client id and the local offset', async () => {
    const mock = stubFetch(() => json(stored, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), '128');
    await user.type(screen.getByLabelText('Diastolic (mmHg)'), '82');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: blood pressure 128/82 mmHg.')).toBeInTheDocument();
    const body = await requests(mock)[0]!.json();
    expect(body).toMatchObject({ type: 'blood_pressure', components: { systolic: 128, diastolic: 82 } });
    expect(body.value).toBeUndefined();
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.taken_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
    // The form is empty again for the next reading.
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveValue('');
  });

  it('puts the server’s field errors next to their fields', async () => {
    stubFetch(() =>
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
    const mock = stubFetch(() => json(stored, 201));
    const user = userEvent.setup();
    renderAt(<LogForm type={bp} />);
    await user.type(screen.getByLabelText('Systolic (mmHg)'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(screen.getByLabelText('Systolic (mmHg)')).toHaveAccessibleDescription(/as a number/);
    expect(screen.getByLabelText('Diastolic (mmHg)')).toHaveAccessibleDescription(/Enter the diastolic/);
    expect(mock).not.toHaveBeenCalled();
  });

  it('offers a unit choice where the type accepts several, and reuses the client id on a retry', async () => {
    let calls = 0;
    const mock = stubFetch(() => {
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
    expect(await screen.findByText('Saved: body weight 80.29 kg (you entered 177 lb).')).toBeInTheDocument();
    const [a, b] = await Promise.all(requests(mock).map((r) => r.json()));
    expect(a).toMatchObject({ value: 177, unit: '[lb_av]' });
    expect(a.client_id).toBe(b.client_id);
  });

  it('starts in the unit readings are shown in, and says the reading in that unit', async () => {
    setDisplayUnit('body_weight', '[lb_av]');
    const mock = stubFetch(() =>
      json({ ...stored, type: 'body_weight', components: null, value: 80.29, unit: 'kg' }, 201),
    );
    const user = userEvent.setup();
    renderAt(<LogForm type={weight} />);
    expect(screen.getByLabelText('Unit')).toHaveValue('[lb_av]');
    await user.type(screen.getByLabelText('Value'), '177');
    await user.click(screen.getByRole('button', { name: 'Save reading' }));
    expect(await screen.findByText('Saved: body weight 177 lb.')).toBeInTheDocument();
    expect(await requests(mock)[0]!.json()).toMatchObject({ value: 177, unit: '[lb_av]' });
  });
});
