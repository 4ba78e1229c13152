import { lazy, Suspense } from 'react';
import { Loading } from '../components/Loading';
import type { TimeSeriesChartProps } from './types';

// uPlot and its CSS arrive in their own chunk the first time a chart is shown.
const TimeSeriesChart = lazy(() => import('./TimeSeriesChart'));

export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  return (
    <Suspense fallback={<Loading label="Loading chart" />}>
      <TimeSeriesChart {...props} />
    </Suspense>
  );
}
