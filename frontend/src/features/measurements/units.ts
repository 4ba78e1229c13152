// Showing readings in the unit a member prefers. Readings are stored in the type's canonical
// unit (kg, cm, °C, mg/dL); a member who weighs in pounds sees pounds. The conversions mirror
// backend/domain/src/measurement/units.rs exactly (units.test.ts checks the same figures).
// The member's choice is kept by displayUnit.ts.
import type { MeasurementType } from '../../api/types';

/** Converts between two UCUM units a type accepts; null when they do not convert. */
export function convertUnit(value: number, from: string, to: string): number | null {
  if (from === to) return value;
  switch (`${from}>${to}`) {
    case '[lb_av]>kg':
      return value * 0.45359237;
    case 'kg>[lb_av]':
      return value / 0.45359237;
    case '[in_i]>cm':
      return value * 2.54;
    case 'cm>[in_i]':
      return value / 2.54;
    case '[degF]>Cel':
      return ((value - 32) * 5) / 9;
    case 'Cel>[degF]':
      return (value * 9) / 5 + 32;
    case 'mmol/L>mg/dL':
      return value * 18.016;
    case 'mg/dL>mmol/L':
      return value / 18.016;
    default:
      return null;
  }
}

/** Decimals to show in a unit other than the canonical one (mmol/L needs one, mg/dL none). */
const SHOWN_DECIMALS: Record<string, number> = { '[lb_av]': 1, '[in_i]': 1, '[degF]': 1, 'mmol/L': 1 };

/** Rounds half away from zero, like the server. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}

/**
 * A stored value (in `from`, the canonical unit) as shown in `to`; the value unchanged when
 * the units are equal or do not convert.
 */
export function shownValue(value: number, from: string, to: string, type?: Pick<MeasurementType, 'decimals'>): number {
  if (from === to) return value;
  const v = convertUnit(value, from, to);
  return v === null ? value : roundTo(v, SHOWN_DECIMALS[to] ?? type?.decimals ?? 2);
}

/** True when a member can choose the unit readings of `type` are shown in. */
export function hasUnitChoice(type: MeasurementType): boolean {
  return type.components.length <= 1 && type.accepted_units.length > 1;
}
