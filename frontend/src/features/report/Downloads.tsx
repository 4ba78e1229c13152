// Spreadsheet downloads: all my readings, and my answers to each questionnaire I answered.
// The files come from the API with the access token and are saved as a Blob.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { reportKeys } from './queries';

/** Saves a Blob as a file through a temporary link. */
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

const stamp = () => new Date().toISOString().slice(0, 10);

/** The questionnaires I answered at least once (any time). */
function useAnswered() {
  return useQuery({
    queryKey: [...reportKeys.all, 'answered'],
    queryFn: async () => {
      const list = await unwrap(api.GET('/api/v1/questionnaires'));
      const scored = await Promise.all(
        list.items.map(async (q) => {
          const s = await unwrap(
            api.GET('/api/v1/me/questionnaires/{slug}/scores', { params: { path: { slug: q.slug } } }),
          );
          return s.points.length > 0 ? q : null;
        }),
      );
      return scored.filter((q) => q !== null);
    },
  });
}

export function Downloads() {
  const answered = useAnswered();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<ProblemError | null>(null);

  const download = async (key: string, get: () => Promise<Blob>, filename: string) => {
    setBusy(key);
    setMessage('');
    setProblem(null);
    try {
      const blob = await get();
      saveBlob(new Blob([blob], { type: 'text/csv' }), filename);
      setMessage(`Your download has started: ${filename}.`);
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="report-downloads">
      <h2 id="report-downloads">Download for a spreadsheet</h2>
      <p>
        CSV files open in Excel, Numbers or LibreOffice. They hold everything you entered, not only the period
        above.
      </p>
      <ProblemAlert error={problem} />
      <ul className="report-downloads">
        <li>
          <button
            type="button"
            className="button-secondary"
            disabled={busy !== null}
            onClick={() =>
              void download(
                'measurements',
                () => unwrap(api.GET('/api/v1/me/measurements/export.csv', { parseAs: 'blob' })),
                `kindred-measurements-${stamp()}.csv`,
              )
            }
          >
            {busy === 'measurements' ? 'Preparing…' : 'All my measurements (CSV)'}
          </button>
        </li>
        {answered.data?.map((q) => (
          <li key={q.slug}>
            <button
              type="button"
              className="button-secondary"
              disabled={busy !== null}
              onClick={() =>
                void download(
                  q.slug,
                  () =>
                    unwrap(
                      api.GET('/api/v1/me/questionnaires/{slug}/responses.csv', {
                        params: { path: { slug: q.slug } },
                        parseAs: 'blob',
                      }),
                    ),
                  `kindred-${q.slug}-responses-${stamp()}.csv`,
                )
              }
            >
              {busy === q.slug ? 'Preparing…' : `My ${q.title} answers (CSV)`}
            </button>
          </li>
        ))}
      </ul>
      {answered.isError && <ProblemAlert error={asProblemError(answered.error)} focus={false} />}
      <p role="status" className="status-text">
        {message}
      </p>
    </section>
  );
}
