import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { ImportResult } from '../../api/types';
import { usePageTitle } from '../../app/usePageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { importReport } from './model';
import { mKeys } from './queries';
import './measurements.css';

const EXAMPLE = `type,value,systolic,diastolic,unit,taken_at,note
blood_pressure,,128,82,mm[Hg],2026-11-01T08:00:00+01:00,morning
body_weight,81.4,,,kg,2026-11-01T07:30:00+01:00,
blood_glucose,5.8,,,mmol/L,2026-11-01T07:45:00+01:00,fasting`;

/** CSV import with a dry run first and a line-by-line report of what is wrong. */
export function ImportPage() {
  usePageTitle('Import readings');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const fileId = useId();
  const textId = useId();
  const hintId = useId();

  async function send(dryRun: boolean) {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await unwrap(
        api.POST('/api/v1/me/measurements/import', {
          params: { query: { dry_run: dryRun } },
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
        every line is right: check the file first, fix what the report points at, then import.
      </p>
      <details className="card card-block">
        <summary>What the file should look like</summary>
        <p>
          A header row naming the columns <code>type</code>, <code>value</code> (or{' '}
          <code>systolic</code> and <code>diastolic</code> for blood pressure), <code>unit</code>,{' '}
          <code>taken_at</code> (date and time with the offset from UTC), and optionally{' '}
          <code>note</code> and <code>client_id</code>. For example:
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
          rows={8}
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
            <p className="alert-title">
              {result.dry_run ? 'The file is fine: nothing was stored yet.' : 'Imported.'}
            </p>
            <p>
              {result.dry_run
                ? `${result.rows} ${result.rows === 1 ? 'reading' : 'readings'} read, all valid` +
                  (result.duplicates > 0
                    ? `; ${result.duplicates} already stored (they would be skipped)`
                    : '') +
                  '. Choose Import to store them.'
                : `${result.rows} ${result.rows === 1 ? 'reading' : 'readings'} read; imported ${result.imported}` +
                  (result.duplicates > 0 ? `; ${result.duplicates} already stored (skipped)` : '') +
                  '.'}
            </p>
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
            Nothing was stored: {lines.length} {lines.length === 1 ? 'problem' : 'problems'} to fix
          </h2>
          <ul className="import-report">
            {lines.map((l, i) => (
              <li key={i}>
                {l.line !== null ? <strong>Line {l.line}</strong> : <strong>File</strong>}
                {l.column ? ` (${l.column})` : ''}: {l.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {failure && lines.length === 0 && <ProblemAlert error={failure} />}
    </>
  );
}
