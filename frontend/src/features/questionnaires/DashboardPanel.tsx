import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDate } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { bandLabel, useDue, useMyResponses, useQuestionnaires } from './queries';
import { hasCrisisFlag } from './scoring';

/** The dashboard's questionnaires panel: what is due, and the latest score of each. */
export function QuestionnairesPanel() {
  const due = useDue();
  const mine = useMyResponses();
  const all = useQuestionnaires();
  const title = (slug: string) => all.data?.items.find((q) => q.slug === slug)?.title ?? slug.toUpperCase();
  const latest = new Map<
    string,
    { id: string; score: number | null | undefined; band?: string | null; at: string; crisis: boolean }
  >();
  for (const r of mine.data?.items ?? []) {
    if (!latest.has(r.questionnaire)) {
      latest.set(r.questionnaire, {
        id: r.id,
        score: r.score,
        band: r.band,
        at: r.submitted_at,
        crisis: r.show_crisis_resources || hasCrisisFlag(r.flags),
      });
    }
  }
  return (
    <section aria-labelledby="questionnaires-heading" className="panel">
      <h2 id="questionnaires-heading">Questionnaires</h2>
      {(due.isPending || mine.isPending) && <Loading label="Loading questionnaires" />}
      {due.isError && <ProblemAlert error={asProblemError(due.error)} focus={false} />}
      {due.data && due.data.items.length > 0 && (
        <>
          <h3>Due now</h3>
          <ul className="plain-list">
            {due.data.items.map((d) => (
              <li key={d.slug}>
                <Link to={`/questionnaires/${d.slug}`}>Start {d.title}</Link>
                {d.last_response_at && (
                  <span className="muted"> · last answered {formatDate(d.last_response_at)}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {due.data && due.data.items.length === 0 && <p className="muted">Nothing is due right now.</p>}
      {latest.size > 0 && (
        <>
          <h3>Latest scores</h3>
          <ul className="plain-list">
            {[...latest].map(([slug, r]) => (
              <li key={slug}>
                <Link to={`/questionnaires/${slug}/history`}>{title(slug)}</Link>: {r.score ?? '—'}
                {r.band && <span className="muted"> ({bandLabel(r.band)})</span>}
                <span className="muted"> · {formatDate(r.at)}</span>
                {r.crisis && (
                  <p className="crisis-mark">
                    <strong>Your answers mentioned thoughts of harming yourself.</strong> You can
                    talk to someone now: <Link to="/help">crisis numbers</Link>.{' '}
                    <Link to={`/questionnaires/responses/${r.id}`}>See those answers</Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/questionnaires">See questionnaires</Link>
    </section>
  );
}
