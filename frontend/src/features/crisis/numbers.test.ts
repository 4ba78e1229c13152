import { describe, expect, it } from 'vitest';
import { COUNTRIES, helpFor, pickCountry, telHref } from './numbers';

describe('pickCountry', () => {
  it('takes the profile’s country first', () => {
    expect(pickCountry('gb', ['en-US'])).toBe('GB');
  });
  it('falls back to the region of the browser’s languages', () => {
    expect(pickCountry(null, ['en-AU', 'en'])).toBe('AU');
    expect(pickCountry(undefined, ['fr', 'de-DE'])).toBe('DE');
    expect(pickCountry('', ['nl_BE'])).toBe('BE');
    expect(pickCountry(null, ['zh-Hant-TW'])).toBe('TW');
  });
  it('gives null when nothing says where the member is', () => {
    expect(pickCountry(null, ['en', 'fr'])).toBeNull();
    expect(pickCountry('not a code', [])).toBeNull();
  });
});

describe('helpFor', () => {
  it('has the well-known crisis lines', () => {
    expect(helpFor('US')?.lines[0]).toMatchObject({ number: '988', tel: '988' });
    expect(helpFor('ca')?.lines[0]?.number).toBe('988');
    expect(helpFor('GB')?.lines[0]).toMatchObject({ name: 'Samaritans', number: '116 123' });
    expect(helpFor('IE')?.lines[0]?.number).toBe('116 123');
    expect(helpFor('AU')).toMatchObject({ emergency: '000', lines: [{ number: '13 11 14' }] });
  });
  it('gives the rest of Europe 112, and nothing for a country it does not know', () => {
    expect(helpFor('PL')).toEqual({ country: 'PL', emergency: '112', lines: [] });
    expect(helpFor('ZZ')).toBeNull();
    expect(helpFor(null)).toBeNull();
  });
  it('keeps every entry usable: a code, an emergency number, dialable lines with a source site', () => {
    for (const [code, c] of Object.entries(COUNTRIES)) {
      expect(c.country).toBe(code);
      expect(c.emergency).toMatch(/^\d{3}$/);
      for (const line of c.lines) {
        expect(line.tel).toMatch(/^\d+$/);
        expect(line.number.replace(/\D/g, '')).toBe(line.tel);
        expect(line.site).toMatch(/^https:\/\//);
      }
    }
  });
});

describe('telHref', () => {
  it('keeps digits only', () => {
    expect(telHref('13 11 14')).toBe('tel:131114');
    expect(telHref('0800-0113')).toBe('tel:08000113');
  });
});
