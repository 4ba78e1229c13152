import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSessionForTests } from '../../api/session';
import type { Target } from '../../api/types';
import { bpType, weightType } from '../../test/fixtures';
import { requests, stubFetch } from '../../test/http';
import { renderAt } from '../../test/render';
import { rangesFromInput, TargetSection } from './TargetSection';

afterEach(() => resetSessionForTests());

const noContent = () => new Response(null, { status: 204 });

describe('TargetSection', () => {
  it('sets a blood pressure target from four boxes', async () => {
    const mock = stubFetch(noContent);
    const user = userEvent.setup();
    renderAt(<TargetSection type={bpType} target={undefined} shownUnit="mm[Hg]" />);
    const region = screen.getByRole('region', { name: 'Your target range' });
    expect(region).toHaveTextContent('No target set');
    await user.type(screen.getByLabelText('Systolic from'), '90');
    await user.type(screen.getByLabelText('Systolic to'), '135');
    await user.type(screen.getByLabelText('Diastolic to'), '85');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('Target saved: systolic 90–135, diastolic up to 85 mmHg.');
    const put = requests(mock).find((r) => r.method === 'PUT')!;
    expect(new URL(put.url).pathname).toBe('/api/v1/me/targets/blood_pressure');
    expect(await put.json()).toEqual({ ranges: { systolic: { low: 90, high: 135 }, diastolic: { high: 85 } } });
    expect(screen.queryByRole('button', { name: 'Remove target' })).toBeNull();
  });

  it('sets a weight target in the member’s unit, and refuses a range upside down', async () => {
    const mock = stubFetch(noContent);
    const user = userEvent.setup();
    renderAt(<TargetSection type={weightType} target={undefined} shownUnit="[lb_av]" />);
    await user.type(screen.getByLabelText('From (lb)'), '185');
    await user.type(screen.getByLabelText('To (lb)'), '170');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(screen.getByLabelText('To (lb)')).toHaveAccessibleDescription('The highest value must not be below the lowest.');
    expect(requests(mock)).toHaveLength(0);
    await user.clear(screen.getByLabelText('From (lb)'));
    await user.type(screen.getByLabelText('From (lb)'), '160');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(requests(mock)).toHaveLength(1));
    expect(await requests(mock)[0]!.json()).toEqual({ ranges: { value: { low: 160, high: 170 } }, unit: '[lb_av]' });
  });

  it('asks for at least one bound', async () => {
    const mock = stubFetch(noContent);
    const user = userEvent.setup();
    renderAt(<TargetSection type={weightType} target={undefined} shownUnit="kg" />);
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(screen.getByLabelText('From (kg)')).toHaveAccessibleDescription(/at least one bound/);
    expect(requests(mock)).toHaveLength(0);
  });

  it('shows the target set, with its time in range, and removes it', async () => {
    const target: Target = {
      type: 'body_weight',
      unit: 'kg',
      ranges: { value: { low: 77.11, high: 83.91 } },
      recent: { days: 30, readings: 3, in_range: 2, percent: 67 },
    };
    const mock = stubFetch(noContent);
    const user = userEvent.setup();
    renderAt(<TargetSection type={weightType} target={target} shownUnit="[lb_av]" />);
    const region = screen.getByRole('region', { name: 'Your target range' });
    expect(region).toHaveTextContent('Your target: 170–185 lb. In the last 30 days, 2 of 3 readings were in range (67%).');
    expect(screen.getByLabelText('From (lb)')).toHaveValue('170');
    expect(screen.getByLabelText('To (lb)')).toHaveValue('185');
    await user.click(screen.getByRole('button', { name: 'Remove target' }));
    expect(await within(region).findByRole('status')).toHaveTextContent('Target removed.');
    const del = requests(mock)[0]!;
    expect(del.method).toBe('DELETE');
    expect(new URL(del.url).pathname).toBe('/api/v1/me/targets/body_weight');
  });
});

describe('rangesFromInput', () => {
  it('leaves out empty boxes and parts with no bound', () => {
    expect(
      rangesFromInput({ systolic: { low: '', high: '130' }, diastolic: { low: '', high: '' } }),
    ).toEqual({ systolic: { high: 130 } });
  });
});
