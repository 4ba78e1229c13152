import { Link, useSearchParams } from 'react-router';
import { asProblemError } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { setDisplayUnit, useDisplayUnit } from './displayUnit';
import { HistoryTable } from './HistoryTable';
import { LogForm } from './LogForm';
import { RangeChart } from './RangeChart';
import { unitName } from './model';
import { useMeasurementTypes } from './queries';
import { hasUnitChoice } from './units';
import './measurements.css';

/** Log, chart and list readings of one type at a time (`?type=` picks it). */
export function MeasurementsPage() {
  usePageTitle('Measurements');
  const types = useMeasurementTypes();
  const [params, setParams] = useSearchParams();
  const slug = params.get('type') ?? 'blood_pressure';
  const current = types.data?.items.find((t) => t.slug === slug) ?? types.data?.items[0];
  const shownUnit = useDisplayUnit(current);

  return (
    <>
      <h1>Measurements</h1>
      <p>
        Readings you take at home, such as blood pressure, weight or peak flow. Add one below, or{' '}
        <Link to="/measurements/import">import many from a CSV file</Link>.
      </p>
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
                value={shownUnit}
                onChange={(e) => setDisplayUnit(current.slug, e.target.value)}
              >
                {current.accepted_units.map((u) => (
                  <option key={u} value={u}>
                    {unitName(u)}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
          <LogForm key={`log-${current.slug}`} type={current} />
          <RangeChart key={`chart-${current.slug}`} type={current} />
          <HistoryTable key={`list-${current.slug}`} type={current} />
        </>
      )}
    </>
  );
}
