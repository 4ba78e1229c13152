import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDisplayUnits } from './displayUnit';
import { formatReading, latestByType, sparkline, type TrendSeries } from './model';
import { shownValue } from './units';
import { mKeys, useMeasurementTypes } from './queries';
import './measurements.css';

/** The dashboard's measurements panel: latest reading per type with a small trend line. */
export function MeasurementsPanel() {
  const types = useMeasurementTypes();
  const recent = useQuery({
    queryKey: [...mKeys.all, 'recent'],
    queryFn: () => unwrap(api.GET('/api/v1/me/measurements', { params: { query: { limit: 200 } } })),
  });
  const latest = recent.data ? latestByType(recent.data.items, types.data?.items) : [];
  const typeOf = (slug: string) => types.data?.items.find((t) => t.slug === slug);
  const unitOf = useDisplayUnits();

  return (
    <section aria-labelledby="measurements-heading" className="panel">
      <h2 id="measurements-heading">Measurements</h2>
      {recent.isPending && <Loading label="Loading your readings" />}
      {recent.isError && <ProblemAlert error={asProblemError(recent.error)} focus={false} />}
      {recent.data &&
        (latest.length === 0 ? (
          <p className="muted">
            No readings yet. Log your first blood pressure, weight or other reading to see trends
            here.
          </p>
        ) : (
          <ul className="latest-list">
            {latest.map(({ type, latest: m, series: stored }) => {
              const t = typeOf(type);
              const name = t?.name ?? type;
              const unit = unitOf(t) ?? m.unit;
              const series = stored.map((l) => ({
                ...l,
                values: l.values.map((v) => shownValue(v, m.unit, unit, t)),
              }));
              const all = series.flatMap((l) => l.values);
              const bounds = [Math.min(...all), Math.max(...all)] as const;
              const drawn = series.filter((l) => l.values.length > 1);
              const describe = (l: TrendSeries) =>
                `${l.label ? `${l.label.toLowerCase()} ` : ''}from ${l.values[0]} to ${l.values[l.values.length - 1]}`;
              return (
                <li key={type}>
                  <div>
                    <Link to={`/measurements?type=${type}`}>{name}</Link>
                    <div>
                      <strong>{formatReading(m, t, unit)}</strong>{' '}
                      <span className="muted">· {formatDateTime(m.taken_at)}</span>
                    </div>
                  </div>
                  {drawn.length > 0 && (
                    <svg
                      className="sparkline"
                      viewBox="0 0 100 24"
                      preserveAspectRatio="none"
                      role="img"
                      aria-label={`${name}: trend of the last ${drawn[0]!.values.length} readings, ${drawn.map(describe).join('; ')}`}
                    >
                      {drawn.map((l, i) => (
                        <polyline
                          key={l.label ?? 'value'}
                          className={i > 0 ? 'sparkline-second' : undefined}
                          points={sparkline(l.values, 100, 24, 2, bounds)}
                          fill="none"
                          stroke="currentColor"
                          strokeWidth="2"
                          vectorEffect="non-scaling-stroke"
                        />
                      ))}
                    </svg>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
      <Link to="/measurements">See my measurements</Link>
    </section>
  );
}
