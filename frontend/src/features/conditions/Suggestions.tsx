// What to track for a condition just added (GET /conditions/{slug}/suggestions): measurement
// types to log and questionnaires to answer, each a link straight to it.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { Condition } from '../../api/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { lowerFirst } from '../measurements/model';
import { useMeasurementTypes } from '../measurements/queries';

export function Suggestions({ condition }: { condition: Pick<Condition, 'slug' | 'name'> }) {
  const suggestions = useQuery({
    queryKey: ['conditions', condition.slug, 'suggestions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/conditions/{slug}/suggestions', { params: { path: { slug: condition.slug } } })),
    staleTime: 60 * 60 * 1000,
  });
  const types = useMeasurementTypes();
  const s = suggestions.data;
  if (s && s.measurement_types.length === 0 && s.questionnaires.length === 0) return null;
  const typeName = (slug: string) => types.data?.items.find((t) => t.slug === slug)?.name ?? slug.replace(/_/g, ' ');
  return (
    <section aria-labelledby="suggestions-heading" className="panel">
      <h2 id="suggestions-heading">Suggested for {condition.name}</h2>
      {suggestions.isPending && <Loading label="Loading suggestions" />}
      {suggestions.isError && <ProblemAlert error={asProblemError(suggestions.error)} focus={false} />}
      {s && (
        <>
          <p>People with {lowerFirst(condition.name)} often keep track of these. Start whenever you like.</p>
          <ul className="plain-list">
            {s.measurement_types.map((slug) => (
              <li key={slug}>
                <Link to={`/measurements?type=${encodeURIComponent(slug)}`}>Log {lowerFirst(typeName(slug))}</Link>
              </li>
            ))}
            {s.questionnaires.map((q) => (
              <li key={q.slug}>
                <Link to={`/questionnaires/${encodeURIComponent(q.slug)}`}>Answer {q.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
