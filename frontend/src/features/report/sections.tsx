// The sections of the report: conditions, blood pressure, weight, glucose, questionnaires.
// Each reads its own data for the period and says plainly when there is nothing to show.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import type { MeasurementType, ScorePoint } from '../../api/types';
import { formatDate } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { unitName } from '../measurements/model';
import { convertUnit, shownValue } from '../measurements/units';
import { bandLabel } from '../questionnaires/queries';
import {
  blockAverages,
  countInRange,
  DEFAULT_GLUCOSE_RANGE,
  dayStart,
  addDays,
  selfHarmItemKey,
  signedChange,
  thirtyDayBlocks,
  weightedAverage,
  type Bounds,
  type Day,
  type Period,
} from './model';
import { ReportChart, type ChartBand, type ChartPoint } from './ReportChart';
import {
  MAX_READINGS,
  useConditions,
  useDailySummary,
  useItem9Answers,
  useQuestionnaireScores,
  useReadings,
  useTargets,
} from './queries';

const dayFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A calendar day for people ("1 Nov 2026"). */
export function formatDay(day: Day): string {
  const [y, m, d] = day.split('-').map(Number);
  return dayFmt.format(new Date(y!, (m ?? 1) - 1, d ?? 1));
}

/** "1 Nov 2026 to 30 Nov 2026". */
export function formatSpan(start: Day, end: Day): string {
  return start === end ? formatDay(start) : `${formatDay(start)} to ${formatDay(end)}`;
}

/** A value rounded to at most `decimals` places, without trailing zeros ("80.2", "80"). */
function fmt(v: number, decimals: number): string {
  return v.toLocaleString(undefined, { maximumFractionDigits: decimals });
}

/** Decimals shown for a type in a unit (mmol/L and lb get one; otherwise the type's own). */
function decimalsFor(type: MeasurementType, unit: string): number {
  return unit === type.unit ? type.decimals : unit === 'mmol/L' || unit === '[lb_av]' ? 1 : type.decimals;
}

/** The period's x axis in epoch ms (local midnights). */
function xDomain(p: Period): [number, number] {
  return [Date.parse(dayStart(p.start)), Date.parse(dayStart(addDays(p.end, 1)))];
}

/** A UTC summary day drawn at its middle. */
const bucketTime = (day: string) => Date.parse(`${day}T12:00:00Z`);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Pending({ q, label }: { q: { isPending: boolean; isError: boolean; error: unknown }; label: string }) {
  if (q.isError) return <ProblemAlert error={asProblemError(q.error)} focus={false} />;
  if (q.isPending) return <Loading label={label} />;
  return null;
}

export function ConditionsSection() {
  const q = useConditions(true);
  return (
    <Section id="report-conditions" title="Conditions">
      {!q.data ? (
        <Pending q={q} label="Loading your conditions" />
      ) : q.data.items.length === 0 ? (
        <p>No conditions added in Kindred.</p>
      ) : (
        <ul className="report-list">
          {q.data.items.map((c) => (
            <li key={c.id}>
              <strong>{c.condition.name}</strong> (ICD-10 {c.condition.icd10})
              {' — '}
              {c.status === 'active' ? 'active' : c.status === 'in_remission' ? 'in remission' : 'resolved'}
              {c.diagnosis_year ? `, diagnosed in ${c.diagnosis_year}` : ''}
              {c.primary ? ', main condition' : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function BloodPressureSection({ period, type, unit }: { period: Period; type: MeasurementType; unit: string }) {
  const q = useDailySummary(type.slug, period, true);
  const u = unitName(unit);
  const show = (v: number) => fmt(shownValue(v, type.unit, unit, { decimals: 0 }), 0);
  const pair = (means: number[]) => `${show(means[0]!)}/${show(means[1]!)}`;
  const names = type.components.map((c) => c.name);
  let body: ReactNode;
  if (!q.data) {
    body = <Pending q={q} label="Loading your blood pressure" />;
  } else if (q.data.items.length === 0) {
    body = <p>No blood pressure readings in this period.</p>;
  } else {
    const items = q.data.items;
    const overall = weightedAverage(items);
    const blocks = blockAverages(items, thirtyDayBlocks(period));
    const series = names.map((label, i) => ({
      label: `${label}, average of the day`,
      line: i === 0 ? ('solid' as const) : ('dashed' as const),
      marker: i === 0 ? ('circle' as const) : ('square' as const),
      points: items.map((it): ChartPoint => ({ t: bucketTime(it.bucket_start), v: shownValue(it.mean[i]!, type.unit, unit) })),
    }));
    body = (
      <>
        <p>
          {overall.count} {overall.count === 1 ? 'reading' : 'readings'} on {overall.days}{' '}
          {overall.days === 1 ? 'day' : 'days'}. Average over the period:{' '}
          <strong data-testid="bp-average">
            {pair(overall.means!)} {u}
          </strong>{' '}
          ({names.join('/').toLowerCase()}).
        </p>
        <div className="table-scroll">
          <table className="report-table">
            <caption>Averages per 30 days (each reading counts once, however many were taken that day)</caption>
            <thead>
              <tr>
                <th scope="col">30 days</th>
                <th scope="col">Readings</th>
                {names.map((n) => (
                  <th scope="col" key={n}>
                    Average {n.toLowerCase()} ({u})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {blocks.map((b) => (
                <tr key={b.block.start}>
                  <th scope="row">
                    {formatSpan(b.block.start, b.block.end)}
                    {b.block.days < 30 ? ` (${b.block.days} ${b.block.days === 1 ? 'day' : 'days'})` : ''}
                  </th>
                  <td>{b.count}</td>
                  {names.map((n, i) => (
                    <td key={n}>{b.means ? show(b.means[i]!) : '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ReportChart
          label={`Blood pressure, the average of each day with readings, ${formatSpan(period.start, period.end)}. Average over the period ${pair(overall.means!)} ${u}.`}
          series={series}
          xDomain={xDomain(period)}
          unit={u}
        />
      </>
    );
  }
  return (
    <Section id="report-bp" title="Blood pressure">
      {body}
    </Section>
  );
}

export function WeightSection({ period, type, unit }: { period: Period; type: MeasurementType; unit: string }) {
  const q = useReadings(type.slug, period, true);
  const u = unitName(unit);
  const dec = decimalsFor(type, unit);
  // Rounded as shown, so the change is the difference of the two figures printed beside it.
  const inUnit = (v: number) => shownValue(v, type.unit, unit, type);
  let body: ReactNode;
  if (!q.data) {
    body = <Pending q={q} label="Loading your weight" />;
  } else {
    const readings = q.data.items.filter((m) => m.value != null);
    if (readings.length === 0) {
      body = <p>No weight readings in this period.</p>;
    } else {
      const latest = readings[0]!;
      const first = readings[readings.length - 1]!;
      const latestV = inUnit(latest.value!);
      const firstV = inUnit(first.value!);
      body = (
        <>
          <dl className="report-figures">
            <div>
              <dt>Latest</dt>
              <dd data-testid="weight-latest">
                <strong>
                  {fmt(latestV, dec)} {u}
                </strong>{' '}
                on {formatDate(latest.taken_at)}
              </dd>
            </div>
            <div>
              <dt>Change over the period</dt>
              <dd data-testid="weight-change">
                {readings.length < 2 ? (
                  'only one reading in this period'
                ) : (
                  <>
                    {signedChange(latestV - firstV, dec)}
                    {Math.round(Math.abs(latestV - firstV) * 10 ** dec) === 0 ? '' : ` ${u}`} (from {fmt(firstV, dec)} {u} on{' '}
                    {formatDate(first.taken_at)})
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Readings</dt>
              <dd>
                {readings.length}
                {q.data.more ? ` (the latest ${MAX_READINGS} only)` : ''}
              </dd>
            </div>
          </dl>
          <ReportChart
            label={`Weight readings, ${formatSpan(period.start, period.end)}: latest ${fmt(latestV, dec)} ${u}.`}
            series={[
              {
                label: 'Weight',
                line: 'solid',
                marker: 'circle',
                points: readings.map((m) => ({ t: Date.parse(m.taken_at), v: inUnit(m.value!) })),
              },
            ]}
            xDomain={xDomain(period)}
            unit={u}
          />
        </>
      );
    }
  }
  return (
    <Section id="report-weight" title="Weight">
      {body}
    </Section>
  );
}

/** "70–180", "at least 70", "at most 180". */
function boundsText(b: Bounds, show: (v: number) => string, u: string): string {
  if (b.low != null && b.high != null) return `${show(b.low)}–${show(b.high)} ${u}`;
  if (b.low != null) return `at least ${show(b.low)} ${u}`;
  return `at most ${show(b.high!)} ${u}`;
}

export function GlucoseSection({ period, type, unit }: { period: Period; type: MeasurementType; unit: string }) {
  const readingsQ = useReadings(type.slug, period, true);
  const targetsQ = useTargets(true);
  const u = unitName(unit);
  const dec = decimalsFor(type, unit);
  const inUnit = (v: number) => convertUnit(v, type.unit, unit) ?? v;
  const show = (v: number) => fmt(inUnit(v), dec);
  let body: ReactNode;
  if (!readingsQ.data || !targetsQ.data) {
    body = (
      <>
        <Pending q={readingsQ} label="Loading your glucose readings" />
        {readingsQ.data && <Pending q={targetsQ} label="Loading your target" />}
      </>
    );
  } else {
    const own = targetsQ.data.items.find((t) => t.type === type.slug)?.ranges.value;
    const mine: Bounds | null = own && (own.low != null || own.high != null) ? { low: own.low ?? null, high: own.high ?? null } : null;
    const range = mine ?? DEFAULT_GLUCOSE_RANGE;
    const values = readingsQ.data.items.filter((m) => m.value != null).map((m) => m.value!);
    const r = countInRange(values, range);
    const mean = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
    body = (
      <>
        <p data-testid="glucose-range">
          Range used: <strong>{boundsText(range, show, u)}</strong>
          {mine
            ? ', the member’s own target set in Kindred.'
            : ', a general range (the member has not set a target of their own in Kindred).'}
        </p>
        {values.length === 0 ? (
          <p>No glucose readings in this period.</p>
        ) : (
          <>
            <dl className="report-figures">
              <div>
                <dt>In range</dt>
                <dd data-testid="glucose-in-range">
                  <strong>{r.percent}%</strong> of readings ({r.within} of {r.total})
                </dd>
              </div>
              <div>
                <dt>Below</dt>
                <dd>{r.below}</dd>
              </div>
              <div>
                <dt>Above</dt>
                <dd>{r.above}</dd>
              </div>
              <div>
                <dt>Average</dt>
                <dd>
                  {show(mean!)} {u}
                </dd>
              </div>
            </dl>
            <p className="report-small">
              Time in range here is the share of the readings entered that fall in the range
              {readingsQ.data.more ? ` (the latest ${MAX_READINGS} readings)` : ''}.
            </p>
            <ReportChart
              label={`Glucose readings, ${formatSpan(period.start, period.end)}: ${r.percent}% in the range ${boundsText(range, show, u)}.`}
              series={[
                {
                  label: 'Glucose reading',
                  line: 'none',
                  marker: 'circle',
                  points: readingsQ.data.items
                    .filter((m) => m.value != null)
                    .map((m) => ({ t: Date.parse(m.taken_at), v: inUnit(m.value!) })),
                },
              ]}
              target={{
                from: inUnit(range.low ?? Math.min(...values, range.high ?? 0)),
                to: inUnit(range.high ?? Math.max(...values, range.low ?? 0)),
                label: `Range used (${boundsText(range, show, u)})`,
              }}
              xDomain={xDomain(period)}
              unit={u}
            />
          </>
        )}
      </>
    );
  }
  return (
    <Section id="report-glucose" title="Blood glucose">
      {body}
    </Section>
  );
}

const bandsText = (bands: { min: number; max: number; label: string }[]) =>
  bands.map((b) => `${b.min}–${b.max} ${b.label}`).join(', ');

function ScoreTable({ title, points }: { title: string; points: ScorePoint[] }) {
  return (
    <div className="table-scroll">
      <table className="report-table">
        <caption className="visually-hidden">{title} scores</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Score</th>
            <th scope="col">Band</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.submitted_at}>
              <th scope="row">{formatDate(p.submitted_at)}</th>
              <td>{p.score ?? '–'}</td>
              <td>{bandLabel(p.band) ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QuestionnairesSection({ period }: { period: Period }) {
  const q = useQuestionnaireScores(period, true);
  const phq9 = q.data?.shown.some((s) => s.summary.slug === 'phq-9') ?? false;
  let body: ReactNode;
  if (!q.data) {
    body = <Pending q={q} label="Loading your questionnaire scores" />;
  } else if (q.data.shown.length === 0) {
    body = <p>No questionnaires answered in this period.</p>;
  } else {
    body = q.data.shown.map(({ summary, points, detail }) => {
      const bands = detail.version.definition.bands ?? [];
      const scored = points.filter((p) => p.score != null);
      const latest = points[points.length - 1]!;
      const lo = bands.length ? Math.min(...bands.map((b) => b.min)) : undefined;
      const hi = bands.length ? Math.max(...bands.map((b) => b.max)) : undefined;
      return (
        <div key={summary.slug} className="report-sub">
          <h4>{summary.title}</h4>
          <p>
            Latest score <strong>{latest.score ?? '–'}</strong>
            {latest.band ? ` (${bandLabel(latest.band)})` : ''} on {formatDate(latest.submitted_at)}; {points.length}{' '}
            {points.length === 1 ? 'response' : 'responses'} in the period.
          </p>
          {bands.length > 0 && <p className="report-small">Score bands: {bandsText(bands)}.</p>}
          <ScoreTable title={summary.title} points={points} />
          {scored.length > 1 && (
            <ReportChart
              label={`${summary.title} scores, ${formatSpan(period.start, period.end)}: latest ${latest.score ?? 'none'}.`}
              series={[
                {
                  label: 'Score',
                  line: 'solid',
                  marker: 'circle',
                  points: scored.map((p) => ({ t: Date.parse(p.submitted_at), v: p.score! })),
                },
              ]}
              bands={bands.map((b): ChartBand => ({ from: b.min, to: b.max, label: bandLabel(b.label) ?? b.label }))}
              yDomain={lo !== undefined && hi !== undefined ? [lo, hi] : undefined}
              xDomain={xDomain(period)}
            />
          )}
          {summary.slug === 'phq-9' && <Item9 period={period} />}
        </div>
      );
    });
  }
  return (
    <Section id="report-questionnaires" title={phq9 ? 'Questionnaires (including PHQ-9 question 9)' : 'Questionnaires'}>
      {body}
    </Section>
  );
}

/** The latest answers to PHQ-9 question 9, each marked when it is not "Not at all". */
function Item9({ period }: { period: Period }) {
  const q = useItem9Answers(period, true, selfHarmItemKey);
  if (!q.data) return <Pending q={q} label="Loading your PHQ-9 answers" />;
  const answers = q.data;
  if (answers.length === 0) return null;
  const anyRaised = answers.some((a) => (a.value ?? 0) > 0);
  const question = answers.find((a) => a.question)?.question;
  return (
    <div className="report-item9" data-testid="phq9-item9">
      <h4>PHQ-9 question 9: thoughts of self-harm</h4>
      {question && <p className="report-small">“{question}”</p>}
      {anyRaised && (
        <p className="report-flag-note">
          <span className="report-flag">
            <span aria-hidden="true">⚠ </span>Not zero
          </span>{' '}
          At least one answer in this period was not “Not at all”.
        </p>
      )}
      <div className="table-scroll">
        <table className="report-table">
          <caption>The latest {answers.length === 1 ? 'answer' : `${answers.length} answers`} in the period</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Answer</th>
              <th scope="col">Mark</th>
            </tr>
          </thead>
          <tbody>
            {answers.map((a) => (
              <tr key={a.response.id}>
                <th scope="row">{formatDate(a.response.submitted_at)}</th>
                <td>{a.answer ?? 'not answered'}</td>
                <td>
                  {(a.value ?? 0) > 0 ? (
                    <span className="report-flag">
                      <span aria-hidden="true">⚠ </span>Not zero
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anyRaised && (
        <p className="no-print report-help">
          If you are having these thoughts now, please <Link to="/help">get help now</Link>: the crisis numbers are
          free and open at any time.
        </p>
      )}
    </div>
  );
}
