import { Link } from 'react-router';

/** The dashboard's questionnaires panel: what is due, and the latest scores. */
export function QuestionnairesPanel() {
  return (
    <section aria-labelledby="questionnaires-heading" className="panel">
      <h2 id="questionnaires-heading">Questionnaires</h2>
      <p className="muted">Questionnaires that are due, and how your scores change, will show here.</p>
      <Link to="/questionnaires">See questionnaires</Link>
    </section>
  );
}
