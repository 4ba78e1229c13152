// What the administration pages share: query keys, the audit log's filters as a URL query and
// as API parameters, the members filters as API parameters, and reading a questionnaire
// definition typed as JSON.
import type { components } from '../../api/schema';
import { ProblemError } from '../../api/problem';
import type { Definition } from '../../api/types';

type Schemas = components['schemas'];
export type AdminUserView = Schemas['AdminUserView'];
export type AccountStatus = Schemas['AccountStatus'];
export type AuditEvent = Schemas['AuditEventView'];
export type AuditAction = Schemas['Action'];
export type Flag = Schemas['FlagView'];
export type VersionView = Schemas['VersionView'];

export const aKeys = {
  conditions: ['conditions'] as const,
  communities: ['admin', 'communities'] as const,
  community: (slug: string) => ['admin', 'communities', slug] as const,
  moderators: (slug: string) => ['admin', 'communities', slug, 'moderators'] as const,
  questionnaires: ['admin', 'questionnaires'] as const,
  questionnaire: (slug: string) => ['admin', 'questionnaires', slug] as const,
  versions: (slug: string) => ['admin', 'questionnaires', slug, 'versions'] as const,
  users: ['admin', 'users'] as const,
  userList: (f: UserFilters) => ['admin', 'users', 'list', f.text.trim(), f.status, f.role] as const,
  flags: ['admin', 'flags'] as const,
  audit: (f: AuditFilters) => ['admin', 'audit', ...AUDIT_FILTER_NAMES.map((n) => f[n])] as const,
};

/**
 * The audit log's filters, as the API names them: the action, who acted (a user id), what it
 * was about (a kind of thing and its id) and a time range (`from` inclusive, `to` exclusive,
 * RFC 3339). Empty strings are "any".
 */
export interface AuditFilters {
  action: string;
  actor: string;
  subject_type: string;
  subject_id: string;
  from: string;
  to: string;
}

const AUDIT_FILTER_NAMES = ['action', 'actor', 'subject_type', 'subject_id', 'from', 'to'] as const;

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', subject_type: '', subject_id: '', from: '', to: '' };

/** The filters in the page's URL (`?action=…&actor=…&from=…`); missing ones are empty. */
export function auditFiltersFromSearch(params: URLSearchParams): AuditFilters {
  const f = { ...NO_AUDIT_FILTERS };
  for (const n of AUDIT_FILTER_NAMES) f[n] = (params.get(n) ?? '').trim();
  return f;
}

/** The URL query for the filters, leaving out empty ones (so a clear filter is a clean URL). */
export function auditFiltersToSearch(f: AuditFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const n of AUDIT_FILTER_NAMES) if (f[n].trim()) out.set(n, f[n].trim());
  return out;
}

/** Whether any filter is set. */
export function auditFiltered(f: AuditFilters): boolean {
  return AUDIT_FILTER_NAMES.some((n) => f[n].trim() !== '');
}

/** The GET /admin/audit query for one page: only the filters that are set, and the cursor. */
export function auditApiQuery(f: AuditFilters, cursor: string | undefined, limit = 50) {
  const set = (n: (typeof AUDIT_FILTER_NAMES)[number]) => (f[n].trim() ? { [n]: f[n].trim() } : {});
  return {
    limit,
    // The server checks the action against its list (422 on `action` for an unknown one).
    ...(f.action.trim() ? { action: f.action.trim() as AuditAction } : {}),
    ...set('actor'),
    ...set('subject_type'),
    ...set('subject_id'),
    ...set('from'),
    ...set('to'),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * A `datetime-local` input's value (`2026-03-01T10:00`, the browser's time zone) as RFC 3339 in
 * UTC for the API; '' for an empty or unreadable value.
 */
export function localInputToIso(value: string): string {
  if (!value.trim()) return '';
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

/** An RFC 3339 time as a `datetime-local` input's value in the browser's time zone ('' if none). */
export function isoToLocalInput(iso: string): string {
  if (!iso.trim()) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/**
 * Audit actions offered as suggestions in the filter (the server checks the value and answers
 * 422 on `action` for an unknown one, so a missing suggestion only costs typing).
 */
export const AUDIT_ACTION_SUGGESTIONS = [
  'admin.condition_created',
  'admin.condition_suggestions_updated',
  'admin.community_created',
  'admin.community_updated',
  'admin.moderator_appointed',
  'admin.moderator_removed',
  'admin.questionnaire_created',
  'admin.questionnaire_version_created',
  'admin.questionnaire_version_updated',
  'admin.questionnaire_published',
  'admin.questionnaire_retired',
  'admin.researcher_approved',
  'admin.researcher_rejected',
  'admin.study_approved',
  'admin.study_rejected',
  'admin.user_suspended',
  'admin.user_unsuspended',
  'auth.login_failed',
  'auth.login_succeeded',
  'auth.registered',
  'auth.refresh_reuse',
  'community.moderated',
  'community.scraping_flagged',
  'consent.granted',
  'consent.withdrawn',
] as const;

/** Kinds of thing audit events are about, offered as suggestions in the filter. */
export const AUDIT_SUBJECT_SUGGESTIONS = [
  'user',
  'session',
  'community',
  'condition',
  'report',
  'mod_action',
  'appeal',
  'questionnaire',
  'questionnaire_version',
  'researcher_application',
  'study',
  'export',
] as const;

/** How the members list is narrowed (by the server: GET /admin/users?status=&role=&q=). */
export interface UserFilters {
  /** Part of a handle or an email address (any case). */
  text: string;
  status: AccountStatus | '';
  role: AdminUserView['role'] | '';
}

/** The GET /admin/users query for one page: only the filters that are set, and the cursor. */
export function usersApiQuery(f: UserFilters, cursor: string | undefined, limit = 50) {
  const text = f.text.trim();
  return {
    limit,
    ...(f.status ? { status: f.status } : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(text ? { q: text } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** A URL name suggested for a display name: lower-case letters, digits and `-`, 2–60 long. */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The result of reading a definition typed as JSON. */
export type ParsedDefinition = { ok: true; definition: Definition } | { ok: false; message: string };

/**
 * Reads a definition typed as JSON. Only the shape the server cannot explain is checked here
 * (valid JSON, an object with an `items` list and a `scoring` object); everything else is the
 * server's 422, whose errors name their path.
 */
export function parseDefinition(text: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'it is not valid JSON';
    return { ok: false, message: `The definition is not valid JSON: ${why}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The definition must be a JSON object with “items” and “scoring”.' };
  }
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.items)) return { ok: false, message: 'The definition needs an “items” list.' };
  if (typeof v.scoring !== 'object' || v.scoring === null || Array.isArray(v.scoring)) {
    return { ok: false, message: 'The definition needs a “scoring” object, e.g. {"method": "sum"}.' };
  }
  return { ok: true, definition: v as unknown as Definition };
}

/** A definition as the editor shows it. */
export function definitionText(d: Definition): string {
  return JSON.stringify(d, null, 2);
}

/** A first version to start a new questionnaire from: one 0–3 question, summed. */
export function starterDefinition(): Definition {
  return {
    items: [
      {
        key: 'q1',
        text: 'Over the last two weeks, how often have you been bothered by this?',
        type: 'single_choice',
        options: [
          { value: 0, label: 'Not at all' },
          { value: 1, label: 'Several days' },
          { value: 2, label: 'More than half the days' },
          { value: 3, label: 'Nearly every day' },
        ],
      },
    ],
    scoring: { method: 'sum' },
  };
}

/** An audit actor by handle when the members list knows them, else by id; none is the system. */
export function actorName(id: string | null | undefined, handles: ReadonlyMap<string, string>): string {
  if (!id) return 'Kindred';
  return handles.get(id) ?? id;
}

/** Field errors with where they are (`items[0].text: Give the item a text.`), for a JSON editor. */
export function withFieldPaths(err: ProblemError, prefix = 'definition'): ProblemError {
  if (err.fieldErrors.length === 0) return err;
  const strip = new RegExp(`^${prefix}\\.?`);
  return new ProblemError({
    ...err.problem,
    errors: err.fieldErrors.map((e) => {
      const where = e.field.replace(strip, '');
      return { ...e, message: where ? `${where}: ${e.message}` : e.message };
    }),
  });
}
