// Who can see a member's profile, in the same plain words everywhere it is asked (the dashboard
// on a first visit, the profile page, the privacy centre), and whether the member has chosen.
import type { Visibility } from '../../api/types';

/**
 * Each level: what the profile shows, and to whom (a Record, so a new server level fails the
 * build). The profile is the member's handle and the conditions they added; nothing else.
 */
export const VISIBILITY_CHOICES: Record<Visibility, { label: string; hint: string }> = {
  private: {
    label: 'Only me',
    hint:
      'Nobody else can see your profile: not other members, not visitors. Posts you write in a ' +
      'community still show your handle to its readers (or “a member” when you post anonymously).',
  },
  members: {
    label: 'Signed-in members',
    hint: 'People signed in to Kindred can see your profile: your handle and the conditions you added.',
  },
  public: {
    label: 'Anyone',
    hint:
      'Anyone on the internet can see your handle and the conditions you added, without signing in. ' +
      'Search engines may list your profile.',
  },
};

/** What a profile never shows, whatever the member chooses. */
export const NEVER_SHOWN =
  'Whatever you choose, your email address, year of birth, sex, country, measurements and questionnaire answers are never shown on your profile.';

const CHOSEN_PREFIX = 'kindred.visibility-chosen.';

/**
 * Whether the member has said who may see their profile (on this device). Anything but the
 * private default was a choice; "Only me" is one once they confirmed it.
 */
export function visibilityChosen(userId: string, visibility: Visibility): boolean {
  if (visibility !== 'private') return true;
  try {
    return window.localStorage.getItem(CHOSEN_PREFIX + userId) === '1';
  } catch {
    return false;
  }
}

/** Remembers that the member chose (the first-visit question is not asked again). */
export function markVisibilityChosen(userId: string): void {
  try {
    window.localStorage.setItem(CHOSEN_PREFIX + userId, '1');
  } catch {
    // No storage (some private modes): the question comes back next visit, nothing worse.
  }
}
