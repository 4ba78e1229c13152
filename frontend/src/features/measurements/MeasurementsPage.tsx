import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { LazyTimeSeriesChart } from '../../charts/LazyTimeSeriesChart';
import { summaryToAligned } from '../../charts/shape';
import type { ChartSeries } from '../../charts/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * First cut: pick a type and see a year of weekly summaries. Logging readings and the list
 * of readings come with the measurements feature.
 */
export function MeasurementsPage() {
  usePageTitle('Measurements');
  const types = useQuery({
    queryKey: ['measurement-types'],
    queryFn: () => unwrap(api.GET('/api/v1/measurement-types')),
    staleTime: 60 * 60 * 1000,
  });
  const [slug, setSlug] = useState('');
  const selectId = useId();
  const current = types.data?.items.find((t) => t.slug === slug) ?? types.data?.items[0];

  return (
    <>
      <h1>Measurements</h1>
      <p>
        Readings you take at home, such as blood pressure, weight or peak flow. Adding readings
        here is coming soon.
      </p>
      {types.isPending && <Loading label="Loading measurement types" />}
      {types.isError && <ProblemAlert error={asProblemError(types.error)} focus={false} />}
      {types.data && current && (
        <>
          <div className="field">
            <label htmlFor={selectId}>Show</label>
            <select id={selectId} value={current.slug} onChange={(e) => setSlug(e.target.value)}>
              {types.data.items.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <SummaryChart
            slug={current.slug}
            name={current.name}
            components={current.components.map((c) => c.name)}
          />
        </>
      )}
    </>
  );
}

function SummaryChart({
  slug,
  name,
  components,
}: {
  slug: string;
  name: string;
  components: string[];
}) {
  const summary = useQuery({
    queryKey: ['me', 'measurements', 'summary', slug, 'week'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/me/measurements/summary', {
          params: { query: { type: slug, bucket: 'week' } },
        }),
      ),
  });
  const shaped = useMemo(
    () => (summary.data ? summaryToAligned(summary.data.items, components.length) : null),
    [summary.data, components.length],
  );
  const series = useMemo<ChartSeries[]>(
    () =>
      shaped?.series.map((s) => ({
        label:
          (components.length > 1 ? `${components[s.component]} ` : '') +
          (s.stat === 'mean' ? 'average' : s.stat === 'min' ? 'lowest' : 'highest'),
        color: s.component + 1,
        faint: s.stat !== 'mean',
      })) ?? [],
    [shaped, components],
  );
  const bands = useMemo(
    () => components.map((_, c) => [c * 3 + 3, c * 3 + 2] as [number, number]),
    [components],
  );

  if (summary.isPending) return <Loading label="Loading your readings" />;
  if (summary.isError) return <ProblemAlert error={asProblemError(summary.error)} focus={false} />;
  if (!shaped || shaped.data[0].length === 0) {
    return <p className="muted">You have no {name.toLowerCase()} readings in the last year.</p>;
  }
  return (
    <LazyTimeSeriesChart
      title={`${name}, weekly`}
      description="Average per week, with the lowest and highest reading."
      data={shaped.data}
      series={series}
      bands={bands}
      unit={summary.data?.unit}
      daily
    />
  );
}
