import type { Aligned, Domain, Zone } from './shape';

/** One y series of a chart. */
export interface ChartSeries {
  label: string;
  /** Colour slot 1–6 from the theme (`--chart-N`); default: by position. */
  color?: number;
  /** Draw as a thin dashed line (for min / max around a mean). */
  faint?: boolean;
}

export interface TimeSeriesChartProps {
  /** Short title, shown above the chart and used as its accessible name. */
  title: string;
  /** One sentence on what the chart shows, for everyone (shown under the title). */
  description?: string;
  data: Aligned;
  series: ChartSeries[];
  /** Unit shown on the y axis and in the table (e.g. `kg`, `mm[Hg]` → shown as given). */
  unit?: string;
  /** Fill between two y series (1-based aligned indices, e.g. max and min). */
  bands?: [upper: number, lower: number][];
  /** X values are whole days (summary buckets): the table shows dates without times. */
  daily?: boolean;
  /**
   * The x axis (epoch seconds): the window the member chose (see `windowDomain`), so the axis
   * does not shrink or swell to wherever the data are. Default: the data's own extent.
   */
  xRange?: Domain;
  /** The y axis: e.g. a questionnaire's whole score range. Default: fitted to the data. */
  yRange?: Domain;
  /** Shaded horizontal regions (e.g. severity bands), lightest first; listed under the chart. */
  zones?: Zone[];
  /** What the zones are, for the list under the chart (e.g. "Score ranges"). */
  zonesLabel?: string;
  /**
   * `severity` (default): zones shaded darker upwards in the warning colour (score bands);
   * `target`: each zone an even band in the target colour (a member's target range).
   */
  zoneTone?: 'severity' | 'target';
  height?: number;
}
