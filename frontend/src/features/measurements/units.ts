// Showing readings in the unit a member prefers. Readings are stored in the type's canonical
// unit (kg, cm, °C, mg/dL); a member who weighs in pounds sees pounds. The conversions mirror
// backend/domain/src/measurement/units.rs exactly (units.test.ts checks the same figures).
// The member's choice is kept on their account (displayUnit.ts).
import type { MeasurementType } from '../../api/types';
import { formatNumber } from './decimal';

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

/** Whether `value` typed in `unit` is within the plausible range of a single-valued `type`. */
export function inPlausibleRange(value: number, unit: string, type: MeasurementType): boolean | null {
  const comp = type.components[0];
  const canonical = convertUnit(value, unit, type.unit);
  if (!comp || canonical === null) return null;
  const v = roundTo(canonical, type.decimals);
  return v >= comp.min && v <= comp.max;
}

/**
 * For a value that is implausible in the unit it was typed in (7.2 mg/dL of blood glucose):
 * what the server would say, in the member's unit, and another unit the type accepts in which
 * the value is plausible (mmol/L), as the server's "Did you mean 7.2 mmol/L?" does. Null when
 * the value is plausible, or no other unit fits (the server then has the last word).
 */
export function otherUnitFor(
  value: number,
  unit: string,
  type: MeasurementType,
  name: (code: string) => string,
): { unit: string; message: string } | null {
  if (type.components.length > 1 || inPlausibleRange(value, unit, type) !== false) return null;
  const other = type.accepted_units.find((u) => u !== unit && inPlausibleRange(value, u, type) === true);
  const comp = type.components[0];
  if (!other || !comp) return null;
  const bound = (b: number) => formatNumber(roundTo(convertUnit(b, type.unit, unit) ?? b, type.decimals));
  return {
    unit: other,
    message:
      `${type.name} must be between ${bound(comp.min)} and ${bound(comp.max)} ${name(unit)}. ` +
      `Did you mean ${formatNumber(value)} ${name(other)}?`,
  };
}

/** The unit of the server's "… Did you mean 7.2 mmol/L?" among those `type` accepts, if any. */
export function unitOfSuggestion(message: string, type: MeasurementType, name: (code: string) => string): string | null {
  const m = /Did you mean -?[\d.,]+\s?(.+?)\?\s*$/.exec(message);
  if (!m) return null;
  return type.accepted_units.find((u) => name(u) === m[1] || u === m[1]) ?? null;
}
