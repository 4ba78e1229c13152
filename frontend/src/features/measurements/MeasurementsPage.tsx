import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap, type ProblemError } from '../../api/problem';
import { saveBlob, today } from '../../app/download';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDisplayUnit, useSetDisplayUnit } from './displayUnit';
import { HistoryTable } from './HistoryTable';
import { LogForm } from './LogForm';
import { RangeChart } from './RangeChart';
import { TargetSection } from './TargetSection';
import { unitName } from './model';
import { useMeasurementTypes } from './queries';
import { useTargets } from './targets';
import { hasUnitChoice } from './units';
import './measurements.css';

/** Log, chart and list readings of one type at a time (`?type=` picks it). */
export function MeasurementsPage() {
  usePageTitle('Measurements');
  const types = useMeasurementTypes();
  const targets = useTargets();
  const [params, setParams] = useSearchParams();
  const slug = params.get('type') ?? 'blood_pressure';
  const current = types.data?.items.find((t) => t.slug === slug) ?? types.data?.items[0];
  const shownUnit = useDisplayUnit(current);
  const setUnit = useSetDisplayUnit();
  const target = current ? targets.data?.items.find((t) => t.type === current.slug) : undefined;

  return (
    <>
      <h1>Measurements</h1>
      <p>
        Readings you take at home, such as blood pressure, weight or peak flow. Add one below, or{' '}
        <Link to="/measurements/import">import many from a CSV file</Link>.
      </p>
      <CsvDownload />
      {types.isPending && <Loading label="Loading measurement types" />}
      {types.isError && <ProblemAlert error={asProblemError(types.error)} focus={false} />}
      {types.data && current && (
        <>
          <div className="type-choice">
            <SelectField
              label="Measurement"
              value={current.slug}
              onChange={(e) => setParams({ type: e.target.value }, { replace: true })}
            >
              {types.data.items.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            {hasUnitChoice(current) && (
              <SelectField
                label="Show readings in"
                hint="On every device you sign in on."
                value={shownUnit}
                onChange={(e) => setUnit.mutate({ slug: current.slug, unit: e.target.value })}
              >
                {current.accepted_units.map((u) => (
                  <option key={u} value={u}>
                    {unitName(u)}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
          {setUnit.isError && <ProblemAlert error={asProblemError(setUnit.error)} focus={false} />}
          <LogForm key={`log-${current.slug}`} type={current} />
          <RangeChart key={`chart-${current.slug}`} type={current} target={target} />
          {targets.isSuccess && (
            <TargetSection key={`target-${current.slug}`} type={current} target={target} shownUnit={shownUnit ?? current.unit} />
          )}
          <HistoryTable key={`list-${current.slug}`} type={current} />
        </>
      )}
    </>
  );
}

/** Every reading as a CSV file (in the member's units) for a spreadsheet. */
function CsvDownload() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [message, setMessage] = useState('');
  const download = async () => {
    setBusy(true);
    setProblem(null);
    setMessage('');
    try {
      const blob = await unwrap(
        api.GET('/api/v1/me/measurements/export.csv', { parseAs: 'blob', headers: { Accept: 'text/csv' } }),
      );
      saveBlob(new Blob([blob], { type: 'text/csv' }), `kindred-measurements-${today()}.csv`);
      setMessage('Your download has started.');
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="csv-download">
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void download()}>
        {busy ? 'Preparing your file…' : 'Download as CSV (for spreadsheets)'}
      </button>
      <span role="status" className="status-text">
        {message}
      </span>
      <ProblemAlert error={problem} />
    </div>
  );
}
