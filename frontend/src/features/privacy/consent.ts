// The privacy centre's plain logic: which consents are current, readable category names, the
// receipt as a file, and the question asked before a profile is made public.
import type { ConsentReceipt, Invitation } from './types';

/** One study's consent story: its events newest first, and whether the newest is a grant. */
export interface StudyConsents {
  studyId: string;
  title: string;
  institution: string;
  latest: ConsentReceipt;
  active: boolean;
  events: ConsentReceipt[];
}

/**
 * Groups consent events (any order) by study. A consent is current when the study's newest
 * event is a grant; a withdrawal after it ends it. Studies come newest change first.
 */
export function byStudy(events: readonly ConsentReceipt[]): StudyConsents[] {
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version);
  const groups = new Map<string, StudyConsents>();
  for (const e of sorted) {
    const g = groups.get(e.study_id);
    if (g) g.events.push(e);
    else
      groups.set(e.study_id, {
        studyId: e.study_id,
        title: e.study_title,
        institution: e.institution,
        latest: e,
        active: e.kind === 'granted',
        events: [e],
      });
  }
  return [...groups.values()];
}

/** Whether `receipt` is the grant in force for its study (so withdrawing applies to it). */
export function isInForce(receipt: ConsentReceipt, events: readonly ConsentReceipt[]): boolean {
  const mine = byStudy(events).find((s) => s.studyId === receipt.study_id);
  return !!mine && mine.active && mine.latest.receipt_id === receipt.receipt_id;
}

/** The server's words for the categories that need no catalog. */
const FIXED: Record<string, string> = {
  demographics: 'Your age band (5 years) and country',
  conditions: 'Your conditions and the years they were diagnosed',
};

/**
 * A namer for category keys, in the words an invitation uses: the invitations' own labels,
 * then names from the catalogs (`questionnaire:phq-9` → its title, `measurement:body_weight` →
 * its name), then the key made readable.
 */
export function categoryNamer(
  invitations: readonly Pick<Invitation, 'categories'>[],
  catalog: ReadonlyMap<string, string> = new Map(),
): (key: string) => string {
  const words = new Map<string, string>();
  for (const inv of invitations) for (const c of inv.categories) words.set(c.category, c.label);
  return (key) => {
    const known = words.get(key) ?? FIXED[key];
    if (known) return known;
    const [kind, slug] = key.split(':');
    if (!slug) return key;
    const name = catalog.get(key);
    if (kind === 'questionnaire') return `Your answers to the ${name ?? slug} questionnaire`;
    if (kind === 'measurement') return `Your ${name ? name.toLowerCase() : slug.replace(/_/g, ' ')} measurements`;
    return name ?? key;
  };
}

/** The receipt as a JSON file to keep. */
export function receiptFile(receipt: ConsentReceipt): { name: string; blob: Blob } {
  return {
    name: `kindred-consent-${receipt.receipt_id}.json`,
    blob: new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }),
  };
}

/** Saves a Blob as a file through a temporary link (no second request to the server). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What withdrawing does and does not do, said the same way everywhere. */
export const WITHDRAW_DOES =
  'From now on, no export for this study includes your data. It takes one click, and you can consent again later.';
export const WITHDRAW_DOES_NOT =
  'It cannot recall copies the researchers already received. Those copies show you only as a random code, never your name, email address or handle.';

/** The question a member answers before making their profile public. */
export const PUBLIC_QUESTION = {
  text: 'If you choose “Anyone”, who can see your profile?',
  options: [
    { id: 'members', text: 'Only people signed in to Kindred' },
    { id: 'anyone', text: 'Anyone on the internet, including people without an account and search engines' },
    { id: 'researchers', text: 'Only researchers of studies I agreed to' },
  ],
  answer: 'anyone',
  explanation:
    'A public profile is open to anyone on the internet: people without a Kindred account can read it and search engines may list it. If you want only members to see it, choose “Signed-in members”.',
} as const;

/** Checks the answer to the public-profile question: null when right, else why it is not. */
export function checkPublicAnswer(answer: string | null | undefined): string | null {
  if (!answer) return 'Answer this question before choosing “Anyone”.';
  return answer === PUBLIC_QUESTION.answer ? null : `Not quite. ${PUBLIC_QUESTION.explanation}`;
}
