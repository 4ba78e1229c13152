import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, ProblemError, unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { mKeys, useMeasurementTypes } from './queries';
import './measurements.css';

type DryRun = components['schemas']['HealthDryRun'];
type HealthImport = components['schemas']['HealthImportResponse'];

/** The largest upload the server takes (1 GiB); larger files are refused before sending. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** How often a running import is asked for its progress. */
export const POLL_MS = 1000;

/** A progress bar as wide as the file field. */
const PROGRESS_STYLE = { width: '100%', maxWidth: '30rem' } as const;

const importKey = (id: string) => ['me', 'imports', id] as const;

const finished = (state: string | undefined) => state === 'done' || state === 'failed';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The member's words for what went wrong with an upload: each of the import's error codes
 * (422 `errors[0].code`), a file over the limit (413) and a file of the wrong kind (415).
 * Anything else (network, server) is left as it is.
 */
export function explainUploadProblem(err: ProblemError): ProblemError {
  const code = err.fieldErrors[0]?.code ?? err.code;
  const say = (title: string, detail: string) =>
    new ProblemError({ ...err.problem, code: 'apple_health_upload', title, detail, errors: null });
  switch (code) {
    case 'not_a_zip':
    case 'unsupported_media_type':
      return say(
        'This is not a zip file',
        'Choose the export.zip file the Health app made. If your phone opened it into a folder ' +
          '(apple_health_export), use the export.zip itself instead, or export again.',
      );
    case 'no_export_xml':
      return say(
        'This zip file is not an Apple Health export',
        'It has no export.xml inside. Choose the export.zip that “Export All Health Data” made.',
      );
    case 'malformed_export':
      return say(
        'The export could not be read',
        'The file may be damaged or cut short, for example while it was copied. Export your data ' +
          'again from the Health app and try the new file.',
      );
    case 'too_large':
      return say(
        'This export is too large to import',
        err.fieldErrors[0]?.message ?? 'The health data inside the zip file is larger than Kindred can read.',
      );
    case 'payload_too_large':
      return say('This file is larger than 1 GB', 'Kindred can take an export.zip of up to 1 GB.');
    default:
      return err.status === 413
        ? say('This file is larger than 1 GB', 'Kindred can take an export.zip of up to 1 GB.')
        : err;
  }
}

/** "31 Jan 2026" or "30 Jan 2026 – 31 Jan 2026". */
function dateRange(first: string | null | undefined, last: string | null | undefined): string {
  if (!first || !last) return '—';
  const a = formatDate(first);
  const b = formatDate(last);
  return a === b ? a : `${a} – ${b}`;
}

/** Uploads the file, as a dry run or for real. */
async function upload(file: File, dryRun: boolean) {
  return unwrap(
    api.POST('/api/v1/me/imports/apple-health', {
      params: { query: { dry_run: dryRun } },
      // The schema spells the raw bytes as a number array; the file itself is the body.
      body: [],
      bodySerializer: () => file,
      headers: { 'Content-Type': 'application/zip' },
    }),
  );
}

function DryRunSummary({ report }: { report: DryRun }) {
  const types = useMeasurementTypes();
  const known = types.data?.items ?? [];
  const name = (slug: string) => known.find((t) => t.slug === slug)?.name ?? slug.replace(/_/g, ' ');
  // In the app's own order of types, then any others.
  const order = (slug: string) => {
    const i = known.findIndex((t) => t.slug === slug);
    return i === -1 ? known.length : i;
  };
  const rows = Object.entries(report.types).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  const total = rows.reduce((n, [, t]) => n + t.readings, 0);
  const implausible = rows.reduce((n, [, t]) => n + t.implausible, 0);
  return (
    <section className="card card-block" aria-labelledby="health-summary-heading">
      <h2 id="health-summary-heading">What the file holds</h2>
      {rows.length === 0 ? (
        <p>
          There are no readings Kindred can import in this file: no blood pressure, heart rate,
          weight, glucose, oxygen saturation or steps.
        </p>
      ) : (
        <>
          <p>The file holds {plural(total, 'reading', 'readings')} Kindred can import:</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Measurement</th>
                  <th scope="col">Readings</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Implausible (skipped)</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(([slug, t]) => (
                  <tr key={slug}>
                    <th scope="row">{name(slug)}</th>
                    <td>{t.readings}</td>
                    <td>{dateRange(t.first, t.last)}</td>
                    <td>{t.implausible}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {implausible > 0 && (
            <p>
              {plural(implausible, 'reading is', 'readings are')} outside what is possible (for
              example a heart rate of 900) and will be skipped.
            </p>
          )}
          <p>Readings you already have in Kindred are skipped, so nothing is stored twice.</p>
        </>
      )}
      {report.ignored > 0 && (
        <p className="hint">
          {plural(report.ignored, 'other record', 'other records')} (such as sleep or workouts) will
          be left out: Kindred does not track them.
        </p>
      )}
    </section>
  );
}

/** Where a running import is, in words for the live region (no percentages: they would chatter). */
function stateText(job: HealthImport): string {
  switch (job.state) {
    case 'queued':
      return 'The file is uploaded and waiting its turn to be imported.';
    case 'running':
      return 'Importing your readings…';
    case 'done':
      return (
        `${plural(job.imported, 'reading', 'readings')} imported, ${job.skipped} skipped ` +
        '(already stored or implausible).'
      );
    default:
      return 'The import could not finish.';
  }
}

/**
 * Import from the Apple Health app: the member uploads the `export.zip` it makes, sees what it
 * holds (a dry run), then imports it; the import runs on the server and this page follows it.
 */
export function AppleHealthPage() {
  usePageTitle('Import from Apple Health');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DryRun | null>(null);
  const [sending, setSending] = useState<'check' | 'import' | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<ProblemError | null>(null);
  const fileId = useId();
  const hintId = useId();
  const progressId = useId();

  const job = useQuery({
    queryKey: importKey(jobId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/me/imports/{id}', { params: { path: { id: jobId ?? '' } } })),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data?.state) ? false : POLL_MS),
  });
  const current = jobId ? job.data : undefined;
  const running = current !== undefined && !finished(current.state);
  const busy = sending !== null || running;

  const doneState = current?.state === 'done' ? current.id : null;
  useEffect(() => {
    if (doneState) void queryClient.invalidateQueries({ queryKey: mKeys.all });
  }, [doneState, queryClient]);

  function choose(f: File | null) {
    setReport(null);
    setJobId(null);
    setFailure(null);
    setFile(f);
  }

  async function check() {
    if (!file) return;
    setSending('check');
    setReport(null);
    setJobId(null);
    setFailure(null);
    try {
      setReport((await upload(file, true)) as DryRun);
    } catch (err) {
      setFailure(explainUploadProblem(asProblemError(err)));
    } finally {
      setSending(null);
    }
  }

  async function start() {
    if (!file) return;
    setSending('import');
    setJobId(null);
    setFailure(null);
    try {
      const started = (await upload(file, false)) as HealthImport;
      queryClient.setQueryData(importKey(started.id), started);
      setJobId(started.id);
    } catch (err) {
      setFailure(explainUploadProblem(asProblemError(err)));
    } finally {
      setSending(null);
    }
  }

  const tooLarge = file !== null && file.size > MAX_UPLOAD_BYTES;
  const pollFailure = jobId && job.isError && !current ? asProblemError(job.error) : null;

  return (
    <>
      <h1>Import from Apple Health</h1>
      <p>
        Bring the readings your iPhone keeps in the Health app into Kindred. Kindred reads blood
        pressure, heart rate, weight, blood glucose, oxygen saturation and daily steps; everything
        else in the file is left out. Importing the same file twice adds nothing: readings
        already stored are recognised and skipped. A newer export updates a day&apos;s step count
        when it has grown since.
      </p>
      <details className="card card-block">
        <summary>How to get the file from your iPhone</summary>
        <ol>
          <li>Open the Health app.</li>
          <li>Tap your profile picture (or initials) at the top right.</li>
          <li>
            Tap <strong>Export All Health Data</strong>, then <strong>Export</strong>. This can
            take a few minutes.
          </li>
          <li>
            Save or send the file it makes, called <code>export.zip</code>, to the device you are
            using now (for example with AirDrop, Files or email), and choose it below.
          </li>
        </ol>
      </details>
      <p>
        <Link to="/measurements">Back to your measurements</Link>
        {' · '}
        <Link to="/measurements/import">Import a CSV file instead</Link>
      </p>

      <div className="field">
        <label htmlFor={fileId}>Choose your export.zip</label>
        <div id={hintId} className="hint">
          The file the Health app made, up to 1 GB. Nothing is stored until you choose Import.
        </div>
        <input
          id={fileId}
          type="file"
          accept=".zip,application/zip"
          aria-describedby={hintId}
          disabled={busy}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </div>
      {tooLarge && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">This file is larger than 1 GB</p>
          <p>Kindred can take an export.zip of up to 1 GB. Check that you chose the right file.</p>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={busy || !file || tooLarge} onClick={() => void check()}>
          Check the file
        </button>
      </div>

      {report && <DryRunSummary report={report} />}
      {report && Object.keys(report.types).length > 0 && (
        <div className="form-actions">
          <button type="button" disabled={busy} onClick={() => void start()}>
            Import
          </button>
        </div>
      )}

      {sending !== null && (
        <p>
          <progress style={PROGRESS_STYLE} aria-label={sending === 'check' ? 'Checking the file' : 'Sending the file'} />
        </p>
      )}
      {current && current.state !== 'failed' && (
        <div className="field">
          <label htmlFor={progressId}>Import progress</label>
          <progress id={progressId} style={PROGRESS_STYLE} max={100} value={current.progress_percent}>
            {current.progress_percent}%
          </progress>{' '}
          {current.progress_percent}%
          {running && (
            <p className="hint">
              {plural(current.readings, 'reading', 'readings')} read so far. You can leave this
              page: the import carries on.
            </p>
          )}
        </div>
      )}
      {/* Always there, so screen readers hear each change of state (but not every percent). */}
      <div role="status" aria-live="polite">
        {sending === 'check' && <p>Checking the file… A large export can take a few minutes.</p>}
        {sending === 'import' && <p>Sending the file… A large export can take a few minutes.</p>}
        {running && <p>{stateText(current)}</p>}
        {current?.state === 'done' && (
          <div className="alert alert-success">
            <p className="alert-title">{stateText(current)}</p>
            <p>
              <Link to="/measurements">See your measurements</Link>
            </p>
          </div>
        )}
      </div>
      {current?.state === 'failed' && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">The import could not finish</p>
          {current.error && <p>{current.error}</p>}
          <p>
            Readings stored before it stopped are kept. Importing the file again adds only the ones
            still missing.
          </p>
        </div>
      )}
      <ProblemAlert error={failure ?? pollFailure} />
    </>
  );
}
