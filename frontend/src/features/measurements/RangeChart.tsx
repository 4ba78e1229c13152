import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { MeasurementType, Target } from '../../api/types';
import { LazyTimeSeriesChart } from '../../charts/LazyTimeSeriesChart';
import { readingsToAligned, summaryToAligned, yExtent, type Aligned, type Domain } from '../../charts/shape';
import type { ChartSeries } from '../../charts/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../app/format';
import { useDisplayUnit } from './displayUnit';
import { allRangeQuery, RANGES, rangeDomain, rangeQuery, unitName, type RangeKey, type RangeQuery } from './model';
import { shownValue } from './units';
import { mKeys } from './queries';
import { targetZones } from './targets';

interface ChartData {
  /** The range these data are for (while another loads, the chart keeps showing this one). */
  range: RangeKey;
  /** What was asked (null: "All" for a member with no reading yet). */
  query: RangeQuery | null;
  data: Aligned;
  series: ChartSeries[];
  bands?: [number, number][];
  /** The x axis: the range's window, ending when the data were fetched. */
  xRange: Domain;
  /** "All": when the first reading was taken. */
  since?: string;
}

const rangeLabel = (range: RangeKey) => RANGES.find((r) => r.key === range)?.label ?? '';

/**
 * A chart of one type over 1 week / 1 month (every reading), 1 year (weekly summaries) or all
 * (from the first reading to today), with the member's target range drawn as a band.
 */
export function RangeChart({ type, target }: { type: MeasurementType; target?: Target | undefined }) {
  const [range, setRange] = useState<RangeKey>('month');
  const keys = type.components.length > 1 ? type.components.map((c) => c.key) : ['value'];
  const names = type.components.length > 1 ? type.components.map((c) => c.name) : [type.name];

  const chart = useQuery({
    queryKey: [...mKeys.all, 'chart', type.slug, range],
    queryFn: async (): Promise<ChartData> => {
      const now = new Date();
      let q: RangeQuery | null;
      let since: string | undefined;
      if (range === 'all') {
        // From the first reading: the server says when that was.
        const extent = await unwrap(
          api.GET('/api/v1/me/measurements/extent', { params: { query: { type: type.slug } } }),
        );
        q = allRangeQuery(extent, now);
        since = extent.first_taken_at ?? undefined;
      } else {
        q = rangeQuery(range, now);
      }
      const firstSec = since ? Date.parse(since) / 1000 : undefined;
      const plain = names.map((label, i) => ({ label, color: i + 1 }));
      if (q === null) {
        const empty: Aligned = [[], ...keys.map(() => [])];
        return { range, query: null, data: empty, series: plain, xRange: rangeDomain(range, now, []) };
      }
      if (q.kind === 'readings') {
        const list = await unwrap(
          api.GET('/api/v1/me/measurements', {
            params: { query: { type: type.slug, from: q.from, limit: 200 } },
          }),
        );
        const data = readingsToAligned(list.items, keys);
        return { range, query: q, data, series: plain, xRange: rangeDomain(range, now, data[0], firstSec), since };
      }
      const summary = await unwrap(
        api.GET('/api/v1/me/measurements/summary', {
          params: { query: { type: type.slug, bucket: q.bucket, from: q.from } },
        }),
      );
      const shaped = summaryToAligned(summary.items, keys.length);
      const per = q.bucket === 'week' ? 'week' : 'month';
      return {
        range,
        query: q,
        data: shaped.data,
        series: shaped.series.map((s) => ({
          label:
            (keys.length > 1 ? `${names[s.component]} ` : '') +
            (s.stat === 'mean' ? `average per ${per}` : s.stat === 'min' ? 'lowest' : 'highest'),
          color: s.component + 1,
          faint: s.stat !== 'mean',
        })),
        bands: keys.map((_, c) => [c * 3 + 3, c * 3 + 2] as [number, number]),
        xRange: rangeDomain(range, now, shaped.data[0], firstSec),
        since,
      };
    },
    // Changing the range keeps the chart on screen until the new data are here.
    placeholderData: keepPreviousData,
  });

  // Fetched in the stored unit; shown in the member's (lb, °F, mmol/L) when they chose one.
  const shownUnit = useDisplayUnit(type) ?? type.unit;
  const shown = useMemo((): Aligned | undefined => {
    if (!chart.data) return undefined;
    if (shownUnit === type.unit) return chart.data.data;
    const [xs, ...ys] = chart.data.data;
    return [xs, ...ys.map((col) => col.map((v) => (v === null ? null : shownValue(v, type.unit, shownUnit, type))))];
  }, [chart.data, shownUnit, type]);
  // The target as a band, on a y axis that shows both it and the readings.
  const band = useMemo(
    () => (target && shown ? targetZones(target, type, type.components.length > 1 ? type.unit : shownUnit, yExtent(shown)) : null),
    [target, shown, type, shownUnit],
  );
  const d = chart.data;
  // What the chart shows now (the previous range's, while the chosen one loads).
  const label = d ? rangeLabel(d.range) : '';
  const loadingOther = chart.isPlaceholderData && chart.isFetching;
  const describe = (q: RangeQuery | null, since?: string) => {
    const from = since ? ` Since your first reading, on ${formatDate(since)}.` : '';
    if (!q || q.kind === 'readings') return `Every reading in this period.${from}`;
    return `Average per ${q.bucket}, with the lowest and highest reading.${from}`;
  };
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
      {chart.isPending && <Loading label="Loading your readings" />}
      {chart.isError && !d && <ProblemAlert error={asProblemError(chart.error)} focus={false} />}
      {d && (
        <>
          {/* Always present, so the change is announced; quiet, and it keeps its place. */}
          <p role="status" className="chart-status muted">
            {loadingOther && (
              <>
                <span className="spinner" aria-hidden="true" />
                Loading {range === 'all' ? 'all your readings' : `the last ${rangeLabel(range)}`}…
              </>
            )}
          </p>
          {chart.isError && <ProblemAlert error={asProblemError(chart.error)} focus={false} />}
          <div className={loadingOther ? 'chart-wrap chart-stale' : 'chart-wrap'} aria-busy={loadingOther || undefined}>
            {shown && shown[0].length === 0 ? (
              <p className="muted">
                No {type.name.toLowerCase()} readings {d.range === 'all' ? 'yet' : `in this period (${label})`}.
              </p>
            ) : (
              shown && (
                <LazyTimeSeriesChart
                  title={`${type.name}, ${d.range === 'all' ? 'all time' : `last ${label}`}`}
                  description={describe(d.query, d.since)}
                  data={shown}
                  series={d.series}
                  bands={d.bands}
                  unit={unitName(shownUnit)}
                  daily={d.query?.kind === 'summary'}
                  xRange={d.xRange}
                  yRange={band?.yRange}
                  zones={band && band.zones.length > 0 ? band.zones : undefined}
                  zonesLabel="Your target range"
                  zoneTone="target"
                />
              )
            )}
          </div>
        </>
      )}
    </section>
  );
}
