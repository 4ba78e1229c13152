// Exports' plain logic: status words, when to keep polling, the manifest read safely from the
// server's free-form JSON, sizes, and plain headings for the refusals.
import { ProblemError } from '../../api/problem';
import type { components } from '../../api/schema';

export type Export = components['schemas']['ExportResponse'];

export const FORMATS = [
  {
    value: 'csv',
    label: 'CSV',
    hint: 'One comma-separated file per table; opens in R, Python, Stata or a spreadsheet.',
  },
  { value: 'ndjson', label: 'NDJSON', hint: 'One JSON object per line, one file per table.' },
  {
    value: 'fhir',
    label: 'FHIR R4 (Bulk Data NDJSON)',
    hint: 'Patient, Observation, Questionnaire and QuestionnaireResponse resources.',
  },
] as const;

export type ExportFormat = (typeof FORMATS)[number]['value'];

const STATUS: Record<string, string> = {
  queued: 'Waiting to start',
  running: 'Being written',
  ready: 'Ready',
  failed: 'Failed',
  expired: 'Deleted after the retention period',
};

export function statusText(status: string): string {
  return STATUS[status] ?? status;
}

/** Whether the worker has yet to finish it (so the list keeps refreshing). */
export function inProgress(e: Pick<Export, 'status'>): boolean {
  return e.status === 'queued' || e.status === 'running';
}

/** How often to refresh the list: every 2 s while any export is unfinished, else not at all. */
export function pollInterval(items: readonly Pick<Export, 'status'>[] | undefined): number | false {
  return items?.some(inProgress) ? 2_000 : false;
}

export function formatLabel(format: string): string {
  return FORMATS.find((f) => f.value === format)?.label ?? format;
}

/** "512 bytes", "12.3 KB", "4.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** What the manifest view shows; everything optional the server may omit is defaulted. */
export interface Manifest {
  participants: number | null;
  suppressed: string[];
  /** File name → rows, in file-name order. */
  files: { name: string; rows: number | null; sha256: string | null }[];
  dateMode: string | null;
  window: { from: string; to: string } | null;
  consentVersions: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the manifest JSON (typed only as an object by the API); null when there is none. */
export function readManifest(raw: unknown): Manifest | null {
  if (!isRecord(raw)) return null;
  const counts = isRecord(raw.row_counts) ? raw.row_counts : {};
  const hashes = isRecord(raw.sha256) ? raw.sha256 : {};
  const names = [...new Set([...Object.keys(counts), ...Object.keys(hashes)])].sort();
  const win = isRecord(raw.window) ? raw.window : null;
  const snapshot = Array.isArray(raw.consent_snapshot) ? raw.consent_snapshot : [];
  return {
    participants: typeof raw.participants === 'number' ? raw.participants : null,
    suppressed: Array.isArray(raw.suppressed_categories)
      ? raw.suppressed_categories.filter((c): c is string => typeof c === 'string')
      : [],
    files: names.map((name) => ({
      name,
      rows: typeof counts[name] === 'number' ? counts[name] : null,
      sha256: typeof hashes[name] === 'string' ? hashes[name] : null,
    })),
    dateMode: typeof raw.date_mode === 'string' ? raw.date_mode : null,
    window:
      win && typeof win.from === 'string' && typeof win.to === 'string' ? { from: win.from, to: win.to } : null,
    consentVersions: new Set(
      snapshot.filter(isRecord).map((s) => (typeof s.consent_version === 'number' ? s.consent_version : 0)),
    ).size,
  };
}

/** Plain headings for why an export was refused (the server's detail says the rest). */
const REFUSALS: Record<string, string> = {
  cohort_too_small: 'Not enough members consent yet',
  study_not_approved: 'Only an approved study can export data',
  study_closed: 'This study has closed',
  export_not_ready: 'This export is not ready yet',
  export_expired: 'This export’s file has been deleted',
  not_a_study_researcher: 'Only the study’s researchers can export its data',
};

/** The error with a plain heading for the refusals above (others unchanged). */
export function explainRefusal(err: ProblemError): ProblemError {
  const title = REFUSALS[err.code];
  return title ? new ProblemError({ ...err.problem, title }) : err;
}

/** The file name a download is saved as. */
export function exportFileName(e: Pick<Export, 'id' | 'format'>): string {
  return `kindred-export-${e.format}-${e.id}.zip`;
}
