import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import type { Target } from '../../api/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useDisplayUnits } from './displayUnit';
import { useMeasurementTypes } from './queries';
import { describeTarget, targetUnit, useTargets } from './targets';

/** "time in range, last 30 days: 75% (3 of 4 readings)". */
export function timeInRange(t: Pick<Target, 'recent'>): string {
  const r = t.recent;
  if (r.percent == null || r.readings === 0) return `no readings in the last ${r.days} days`;
  return `time in range, last ${r.days} days: ${r.percent}% (${r.in_range} of ${r.readings} ${r.readings === 1 ? 'reading' : 'readings'})`;
}

/** The dashboard's targets: each target range and how much of the last 30 days was in it. */
export function TargetsPanel() {
  const targets = useTargets();
  const types = useMeasurementTypes();
  const unitOf = useDisplayUnits();
  if (targets.isSuccess && targets.data.items.length === 0) return null;
  return (
    <section aria-labelledby="targets-heading" className="panel">
      <h2 id="targets-heading">Your targets</h2>
      {targets.isPending && <Loading label="Loading your targets" />}
      {targets.isError && <ProblemAlert error={asProblemError(targets.error)} focus={false} />}
      {targets.data && types.data && (
        <ul className="plain-list">
          {targets.data.items.map((t) => {
            const type = types.data.items.find((x) => x.slug === t.type);
            if (!type) return null;
            return (
              <li key={t.type}>
                <Link to={`/measurements?type=${t.type}`}>{type.name}</Link>:{' '}
                {describeTarget(t, type, targetUnit(type, unitOf(type)))}
                <br />
                <span className="muted">{timeInRange(t)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
