import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { MeasurementType } from '../../api/types';
import { LazyTimeSeriesChart } from '../../charts/LazyTimeSeriesChart';
import { readingsToAligned, summaryToAligned, type Aligned } from '../../charts/shape';
import type { ChartSeries } from '../../charts/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDisplayUnit } from './displayUnit';
import { RANGES, rangeQuery, unitName, type RangeKey } from './model';
import { shownValue } from './units';
import { mKeys } from './queries';

/** A chart of one type over 1 week / 1 month (every reading) or 1 year / all (summaries). */
export function RangeChart({ type }: { type: MeasurementType }) {
  const [range, setRange] = useState<RangeKey>('month');
  // Fixed per range choice, so the query key is stable.
  const q = useMemo(() => rangeQuery(range, new Date()), [range]);
  const keys = type.components.length > 1 ? type.components.map((c) => c.key) : ['value'];
  const names = type.components.length > 1 ? type.components.map((c) => c.name) : [type.name];

  const data = useQuery({
    queryKey: [...mKeys.all, 'chart', type.slug, range],
    queryFn: async (): Promise<{ data: Aligned; series: ChartSeries[]; bands?: [number, number][] }> => {
      if (q.kind === 'readings') {
        const list = await unwrap(
          api.GET('/api/v1/me/measurements', {
            params: { query: { type: type.slug, from: q.from, limit: 200 } },
          }),
        );
        return {
          data: readingsToAligned(list.items, keys),
          series: names.map((label, i) => ({ label, color: i + 1 })),
        };
      }
      const summary = await unwrap(
        api.GET('/api/v1/me/measurements/summary', {
          params: { query: { type: type.slug, bucket: q.bucket, from: q.from } },
        }),
      );
      const shaped = summaryToAligned(summary.items, keys.length);
      const per = q.bucket === 'week' ? 'week' : 'month';
      return {
        data: shaped.data,
        series: shaped.series.map((s) => ({
          label:
            (keys.length > 1 ? `${names[s.component]} ` : '') +
            (s.stat === 'mean' ? `average per ${per}` : s.stat === 'min' ? 'lowest' : 'highest'),
          color: s.component + 1,
          faint: s.stat !== 'mean',
        })),
        bands: keys.map((_, c) => [c * 3 + 3, c * 3 + 2] as [number, number]),
      };
    },
  });

  // Fetched in the stored unit; shown in the member's (lb, °F, mmol/L) when they chose one.
  const shownUnit = useDisplayUnit(type) ?? type.unit;
  const shown = useMemo((): Aligned | undefined => {
    if (!data.data) return undefined;
    if (shownUnit === type.unit) return data.data.data;
    const [xs, ...ys] = data.data.data;
    return [xs, ...ys.map((col) => col.map((v) => (v === null ? null : shownValue(v, type.unit, shownUnit, type))))];
  }, [data.data, shownUnit, type]);
  const label = RANGES.find((r) => r.key === range)?.label ?? '';
  return (
    <section aria-labelledby="chart-heading" className="panel">
      <h2 id="chart-heading">{type.name} over time</h2>
      <div role="group" aria-label="Time range" className="range-buttons">
        {RANGES.map((r) => (
          <button
            key={r.key}
            type="button"
            className={r.key === range ? undefined : 'button-secondary'}
            aria-pressed={r.key === range}
            onClick={() => setRange(r.key)}
          >
            {r.label}
          </button>
        ))}
      </div>
      {data.isPending && <Loading label="Loading your readings" />}
      {data.isError && <ProblemAlert error={asProblemError(data.error)} focus={false} />}
      {data.data &&
        shown &&
        (shown[0].length === 0 ? (
          <p className="muted">
            No {type.name.toLowerCase()} readings in this period{range === 'all' ? '' : ` (${label})`}.
          </p>
        ) : (
          <LazyTimeSeriesChart
            title={`${type.name}, ${label === 'All' ? 'all time' : `last ${label}`}`}
            description={
              q.kind === 'readings'
                ? 'Every reading in this period.'
                : `Average per ${q.bucket}, with the lowest and highest reading.`
            }
            data={shown}
            series={data.data.series}
            bands={data.data.bands}
            unit={unitName(shownUnit)}
            daily={q.kind === 'summary'}
          />
        ))}
    </section>
  );
}
