// uPlot wrapper. Loaded lazily (see LazyTimeSeriesChart) so uPlot stays out of the main bundle.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeAxisLabels, zoneAlpha } from './shape';
import type { TimeSeriesChartProps } from './types';

const numberFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
/** Opacity of a target band (the series drawn over it stay easy to read). */
const TARGET_ALPHA = 0.16;
const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Re-renders when the light / dark theme changes (colours are read from CSS variables). */
function useThemeVersion(): number {
  const [v, setV] = useState(0);
  useEffect(() => {
    const bump = () => setV((n) => n + 1);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener('change', bump);
    return () => {
      mo.disconnect();
      mq?.removeEventListener('change', bump);
    };
  }, []);
  return v;
}

export default function TimeSeriesChart({
  title,
  description,
  data,
  series,
  unit,
  bands,
  daily = false,
  height = 260,
  xRange,
  yRange,
  zones,
  zonesLabel = 'Shaded ranges',
  zoneTone = 'severity',
}: TimeSeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const text = cssVar(el, '--text-muted', '#555');
    const grid = cssVar(el, '--border', '#ddd');
    const colors = series.map((s, i) => cssVar(el, `--chart-${s.color ?? i + 1}`, '#0f6b5c'));
    const target = zoneTone === 'target';
    const zoneColor = target ? cssVar(el, '--chart-target', '#2e7d32') : cssVar(el, '--chart-zone', '#a8231b');
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // The window the member chose, not the data's own extent (one reading would otherwise
        // get an axis of years around it).
        x: xRange ? { time: true, range: () => [xRange[0], xRange[1]] } : { time: true },
        y: yRange ? { auto: false, range: () => [yRange[0], yRange[1]] } : {},
      },
      axes: [
        {
          stroke: text,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          space: 64,
          values: (_u, splits, _axis, _space, incr) => timeAxisLabels(splits, incr),
        },
        {
          stroke: text,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          label: unit,
          size: 56,
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: colors[i],
          width: s.faint ? 1 : 2,
          dash: s.faint ? [4, 4] : undefined,
          points: { show: !s.faint && data[0].length < 60, size: 7, fill: colors[i] },
          spanGaps: true,
        })),
      ],
      hooks: zones?.length
        ? {
            // Under the grid and the series: each zone a band of colour, its name at the left
            // (recent points, the ones people look at, are at the right).
            drawClear: [
              (u: uPlot) => {
                const { ctx, bbox } = u;
                const px = uPlot.pxRatio;
                ctx.save();
                // Only inside the plot: a band open at one end stops at the axis.
                ctx.beginPath();
                ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
                ctx.clip();
                zones.forEach((z, i) => {
                  const top = Math.max(u.valToPos(z.to, 'y', true), bbox.top);
                  const bottom = Math.min(u.valToPos(z.from, 'y', true), bbox.top + bbox.height);
                  ctx.globalAlpha = target ? TARGET_ALPHA : zoneAlpha(i, zones.length);
                  ctx.fillStyle = zoneColor;
                  ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
                  if (bottom - top >= 14 * px) {
                    ctx.globalAlpha = 1;
                    ctx.fillStyle = text;
                    ctx.font = `${Math.round(11 * px)}px system-ui, sans-serif`;
                    ctx.textAlign = 'left';
                    ctx.textBaseline = 'top';
                    ctx.fillText(z.label, bbox.left + 4 * px, top + 2 * px);
                  }
                });
                ctx.restore();
              },
            ],
          }
        : undefined,
      bands: bands?.map(([upper, lower]) => ({
        series: [upper, lower] as [number, number],
        fill: cssVar(el, '--chart-band', 'rgba(15,107,92,0.12)'),
      })),
    };
    const chart = new uPlot(opts, data as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(el.clientWidth, 200), height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
    };
  }, [data, series, unit, bands, height, theme, xRange, yRange, zones, zoneTone]);

  const xs = data[0];
  const when = (x: number) => (daily ? dateFmt : dateTimeFmt).format(new Date(x * 1000));
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        {description && <span className="muted"> {description}</span>}
      </figcaption>
      <ul className="chart-legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <span className={`swatch swatch-${s.color ?? i + 1}${s.faint ? ' swatch-faint' : ''}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      {zones && zones.length > 0 && (
        <ul className="chart-legend chart-zones" aria-label={zonesLabel}>
          {zones.map((z, i) => (
            <li key={`${z.label}-${z.from}`}>
              <span
                className="swatch-zone"
                aria-hidden="true"
                style={{
                  background:
                    zoneTone === 'target'
                      ? `color-mix(in srgb, var(--chart-target) ${Math.round(TARGET_ALPHA * 100)}%, transparent)`
                      : `color-mix(in srgb, var(--chart-zone) ${Math.round(zoneAlpha(i, zones.length) * 100)}%, transparent)`,
                }}
              />
              {z.label}
            </li>
          ))}
        </ul>
      )}
      {/* The canvas is a picture of the table below, which carries the same numbers. */}
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <details className="chart-table">
        <summary>Show the numbers</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{daily ? 'Period starting' : 'Time'}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                    {unit ? ` (${unit})` : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {xs.map((x, row) => (
                <tr key={`${x}-${row}`}>
                  <th scope="row">{when(x)}</th>
                  {series.map((s, i) => {
                    const v = data[i + 1]?.[row];
                    return <td key={s.label}>{v == null ? '–' : numberFmt.format(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
