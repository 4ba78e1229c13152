// Crisis numbers by country: the one place they are kept. Every screen that shows crisis help
// (the help page, the note while answering a questionnaire, the result and saved response)
// reads them from here.
//
// Only numbers we are sure of are listed, each with the page it comes from. Anywhere else,
// people are pointed to their local emergency number and to Find A Helpline
// (findahelpline.com), which lists free, confidential helplines in many countries.
//
// Before changing a number, check it on its source page.

/** A helpline people can call (or text) when they are thinking about harming themselves. */
export interface CrisisLine {
  /** The service's name. */
  name: string;
  /** The number as written locally, e.g. `116 123`. */
  number: string;
  /** Digits for a `tel:` link. */
  tel: string;
  /** When and how, in a few words. */
  how: string;
  /** The service's own site (where the number is published). */
  site: string;
}

export interface CountryHelp {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** The emergency number (ambulance, police) as dialled. */
  emergency: string;
  /** Crisis lines, the most widely available first. */
  lines: CrisisLine[];
}

export const FIND_A_HELPLINE = {
  name: 'Find A Helpline',
  // https://findahelpline.com: free, confidential helplines, searchable by country.
  site: 'https://findahelpline.com',
  label: 'findahelpline.com',
} as const;

const SAMARITANS: CrisisLine = {
  // https://www.samaritans.org: "call us free, day or night, 365 days a year, on 116 123"
  // (the same number in the UK and in the Republic of Ireland).
  name: 'Samaritans',
  number: '116 123',
  tel: '116123',
  how: 'Call free, any time, day or night.',
  site: 'https://www.samaritans.org',
};

export const COUNTRIES: Record<string, CountryHelp> = {
  US: {
    country: 'US',
    // https://www.911.gov: the emergency number in the United States.
    emergency: '911',
    lines: [
      {
        // https://988lifeline.org: "call or text 988", 24/7.
        name: '988 Suicide & Crisis Lifeline',
        number: '988',
        tel: '988',
        how: 'Call or text, any time.',
        site: 'https://988lifeline.org',
      },
    ],
  },
  CA: {
    country: 'CA',
    // https://www.canada.ca (Emergency numbers): 911.
    emergency: '911',
    lines: [
      {
        // https://988.ca: "call or text 9-8-8", 24/7, in English and French.
        name: '9-8-8 Suicide Crisis Helpline',
        number: '988',
        tel: '988',
        how: 'Call or text, any time, in English or French.',
        site: 'https://988.ca',
      },
    ],
  },
  // https://www.nhs.uk (urgent help for mental health): call 999 in an emergency.
  GB: { country: 'GB', emergency: '999', lines: [SAMARITANS] },
  // https://www.gov.ie: 112 and 999 are the emergency numbers in Ireland.
  IE: { country: 'IE', emergency: '112', lines: [SAMARITANS] },
  AU: {
    country: 'AU',
    // https://www.triplezero.gov.au: Triple Zero (000).
    emergency: '000',
    lines: [
      {
        // https://www.lifeline.org.au: "call 13 11 14", 24/7.
        name: 'Lifeline',
        number: '13 11 14',
        tel: '131114',
        how: 'Call any time.',
        site: 'https://www.lifeline.org.au',
      },
    ],
  },
  NZ: {
    country: 'NZ',
    // https://www.police.govt.nz: call 111 in an emergency.
    emergency: '111',
    lines: [
      {
        // https://1737.org.nz: "free call or text 1737 any time".
        name: 'Need to talk? 1737',
        number: '1737',
        tel: '1737',
        how: 'Call or text free, any time.',
        site: 'https://1737.org.nz',
      },
    ],
  },
  DE: {
    country: 'DE',
    // https://digital-strategy.ec.europa.eu/en/policies/112: 112 across the EU.
    emergency: '112',
    lines: [
      {
        // https://www.telefonseelsorge.de: 0800 111 0 111 and 0800 111 0 222, free, 24/7.
        name: 'TelefonSeelsorge',
        number: '0800 111 0 111',
        tel: '08001110111',
        how: 'Call free, any time (or 0800 111 0 222).',
        site: 'https://www.telefonseelsorge.de',
      },
    ],
  },
  FR: {
    country: 'FR',
    // https://digital-strategy.ec.europa.eu/en/policies/112: 112 across the EU.
    emergency: '112',
    lines: [
      {
        // https://3114.fr: numéro national de prévention du suicide, free, 24/7.
        name: '3114 (numéro national de prévention du suicide)',
        number: '3114',
        tel: '3114',
        how: 'Call free, any time.',
        site: 'https://3114.fr',
      },
    ],
  },
  NL: {
    country: 'NL',
    // https://digital-strategy.ec.europa.eu/en/policies/112: 112 across the EU.
    emergency: '112',
    lines: [
      {
        // https://www.113.nl: call 113, or free on 0800-0113, any time.
        name: '113 Zelfmoordpreventie',
        number: '113',
        tel: '113',
        how: 'Call any time (free on 0800-0113), or chat on 113.nl.',
        site: 'https://www.113.nl',
      },
    ],
  },
  BE: {
    country: 'BE',
    // https://digital-strategy.ec.europa.eu/en/policies/112: 112 across the EU.
    emergency: '112',
    lines: [
      {
        // https://www.zelfmoord1813.be: Zelfmoordlijn 1813, free, 24/7 (in Dutch).
        name: 'Zelfmoordlijn 1813',
        number: '1813',
        tel: '1813',
        how: 'Call free, any time (in Dutch).',
        site: 'https://www.zelfmoord1813.be',
      },
      {
        // https://www.preventionsuicide.be: Centre de Prévention du Suicide, 0800 32 123, 24/7.
        name: 'Centre de Prévention du Suicide',
        number: '0800 32 123',
        tel: '080032123',
        how: 'Call free, any time (in French).',
        site: 'https://www.preventionsuicide.be',
      },
    ],
  },
  ES: {
    country: 'ES',
    // https://digital-strategy.ec.europa.eu/en/policies/112: 112 across the EU.
    emergency: '112',
    lines: [
      {
        // https://www.sanidad.gob.es (Línea 024): atención a la conducta suicida, free, 24/7.
        name: 'Línea 024',
        number: '024',
        tel: '024',
        how: 'Call free, any time.',
        site: 'https://www.sanidad.gob.es/linea024/',
      },
    ],
  },
  IN: {
    country: 'IN',
    // https://112.gov.in: the Emergency Response Support System number.
    emergency: '112',
    lines: [
      {
        // https://telemanas.mohfw.gov.in: Tele MANAS, 14416, free, 24/7.
        name: 'Tele MANAS',
        number: '14416',
        tel: '14416',
        how: 'Call free, any time.',
        site: 'https://telemanas.mohfw.gov.in',
      },
    ],
  },
};

/**
 * EU and EEA members without their own entry above: 112 works in every one of them
 * (https://digital-strategy.ec.europa.eu/en/policies/112), for the crisis line Find A Helpline.
 */
const EMERGENCY_112 = new Set([
  'AT', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'GR', 'HU', 'IT', 'LV', 'LT', 'LU', 'MT', 'PL', 'PT',
  'RO', 'SK', 'SI', 'SE', 'IS', 'LI', 'NO',
]);

/** What to show for a country: its entry, 112 for the rest of Europe, or null (unknown). */
export function helpFor(country: string | null | undefined): CountryHelp | null {
  if (!country) return null;
  const code = country.toUpperCase();
  const known = COUNTRIES[code];
  if (known) return known;
  if (EMERGENCY_112.has(code)) return { country: code, emergency: '112', lines: [] };
  return null;
}

/**
 * The member's country: their profile's when they gave one, else the region of the browser's
 * language (`en-GB` → GB), else null. The first of `languages` with a region wins.
 */
export function pickCountry(profileCountry: string | null | undefined, languages: readonly string[] = []): string | null {
  if (profileCountry && /^[A-Za-z]{2}$/.test(profileCountry)) return profileCountry.toUpperCase();
  for (const lang of languages) {
    const region = regionOf(lang);
    if (region) return region;
  }
  return null;
}

function regionOf(lang: string): string | null {
  try {
    const region = new Intl.Locale(lang).region;
    if (region && /^[A-Z]{2}$/.test(region)) return region;
  } catch {
    // Not a language tag; try the plain pattern below.
  }
  const m = /^[a-z]{2,3}[-_]([A-Za-z]{2})(?:\b|[-_])/i.exec(lang);
  return m ? m[1]!.toUpperCase() : null;
}

/** Digits (and `+`) only, for a `tel:` link. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}
