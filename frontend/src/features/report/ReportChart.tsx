// A small SVG line chart for the printed report. SVG rather than the app's canvas chart:
// it is vector, scales to any paper width without redrawing, and prints in black and white —
// series differ by line style and marker shape, not only by colour.

export interface ChartPoint {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

export interface ReportSeries {
  label: string;
  points: ChartPoint[];
  /** Solid or dashed line; `none` draws the markers only. */
  line: 'solid' | 'dashed' | 'none';
  marker: 'circle' | 'square';
}

/** A horizontal band (a target range, or a questionnaire's severity band). */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

const W = 640;
const H = 210;
const M = { left: 46, right: 12, top: 10, bottom: 26 };

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDateYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => (hi - lo) / s <= count) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** The y range: the given one, else the data (and target band) with a little room. */
export function yExtent(series: readonly ReportSeries[], target?: ChartBand, fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  const vs = series.flatMap((s) => s.points.map((p) => p.v));
  if (target) vs.push(target.from, target.to);
  if (vs.length === 0) return [0, 1];
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

export function ReportChart({
  label,
  series,
  xDomain,
  yDomain,
  target,
  bands,
  unit,
}: {
  /** The chart in words (its accessible name): what it shows and the main figures. */
  label: string;
  series: ReportSeries[];
  /** Epoch ms: the report's period. */
  xDomain: [number, number];
  yDomain?: [number, number];
  /** A shaded target range with dashed edges. */
  target?: ChartBand;
  /** Severity bands, lowest first, shaded in alternating greys with their names. */
  bands?: ChartBand[];
  unit?: string;
}) {
  const [x0, x1] = xDomain[1] > xDomain[0] ? xDomain : [xDomain[0], xDomain[0] + 86_400_000];
  const [y0, y1] = yExtent(series, target, yDomain);
  const px = (t: number) => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const clampY = (v: number) => Math.min(Math.max(v, y0), y1);
  const yTicks = niceTicks(y0, y1, 5).filter((v) => v >= y0 && v <= y1);
  const spanDays = (x1 - x0) / 86_400_000;
  const xFmt = spanDays > 300 ? shortDateYear : shortDate;
  const xTicks = [0, 1 / 3, 2 / 3, 1].map((f) => x0 + f * (x1 - x0));
  const many = series.reduce((n, s) => n + s.points.length, 0) > 120;

  return (
    <figure className="report-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {bands?.map((b, i) => {
          const top = py(clampY(b.to));
          const bottom = py(clampY(b.from));
          return (
            <g key={`${b.label}-${b.from}`} className={`chart-zone chart-zone-${i % 2}`}>
              <rect x={M.left} y={top} width={W - M.left - M.right} height={Math.max(bottom - top, 0)} />
              {bottom - top >= 12 && (
                <text x={W - M.right - 4} y={top + 11} textAnchor="end" className="chart-zone-label">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
        {target && (
          <g className="chart-target">
            <rect
              x={M.left}
              y={py(clampY(target.to))}
              width={W - M.left - M.right}
              height={Math.max(py(clampY(target.from)) - py(clampY(target.to)), 0)}
            />
            <line x1={M.left} x2={W - M.right} y1={py(clampY(target.to))} y2={py(clampY(target.to))} />
            <line x1={M.left} x2={W - M.right} y1={py(clampY(target.from))} y2={py(clampY(target.from))} />
          </g>
        )}
        <g className="chart-axis">
          {yTicks.map((v) => (
            <g key={v}>
              <line className="chart-grid" x1={M.left} x2={W - M.right} y1={py(v)} y2={py(v)} />
              <text x={M.left - 6} y={py(v) + 4} textAnchor="end">
                {num.format(v)}
              </text>
            </g>
          ))}
          {unit && (
            <text x={4} y={M.top + 2} className="chart-unit" dominantBaseline="hanging">
              {unit}
            </text>
          )}
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
          {xTicks.map((t, i) => (
            <text
              key={t}
              x={px(t)}
              y={H - 8}
              textAnchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}
            >
              {xFmt.format(new Date(t))}
            </text>
          ))}
        </g>
        {series.map((s, si) => {
          const pts = [...s.points].sort((a, b) => a.t - b.t);
          const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p.t).toFixed(1)},${py(p.v).toFixed(1)}`).join('');
          const r = many ? 2 : 3.2;
          return (
            <g key={s.label} className={`chart-series chart-series-${si + 1}`}>
              {s.line !== 'none' && pts.length > 1 && (
                <path d={d} fill="none" strokeDasharray={s.line === 'dashed' ? '6 4' : undefined} />
              )}
              {pts.map((p) =>
                s.marker === 'circle' ? (
                  <circle key={`${p.t}-${p.v}`} cx={px(p.t)} cy={py(p.v)} r={r} />
                ) : (
                  <rect key={`${p.t}-${p.v}`} x={px(p.t) - r} y={py(p.v) - r} width={r * 2} height={r * 2} />
                ),
              )}
            </g>
          );
        })}
      </svg>
      {(series.length > 1 || target) && (
        <figcaption>
          <ul className="report-legend">
            {series.map((s, si) => (
              <li key={s.label}>
                <svg viewBox="0 0 28 10" width="28" height="10" aria-hidden="true" className={`chart-series chart-series-${si + 1}`}>
                  {s.line !== 'none' && <path d="M1,5L27,5" fill="none" strokeDasharray={s.line === 'dashed' ? '6 4' : undefined} />}
                  {s.marker === 'circle' ? <circle cx="14" cy="5" r="3.2" /> : <rect x="10.8" y="1.8" width="6.4" height="6.4" />}
                </svg>
                {s.label}
              </li>
            ))}
            {target && (
              <li>
                <svg viewBox="0 0 28 10" width="28" height="10" aria-hidden="true" className="chart-target">
                  <rect x="1" y="1" width="26" height="8" />
                </svg>
                {target.label}
              </li>
            )}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
