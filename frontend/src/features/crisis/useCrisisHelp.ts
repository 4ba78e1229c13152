import { countryName } from '../../app/format';
import { useSessionUser } from '../auth/useSessionUser';
import { helpFor, pickCountry, type CountryHelp } from './numbers';

export interface CrisisHelp {
  /** The numbers for the member's country, or null (then: the international fallback). */
  help: CountryHelp | null;
  /** The country's name in the reader's language, when known. */
  place: string | null;
}

function browserLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? [...navigator.languages] : navigator.language ? [navigator.language] : [];
}

/**
 * The crisis numbers to show this member: by their profile's country, else by their browser's
 * language region (`en-GB`), else none (the international fallback). Works signed out too.
 */
export function useCrisisHelp(): CrisisHelp {
  const user = useSessionUser();
  const country = pickCountry(user?.profile?.country, browserLanguages());
  const help = helpFor(country);
  return { help, place: help ? countryName(help.country) : null };
}
