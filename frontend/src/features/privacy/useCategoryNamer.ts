// Readable names for the category keys on receipts: the invitations' own words first, then the
// questionnaire and measurement catalogs (both cached app-wide).
import { useMemo } from 'react';
import { useMeasurementTypes } from '../measurements/queries';
import { useQuestionnaires } from '../questionnaires/queries';
import { categoryNamer } from './consent';
import { useInvitations } from './queries';

export function useCategoryNamer(): (key: string) => string {
  const invitations = useInvitations();
  const questionnaires = useQuestionnaires();
  const types = useMeasurementTypes();
  return useMemo(() => {
    const catalog = new Map<string, string>();
    for (const q of questionnaires.data?.items ?? []) catalog.set(`questionnaire:${q.slug}`, q.title);
    for (const t of types.data?.items ?? []) catalog.set(`measurement:${t.slug}`, t.name);
    return categoryNamer(invitations.data?.items ?? [], catalog);
  }, [invitations.data, questionnaires.data, types.data]);
}
