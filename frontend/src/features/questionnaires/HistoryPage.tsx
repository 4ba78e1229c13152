import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { LazyTimeSeriesChart } from '../../charts/LazyTimeSeriesChart';
import { bandZones, DAY_SECONDS, scoresToAligned, sinceFirstDomain } from '../../charts/shape';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { bandLabel, useQuestionnaire, useScores } from './queries';
import { scoreAxis } from './scoring';

export function HistoryPage() {
  const { slug = '' } = useParams();
  const q = useQuestionnaire(slug);
  const scores = useScores(slug);
  const title = q.data?.title ?? slug;
  usePageTitle(`${title} history`);
  const data = useMemo(() => (scores.data ? scoresToAligned(scores.data.points) : null), [scores.data]);
  // The axes: from the first answer to today (a month at least), and the instrument's whole
  // score range with its severity bands shaded, so a change of 3 points looks like 3 points.
  const def = q.data?.version.definition;
  const axes = useMemo(() => {
    if (!data) return null;
    const xRange = sinceFirstDomain(data[0], Date.now() / 1000, 28 * DAY_SECONDS);
    if (!def) return { xRange };
    const yRange = scoreAxis(def, data[1] ?? []);
    const zones = bandZones(def.bands ?? [], yRange).map((z) => {
      const band = def.bands?.find((b) => b.label === z.label);
      const range = band ? ` (${band.min}–${band.max})` : '';
      return { ...z, label: `${bandLabel(z.label)}${range}` };
    });
    return { xRange, yRange, zones };
  }, [data, def]);

  return (
    <>
      <h1>Your {title} scores</h1>
      {q.isError && <ProblemAlert error={asProblemError(q.error)} focus={false} />}
      {scores.isPending && <Loading label="Loading your scores" />}
      {scores.isError && <ProblemAlert error={asProblemError(scores.error)} focus={false} />}
      {scores.data &&
        (scores.data.points.length === 0 ? (
          <p>You haven’t answered {title} yet.</p>
        ) : (
          <>
            {data && axes && (
              <LazyTimeSeriesChart
                title={`${title} score over time`}
                description={
                  'Each point is one time you answered. Lower scores mean fewer symptoms.' +
                  (axes.zones?.length ? ' The shaded bands are the score ranges.' : '')
                }
                data={data}
                series={[{ label: 'Score' }]}
                xRange={axes.xRange}
                yRange={axes.yRange}
                zones={axes.zones}
                zonesLabel="Score ranges"
              />
            )}
            <div className="table-scroll">
              <table>
                <caption>Every {title} answer, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Score</th>
                    <th scope="col">Range</th>
                  </tr>
                </thead>
                <tbody>
                  {[...scores.data.points].reverse().map((p) => (
                    <tr key={p.submitted_at}>
                      <td>{formatDate(p.submitted_at)}</td>
                      <td>{p.score ?? '—'}</td>
                      <td>{bandLabel(p.band) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
      <p>
        <Link to={`/questionnaires/${slug}`}>Answer {title} now</Link>
        {' · '}
        <Link to="/questionnaires">All questionnaires</Link>
      </p>
    </>
  );
}
