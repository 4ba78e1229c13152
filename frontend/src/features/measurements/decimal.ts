// Numbers as people type them: "82,7" where the browser's language writes a decimal comma,
// "82.7" anywhere. A number that could be read two ways ("12.000": twelve thousand, or twelve?)
// is refused with an explanation rather than guessed. Pure, so it is unit-tested.

/** The browser's language (Intl's default when there is no browser). */
export function userLocale(): string | undefined {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;
}

/** The decimal mark of `locale`: `,` (de-DE, fr-FR) or `.` (en-GB, en-US). */
export function decimalMark(locale = userLocale()): ',' | '.' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a typed number. The locale's decimal mark is always a decimal mark; the other one
 * (a point in German, a comma in English) is read as one too, unless exactly three digits
 * follow it, when it may be a thousands separator: that, and anything with both marks or two
 * of one, is refused with a sentence saying how to write it.
 */
export function parseDecimal(input: string, what = 'value', locale = userLocale()): ParsedNumber {
  const mark = decimalMark(locale);
  const other = mark === ',' ? '.' : ',';
  const markName = mark === ',' ? 'comma' : 'point';
  const s = input.trim().replace(/^[−–]/, '-');
  if (s === '') return { ok: false, message: `Enter the ${what}.` };
  if (/^-?\d+$/.test(s)) return { ok: true, value: Number(s) };
  const one = /^(-?\d+)([.,])(\d+)$/.exec(s);
  if (one) {
    const [, whole, sep, frac] = one as unknown as [string, string, string, string];
    if (sep === other && frac.length === 3) {
      return {
        ok: false,
        message:
          `“${s}” is unclear. Write it without a thousands separator (${whole}${frac}), ` +
          `or with a decimal ${markName} (${whole}${mark}${frac}).`,
      };
    }
    return { ok: true, value: Number(`${whole}.${frac}`) };
  }
  // Thousands separators (spaces, points, commas) between groups of digits.
  if (/^-?\d{1,3}([\s.,'’]\d{3})+([.,]\d+)?$/.test(s)) {
    const last = Math.max(s.lastIndexOf(mark), -1);
    const decimals = last > 0 && /^\d+$/.test(s.slice(last + 1)) && !/[.,]/.test(s.slice(last + 1)) ? s.slice(last) : '';
    const whole = (decimals ? s.slice(0, last) : s).replace(/[\s.,'’]/g, '');
    return {
      ok: false,
      message: `Write the ${what} without a thousands separator, like ${whole}${decimals.replace('.', mark)}.`,
    };
  }
  return { ok: false, message: `Enter the ${what} as a number.` };
}

/** A number as the member's language writes it: `82,7` in German, no thousands separator. */
export function formatNumber(value: number, locale = userLocale()): string {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false }).format(value);
  } catch {
    return String(value);
  }
}
