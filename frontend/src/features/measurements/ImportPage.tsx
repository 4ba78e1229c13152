import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { ImportResult, LineError } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMe } from '../profile/queries';
import { importReport, type LineProblem } from './model';
import { mKeys } from './queries';
import './measurements.css';

const EXAMPLE = `type,value,systolic,diastolic,unit,taken_at,context,note
blood_pressure,,128,82,mmHg,2026-11-01 08:00,,morning
body_weight,81.4,,,kg,2026-11-01 07:30,,
blood_glucose,5.8,,,mmol/L,2026-11-01T07:45:00+01:00,fasting,`;

/** The lines an import skipped, as the report lists bad lines. */
function skippedLines(skipped: readonly LineError[]): LineProblem[] {
  return skipped.map((l) => ({ line: l.line, column: l.field || null, message: l.message.replace(/^Line \d+:\s*/, '') }));
}

function LineList({ lines }: { lines: readonly LineProblem[] }) {
  return (
    <ul className="import-report">
      {lines.map((l, i) => (
        <li key={i}>
          {l.line !== null ? <strong>Line {l.line}</strong> : <strong>File</strong>}
          {l.column ? ` (${l.column})` : ''}: {l.message}
        </li>
      ))}
    </ul>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * CSV import with a dry run first and a line-by-line report of what is wrong. All or nothing,
 * unless the member chooses to import the valid lines and skip the bad ones.
 */
export function ImportPage() {
  usePageTitle('Import readings');
  const me = useMe();
  const zone = me.data?.profile.time_zone ?? null;
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const fileId = useId();
  const textId = useId();
  const hintId = useId();

  async function send(dryRun: boolean, skipInvalid = false) {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await unwrap(
        api.POST('/api/v1/me/measurements/import', {
          params: { query: { dry_run: dryRun, ...(skipInvalid ? { skip_invalid: true } : {}) } },
          body: text,
          bodySerializer: (b: string) => b,
          headers: { 'Content-Type': 'text/csv' },
        }),
      );
      setResult(r);
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: mKeys.all });
    } catch (err) {
      setFailure(asProblemError(err));
    } finally {
      setBusy(false);
    }
  }

  const lines = failure ? importReport(failure.fieldErrors) : [];
  const empty = text.trim() === '';

  return (
    <>
      <h1>Import readings</h1>
      <p>
        Bring in readings from a spreadsheet or another app as a CSV file. Nothing is stored until
        every line is right: check the file first, fix what the report points at, then import. If
        some lines cannot be fixed, you can choose to import the others and skip those.
      </p>
      <p>
        From an iPhone? <Link to="/measurements/apple-health">Import your Apple Health export</Link>{' '}
        instead.
      </p>
      <ul>
        <li>
          Times without an offset from UTC, like <code>2026-01-31 08:30</code>, are read in your
          profile’s time zone{' '}
          {zone ? (
            <>
              ({zone}). <Link to="/profile">Change it on your profile</Link>.
            </>
          ) : (
            <>
              , which is not set yet: until it is, give every time its offset, like{' '}
              <code>2026-01-31T08:30+01:00</code>. <Link to="/profile">Set your time zone on your profile</Link>.
            </>
          )}
        </li>
        <li>
          Units can be written the ordinary way: <span>kg, lb, mmHg, mg/dL, mmol/L</span>.
        </li>
      </ul>
      <details className="card card-block">
        <summary>What the file should look like</summary>
        <p>
          A header row naming the columns <code>type</code>, <code>value</code> (or{' '}
          <code>systolic</code> and <code>diastolic</code> for blood pressure), <code>unit</code>,{' '}
          <code>taken_at</code> (date and time), and optionally <code>note</code>,{' '}
          <code>context</code> (for blood glucose: <code>fasting</code>, <code>before_meal</code>,{' '}
          <code>after_meal</code> or <code>bedtime</code>) and <code>client_id</code>. A file you
          downloaded from the measurements page has these columns already. For example:
        </p>
        <pre>{EXAMPLE}</pre>
      </details>

      <div className="field">
        <label htmlFor={fileId}>Choose a CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setFileName(f.name);
            setText(await f.text());
            setResult(null);
            setFailure(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={textId}>…or paste the lines here</label>
        <div id={hintId} className="hint">
          {fileName ? `Showing ${fileName}; you can edit it here.` : 'The first line is the header.'}
        </div>
        <textarea
          id={textId}
          className="csv-editor"
          rows={12}
          spellCheck={false}
          aria-describedby={hintId}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResult(null);
            setFailure(null);
          }}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={busy || empty} onClick={() => void send(true)}>
          Check file
        </button>
        <button type="button" disabled={busy || empty} onClick={() => void send(false)}>
          Import
        </button>
      </div>

      <div aria-live="polite">
        {result && (
          <div className="alert alert-success" role="status">
            {result.dry_run ? (
              <>
                <p className="alert-title">The file is fine: nothing was stored yet.</p>
                <p>
                  {`${plural(result.rows, 'reading', 'readings')} read, all valid` +
                    (result.duplicates > 0 ? `; ${result.duplicates} already stored (they would be skipped)` : '') +
                    '. Choose Import to store them.'}
                </p>
              </>
            ) : result.skipped_lines > 0 ? (
              <>
                <p className="alert-title">Imported {plural(result.imported, 'reading', 'readings')}.</p>
                {result.duplicates > 0 && <p>{result.duplicates} already stored (skipped).</p>}
                <p className="import-skipped">
                  Skipped {plural(result.skipped_lines, 'bad line', 'bad lines')}
                  {result.skipped.length < result.skipped_lines ? ` (the first ${result.skipped.length} are listed)` : ''}:
                </p>
                <LineList lines={skippedLines(result.skipped)} />
              </>
            ) : (
              <>
                <p className="alert-title">Imported.</p>
                <p>
                  {`${plural(result.rows, 'reading', 'readings')} read; imported ${result.imported}` +
                    (result.duplicates > 0 ? `; ${result.duplicates} already stored (skipped)` : '') +
                    '.'}
                </p>
              </>
            )}
            {result.unusual_lines > 0 && (
              <div className="import-unusual">
                <p>
                  {result.dry_run
                    ? `Check ${plural(result.unusual_lines, 'line', 'lines')} far from your recent readings (a unit mix-up?); Import stores them anyway`
                    : `${plural(result.unusual_lines, 'line was', 'lines were')} far from your recent readings and imported anyway; correct or delete them on your measurements page if they are wrong`}
                  {result.unusual.length < result.unusual_lines ? ` (the first ${result.unusual.length} are listed)` : ''}:
                </p>
                <LineList lines={skippedLines(result.unusual)} />
              </div>
            )}
            {!result.dry_run && (
              <p>
                <Link to="/measurements">See your measurements</Link>
              </p>
            )}
          </div>
        )}
      </div>
      {failure && lines.length > 0 && (
        <section className="alert alert-error" role="alert" aria-labelledby="report-heading">
          <h2 id="report-heading" className="alert-title">
            Nothing was stored: {plural(lines.length, 'problem', 'problems')} to fix
          </h2>
          <LineList lines={lines} />
          {lines.some((l) => l.line !== null) && (
            <>
              <p>
                Fix these lines and check the file again, or store the lines that are right and
                leave these out.
              </p>
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void send(false, true)}>
                Import the valid lines and skip the bad ones
              </button>
            </>
          )}
        </section>
      )}
      {failure && lines.length === 0 && <ProblemAlert error={failure} />}
    </>
  );
}
