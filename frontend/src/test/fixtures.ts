// Server objects shared by component and logic tests.
import type { MeasurementType } from '../api/types';

/** The seeded blood pressure type (two components). */
export const bpType = {
  slug: 'blood_pressure',
  name: 'Blood pressure',
  unit: 'mm[Hg]',
  accepted_units: ['mm[Hg]'],
  decimals: 0,
  components: [
    { key: 'systolic', name: 'Systolic', min: 50, max: 300 },
    { key: 'diastolic', name: 'Diastolic', min: 20, max: 200 },
  ],
} as MeasurementType;

/** A single-valued type as the server sends it: one component keyed `value`. */
export const weightType = {
  slug: 'body_weight',
  name: 'Body weight',
  unit: 'kg',
  accepted_units: ['kg', '[lb_av]'],
  decimals: 1,
  components: [{ key: 'value', name: 'Body weight', min: 1, max: 700 }],
} as MeasurementType;
