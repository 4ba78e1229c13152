// A study's exports: ask for one in a format, watch it being written (the list refreshes every
// 2 s while one is unfinished), download the zip and read its manifest.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import type { Study } from '../../api/types';
import { formatDate, formatDateTime } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  explainRefusal,
  exportFileName,
  formatBytes,
  formatLabel,
  FORMATS,
  inProgress,
  readManifest,
  statusText,
  type Export,
  type ExportFormat,
} from './exports';
import { useStudyCategoryNamer } from './CohortPreview';
import { rKeys, useExports } from './queries';

/** Saves a Blob as a file through a temporary link (the download needs the access token). */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ManifestView({ e }: { e: Export }) {
  const nameOf = useStudyCategoryNamer();
  const m = readManifest(e.manifest);
  if (!m) return null;
  return (
    <details className="manifest">
      <summary>
        Manifest<span className="visually-hidden"> of the export of {formatDateTime(e.created_at)}</span>
      </summary>
      <dl className="study-facts">
        <dt>Participants</dt>
        <dd>{m.participants ?? e.participants ?? 'Not recorded'}</dd>
        <dt>Left out (too few members share them)</dt>
        <dd>{m.suppressed.length === 0 ? 'Nothing' : m.suppressed.map(nameOf).join(', ')}</dd>
        {m.dateMode && (
          <>
            <dt>Dates</dt>
            <dd>{m.dateMode === 'relative' ? 'Day offsets from each participant’s first record' : 'Calendar dates'}</dd>
          </>
        )}
        {m.window && (
          <>
            <dt>Data window</dt>
            <dd>
              {formatDate(m.window.from)} to {formatDate(m.window.to)}
            </dd>
          </>
        )}
        {e.sha256 && (
          <>
            <dt>SHA-256 of the zip</dt>
            <dd>
              <code className="hash">{e.sha256}</code>
            </dd>
          </>
        )}
      </dl>
      <div className="table-scroll">
        <table className="manifest-files">
          <caption>Files in the zip</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Rows</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {m.files.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>{f.rows ?? '–'}</td>
                <td>
                  <code className="hash">{f.sha256 ?? '–'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface ItemProps {
  e: Export;
  onProblem: (p: ProblemError) => void;
  onMessage: (m: string) => void;
}

function ExportItem({ e, onProblem, onMessage }: ItemProps) {
  const [busy, setBusy] = useState(false);
  const when = formatDateTime(e.created_at);
  const download = async () => {
    setBusy(true);
    try {
      const blob = await unwrap(
        api.GET('/api/v1/exports/{id}/download', { params: { path: { id: e.id } }, parseAs: 'blob' }),
      );
      saveBlob(new Blob([blob], { type: 'application/zip' }), exportFileName(e));
      onMessage('Your download has started.');
    } catch (err) {
      onProblem(explainRefusal(asProblemError(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card card-block export-item">
      <p className="export-line">
        <strong>{formatLabel(e.format)}</strong> <span className="muted">asked for on {when}</span>
        <span className={`badge export-status export-${e.status}`}>{statusText(e.status)}</span>
      </p>
      {inProgress(e) && <Loading label="Writing the export; this page updates by itself" />}
      {e.status === 'failed' && <p className="field-error">{e.error ?? 'The export could not be written.'}</p>}
      {e.status === 'ready' && (
        <>
          <p>
            {e.participants ?? '?'} participants
            {e.size_bytes != null && <>, {formatBytes(e.size_bytes)}</>}
            {e.expires_at && <span className="muted">. The file is kept until {formatDate(e.expires_at)}.</span>}
          </p>
          <button type="button" className="button-secondary" onClick={() => void download()} disabled={busy}>
            {busy ? 'Downloading…' : 'Download the zip'}
            <span className="visually-hidden"> of the {formatLabel(e.format)} export of {when}</span>
          </button>
        </>
      )}
      {e.status === 'expired' && (
        <p className="muted">
          The file was deleted{e.expired_at && ` on ${formatDate(e.expired_at)}`}; its record and manifest stay.
        </p>
      )}
      <ManifestView e={e} />
    </li>
  );
}

export function ExportsSection({ study }: { study: Study }) {
  const queryClient = useQueryClient();
  const exports = useExports(study.id);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [message, setMessage] = useState('');
  const open = study.status === 'approved';

  const request = async (ev: FormEvent) => {
    ev.preventDefault();
    setProblem(null);
    setMessage('');
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/studies/{id}/exports', { params: { path: { id: study.id } }, body: { format } }),
      );
      setMessage(`A ${formatLabel(format)} export is on its way. It appears below and is ready in a few seconds.`);
      await queryClient.invalidateQueries({ queryKey: rKeys.exports(study.id) });
    } catch (err) {
      setProblem(explainRefusal(asProblemError(err)));
    } finally {
      setBusy(false);
    }
  };

  const items = exports.data?.items ?? [];
  // Say when an export this page watched being written becomes ready (or fails).
  const seen = useRef(new Map<string, string>());
  useEffect(() => {
    for (const e of exports.data?.items ?? []) {
      const before = seen.current.get(e.id);
      if (before && before !== e.status && (before === 'queued' || before === 'running')) {
        if (e.status === 'ready') setMessage(`Your ${formatLabel(e.format)} export is ready to download.`);
        if (e.status === 'failed') setMessage(`Your ${formatLabel(e.format)} export failed.`);
      }
      seen.current.set(e.id, e.status);
    }
  }, [exports.data]);
  return (
    <section aria-labelledby="exports-heading" className="panel study-section">
      <h2 id="exports-heading">Exports</h2>
      <p className="muted">
        An export holds only members whose consent is in force when it is written, only what each agreed to share,
        under a random code for this study. Every export is shown to the members it includes.
      </p>
      {open ? (
        <form onSubmit={(ev) => void request(ev)} aria-labelledby="export-form-heading" className="export-form">
          <h3 id="export-form-heading">Ask for an export</h3>
          <fieldset className="field">
            <legend>Format</legend>
            {FORMATS.map((f) => (
              <div className="radio-row" key={f.value}>
                <input
                  type="radio"
                  id={`format-${f.value}`}
                  name="format"
                  value={f.value}
                  checked={format === f.value}
                  onChange={() => setFormat(f.value)}
                  aria-describedby={`format-${f.value}-hint`}
                />
                <div>
                  <label htmlFor={`format-${f.value}`}>{f.label}</label>
                  <div id={`format-${f.value}-hint`} className="hint">
                    {f.hint}
                  </div>
                </div>
              </div>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Asking…' : 'Request the export'}
            </button>
          </div>
        </form>
      ) : (
        <p className="alert alert-info">
          {study.status === 'closed'
            ? 'The study has closed: no new exports can be made.'
            : 'Exports can be asked for once the study is approved.'}
        </p>
      )}
      <ProblemAlert error={problem} />
      <p role="status" className="status-text">
        {message}
      </p>
      <h3>Your exports</h3>
      {exports.isPending && <Loading label="Loading the exports" />}
      {exports.isError && <ProblemAlert error={asProblemError(exports.error)} focus={false} />}
      {exports.data && items.length === 0 && <p className="muted">No exports yet.</p>}
      {items.length > 0 && (
        <ul className="card-list export-list">
          {items.map((e) => (
            <ExportItem key={e.id} e={e} onProblem={setProblem} onMessage={setMessage} />
          ))}
        </ul>
      )}
    </section>
  );
}
