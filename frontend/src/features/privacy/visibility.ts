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
 * Whether the member has said who may see their profile: the server records it with every
 * `PATCH /me` that sets a visibility (so the first-visit question is asked once per account,
 * not once per browser). Anything but the private default was a choice. A browser where the
 * member answered before the server kept the answer remembers it too.
 */
export function visibilityChosen(user: { id: string; profile: { visibility: Visibility; visibility_chosen?: boolean } }): boolean {
  if (user.profile.visibility !== 'private' || user.profile.visibility_chosen) return true;
  try {
    return window.localStorage.getItem(CHOSEN_PREFIX + user.id) === '1';
  } catch {
    return false;
  }
}
