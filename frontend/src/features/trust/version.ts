// The version of the terms of use, privacy notice and medical disclaimer: the one place the
// web app names it. The three pages show it, and sign-up sends it as `accepted_terms`.
//
// The type ties it to the API: `RegisterRequest.accepted_terms` is generated from the
// server's own constant (GET /api/v1/terms answers the same), so when the server's version
// changes and `npm run gen:api` runs, this line stops compiling until the pages are updated.
import type { components } from '../../api/schema';

export type TermsVersion = NonNullable<components['schemas']['RegisterRequest']['accepted_terms']>;

export const TERMS_VERSION: TermsVersion = '2026-12-01';

/** The version's date in words ("1 December 2026"), read as a calendar date (no time zone). */
export function termsDate(version: string = TERMS_VERSION, locale?: string): string {
  const [y, m, d] = version.split('-').map(Number);
  if (!y || !m || !d) return version;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** The three pages, for links (footer, sign-up, each page's "see also"). */
export const TRUST_PAGES = [
  { to: '/terms', label: 'Terms of use' },
  { to: '/privacy-notice', label: 'Privacy notice' },
  { to: '/disclaimer', label: 'Medical disclaimer' },
] as const;
