import { describe, expect, it } from 'vitest';
import { decimalMark, formatNumber, parseDecimal } from './decimal';

const ok = (value: number) => ({ ok: true, value });

describe('decimalMark', () => {
  it('is the comma where the language writes one', () => {
    expect(decimalMark('de-DE')).toBe(',');
    expect(decimalMark('fr-FR')).toBe(',');
    expect(decimalMark('en-GB')).toBe('.');
    expect(decimalMark('en-US')).toBe('.');
  });
});

describe('parseDecimal', () => {
  it('reads a decimal comma in German and a point anywhere', () => {
    expect(parseDecimal('82,7', 'value', 'de-DE')).toEqual(ok(82.7));
    expect(parseDecimal(' 82.7 ', 'value', 'de-DE')).toEqual(ok(82.7));
    expect(parseDecimal('82.7', 'value', 'en-GB')).toEqual(ok(82.7));
    expect(parseDecimal('128', 'value', 'en-GB')).toEqual(ok(128));
    expect(parseDecimal('5,25', 'value', 'fr-FR')).toEqual(ok(5.25));
    // In German three digits after the comma are still decimals (the comma is the mark).
    expect(parseDecimal('1,234', 'value', 'de-DE')).toEqual(ok(1.234));
  });

  it('reads a comma in English as decimals when it cannot be a thousands separator', () => {
    expect(parseDecimal('82,7', 'value', 'en-GB')).toEqual(ok(82.7));
  });

  it('refuses a number that could be read two ways, saying how to write it', () => {
    expect(parseDecimal('12.000', 'value', 'de-DE')).toEqual({
      ok: false,
      message: '“12.000” is unclear. Write it without a thousands separator (12000), or with a decimal comma (12,000).',
    });
    expect(parseDecimal('1,234', 'value', 'en-US')).toEqual({
      ok: false,
      message: '“1,234” is unclear. Write it without a thousands separator (1234), or with a decimal point (1.234).',
    });
  });

  it('refuses thousands separators, with the number written without them', () => {
    expect(parseDecimal('1.234,5', 'value', 'de-DE')).toEqual({
      ok: false,
      message: 'Write the value without a thousands separator, like 1234,5.',
    });
    expect(parseDecimal('12,345.6', 'steps', 'en-US')).toEqual({
      ok: false,
      message: 'Write the steps without a thousands separator, like 12345.6.',
    });
    expect(parseDecimal('12 000', 'steps', 'fr-FR')).toMatchObject({ ok: false, message: expect.stringMatching(/like 12000\./) });
  });

  it('asks for a number when there is none', () => {
    expect(parseDecimal('', 'systolic', 'en-GB')).toEqual({ ok: false, message: 'Enter the systolic.' });
    expect(parseDecimal('abc', 'systolic', 'en-GB')).toEqual({ ok: false, message: 'Enter the systolic as a number.' });
    expect(parseDecimal('82,', 'value', 'de-DE')).toMatchObject({ ok: false });
    expect(parseDecimal('8,2,7', 'value', 'de-DE')).toMatchObject({ ok: false });
  });
});

describe('formatNumber', () => {
  it('writes numbers as the language does, without grouping', () => {
    expect(formatNumber(82.7, 'de-DE')).toBe('82,7');
    expect(formatNumber(82.7, 'en-GB')).toBe('82.7');
    expect(formatNumber(12000, 'en-US')).toBe('12000');
  });
});
