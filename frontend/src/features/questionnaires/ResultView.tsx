import { Link } from 'react-router';
import type { QuestionnaireDetail, ResponseView } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { CrisisResources } from './CrisisResources';
import { bandLabel } from './queries';
import { hasCrisisFlag } from './scoring';

/** Highest possible total (sum scoring): the best-scoring option of every scored item. */
export function maxScore(q: Pick<QuestionnaireDetail, 'version'>): number | null {
  const def = q.version.definition;
  if (def.scoring.method !== 'sum') return null;
  let total = 0;
  for (const item of def.items) {
    if (item.scored === false) continue;
    const values = (item.options ?? []).map((o) => o.value);
    if (values.length > 0) total += Math.max(...values);
    else if (item.max != null) total += item.max;
    else return null;
  }
  return total;
}

export function ResultView({ result, q }: { result: ResponseView; q: QuestionnaireDetail }) {
  const band = bandLabel(result.band);
  const description = q.version.definition.bands?.find((b) => b.label === result.band)?.description;
  const max = maxScore(q);
  return (
    <>
      {(result.show_crisis_resources || hasCrisisFlag(result.flags)) && <CrisisResources />}
      <section className="card card-block" aria-labelledby="score-heading">
        <h2 id="score-heading">Your score</h2>
        <p>
          <span className="score-big">{result.score ?? '—'}</span>
          {max !== null && result.score != null && <span className="muted"> out of {max}</span>}
        </p>
        {band && (
          <p>
            This is in the <strong>{band}</strong> range.
            {description ? ` ${description}` : ''}
          </p>
        )}
        {Object.keys(result.subscores).length > 0 && (
          <ul className="plain-list">
            {Object.entries(result.subscores).map(([k, v]) => (
              <li key={k}>
                {k}: {v}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">Saved {formatDateTime(result.submitted_at)}.</p>
        <p className="muted">
          A questionnaire score is not a diagnosis. If your score worries you, talk to your doctor.
        </p>
      </section>
      <p>
        <Link to={`/questionnaires/${q.slug}/history`}>See how your {q.title} scores change</Link>
        {' · '}
        <Link to="/questionnaires">Back to questionnaires</Link>
      </p>
    </>
  );
}
