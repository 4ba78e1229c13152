// Query keys, hooks and plain words shared by the research pages (and the admin review pages).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ApplicationStatus, DateMode, StudyStatus } from '../../api/types';
import { pollInterval } from './exports';

export const rKeys = {
  application: ['research', 'application'] as const,
  studies: ['research', 'studies'] as const,
  study: (id: string) => ['research', 'study', id] as const,
  cohort: (id: string) => ['research', 'study', id, 'cohort'] as const,
  exports: (id: string) => ['research', 'study', id, 'exports'] as const,
};

export function useStudy(id: string) {
  return useQuery({
    queryKey: rKeys.study(id),
    queryFn: () => unwrap(api.GET('/api/v1/studies/{id}', { params: { path: { id } } })),
  });
}

/** Eligible and consenting members, overall and per category (counts below k suppressed). */
export function useCohort(id: string, enabled = true) {
  return useQuery({
    queryKey: rKeys.cohort(id),
    queryFn: () => unwrap(api.GET('/api/v1/studies/{id}/cohort', { params: { path: { id } } })),
    enabled,
  });
}

/** The study's exports, refreshed every 2 s while one is queued or being written. */
export function useExports(id: string, enabled = true) {
  return useQuery({
    queryKey: rKeys.exports(id),
    queryFn: () => unwrap(api.GET('/api/v1/studies/{id}/exports', { params: { path: { id } } })),
    enabled,
    refetchInterval: (q) => pollInterval(q.state.data?.items),
  });
}

/** Plain words for each study status (a Record, so a new server status fails the build). */
export const STUDY_STATUS: Record<StudyStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Changes needed',
  closed: 'Closed',
};

export const APPLICATION_STATUS: Record<ApplicationStatus, string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Not approved',
};

export const DATE_MODE: Record<DateMode, string> = {
  relative: 'Relative: days counted from each member’s first shared record, never calendar dates',
  absolute: 'Absolute: calendar dates and times',
};

/** Whether researchers may still change a study (the server freezes the others). */
export function editable(status: StudyStatus): boolean {
  return status === 'draft' || status === 'rejected';
}
