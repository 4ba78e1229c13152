// /report: a summary to print (or save as a PDF) for a clinic visit. The member picks the
// period and the sections; the report below is what prints. A name line is typed for this
// printout only and never stored; the handle is never printed.
import { useId, useMemo, useState } from 'react';
import { asProblemError } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMeasurementTypes } from '../measurements/queries';
import { Downloads } from './Downloads';
import {
  customPeriodProblem,
  daysIn,
  localDay,
  PERIODS,
  presetPeriod,
  type Period,
  type PeriodKey,
} from './model';
import { unitFor, useDisplayUnitsMap } from './queries';
import {
  BloodPressureSection,
  ConditionsSection,
  formatDay,
  formatSpan,
  GlucoseSection,
  QuestionnairesSection,
  WeightSection,
} from './sections';
import './report.css';

export type SectionKey = 'conditions' | 'blood_pressure' | 'weight' | 'glucose' | 'questionnaires';

export const SECTIONS: { key: SectionKey; label: string }[] = [
  { key: 'conditions', label: 'Conditions' },
  { key: 'blood_pressure', label: 'Blood pressure, with averages per 30 days' },
  { key: 'weight', label: 'Weight' },
  { key: 'glucose', label: 'Blood glucose, with time in range' },
  { key: 'questionnaires', label: 'Questionnaire scores' },
];

export function ReportPage() {
  usePageTitle('Report for a clinic visit');
  const today = useMemo(() => localDay(), []);
  const [periodKey, setPeriodKey] = useState<PeriodKey>('3m');
  const [custom, setCustom] = useState(() => presetPeriod('3m', today));
  const [include, setInclude] = useState<Record<SectionKey, boolean>>({
    conditions: true,
    blood_pressure: true,
    weight: true,
    glucose: true,
    questionnaires: true,
  });
  const [name, setName] = useState('');
  const ids = useId();

  const problem = periodKey === 'custom' ? customPeriodProblem(custom.start, custom.end, today) : null;
  const period: Period | null =
    periodKey === 'custom' ? (problem ? null : custom) : presetPeriod(periodKey, today);

  return (
    <div className="report-page">
      <div className="no-print">
        <h1>Report for a clinic visit</h1>
        <p className="lead">
          Choose a period and what to include, then print the report or save it as a PDF to take to your
          appointment.
        </p>
        <form className="panel report-options" aria-labelledby={`${ids}-options`} onSubmit={(e) => e.preventDefault()}>
          <h2 id={`${ids}-options`}>What to print</h2>
          <fieldset className="field">
            <legend>Period</legend>
            {PERIODS.map((p) => (
              <div className="radio-row" key={p.key}>
                <input
                  type="radio"
                  id={`${ids}-period-${p.key}`}
                  name="period"
                  value={p.key}
                  checked={periodKey === p.key}
                  onChange={() => {
                    if (p.key === 'custom' && periodKey !== 'custom') {
                      setCustom(presetPeriod(periodKey, today));
                    }
                    setPeriodKey(p.key);
                  }}
                />
                <label htmlFor={`${ids}-period-${p.key}`}>{p.label}</label>
              </div>
            ))}
            {periodKey === 'custom' && (
              <div className="report-dates">
                <DateField
                  id={`${ids}-from`}
                  label="From"
                  value={custom.start}
                  max={today}
                  error={problem?.field === 'start' ? problem.message : undefined}
                  onChange={(start) => setCustom((c) => ({ ...c, start }))}
                />
                <DateField
                  id={`${ids}-to`}
                  label="To"
                  value={custom.end}
                  error={problem?.field === 'end' ? problem.message : undefined}
                  onChange={(end) => setCustom((c) => ({ ...c, end }))}
                />
              </div>
            )}
          </fieldset>
          <fieldset className="field">
            <legend>Include</legend>
            {SECTIONS.map((s) => (
              <div className="checkbox-row" key={s.key}>
                <input
                  type="checkbox"
                  id={`${ids}-include-${s.key}`}
                  checked={include[s.key]}
                  onChange={(e) => setInclude((v) => ({ ...v, [s.key]: e.target.checked }))}
                />
                <label htmlFor={`${ids}-include-${s.key}`}>{s.label}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${ids}-name`}>Name to print at the top (optional)</label>
            <div id={`${ids}-name-hint`} className="hint">
              For this printout only: Kindred does not save it. Leave it empty to write your name by hand.
            </div>
            <input
              id={`${ids}-name`}
              type="text"
              autoComplete="off"
              aria-describedby={`${ids}-name-hint`}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="button" onClick={() => window.print()} disabled={!period}>
              Print or save as PDF
            </button>
            <p className="hint">
              In the print window, choose a printer or “Save as PDF”. The report fits A4 and US Letter paper.
            </p>
          </div>
        </form>
        <Downloads />
      </div>

      {period ? (
        <Report period={period} include={include} name={name.trim()} today={today} />
      ) : (
        <p className="no-print">Choose the dates of the period to see the report.</p>
      )}
    </div>
  );
}

function DateField({
  id,
  label,
  value,
  max,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  max?: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <input
        id={id}
        type="date"
        className="input-short-date"
        value={value}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** The printed report. */
function Report({
  period,
  include,
  name,
  today,
}: {
  period: Period;
  include: Record<SectionKey, boolean>;
  name: string;
  today: string;
}) {
  const types = useMeasurementTypes();
  const units = useDisplayUnitsMap();
  const type = (slug: string) => types.data?.items.find((t) => t.slug === slug);
  const needsTypes = include.blood_pressure || include.weight || include.glucose;
  const bp = type('blood_pressure');
  const weight = type('body_weight');
  const glucose = type('blood_glucose');
  const ready = !needsTypes || (types.data && units.data);
  const nothing = !Object.values(include).some(Boolean);

  return (
    <article className="report" aria-labelledby="report-title">
      <header className="report-header">
        <h2 id="report-title">Health summary from Kindred</h2>
        <dl className="report-meta">
          <div>
            <dt>Name</dt>
            <dd data-testid="report-name">
              {name || (
                <>
                  <span className="report-blank" aria-hidden="true" />
                  <span className="visually-hidden">not given</span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd data-testid="report-period">
              {formatSpan(period.start, period.end)} ({daysIn(period)} days)
            </dd>
          </div>
          <div>
            <dt>Printed</dt>
            <dd>{formatDay(today)}</dd>
          </div>
        </dl>
        <p className="report-note">
          <strong>Self-reported.</strong> The member entered these data in Kindred themselves, by hand or from
          their own devices. They were not measured or checked by a clinician.
        </p>
      </header>

      {nothing && <p>Tick at least one section to include.</p>}
      {include.conditions && <ConditionsSection />}
      {needsTypes && !ready && (
        <>
          {types.isError && <ProblemAlert error={asProblemError(types.error)} focus={false} />}
          {units.isError && <ProblemAlert error={asProblemError(units.error)} focus={false} />}
          {!types.isError && !units.isError && <Loading label="Loading your measurements" />}
        </>
      )}
      {ready && include.blood_pressure && bp && (
        <BloodPressureSection period={period} type={bp} unit={unitFor(bp, units.data)} />
      )}
      {ready && include.weight && weight && <WeightSection period={period} type={weight} unit={unitFor(weight, units.data)} />}
      {ready && include.glucose && glucose && (
        <GlucoseSection period={period} type={glucose} unit={unitFor(glucose, units.data)} />
      )}
      {include.questionnaires && <QuestionnairesSection period={period} />}
      <footer className="report-footer">
        Made with Kindred, where the member tracks their own health. Kindred is not a medical service.
      </footer>
    </article>
  );
}
