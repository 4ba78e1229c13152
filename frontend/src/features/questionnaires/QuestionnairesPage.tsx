import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { bandLabel, useDue, useMyResponses, useQuestionnaires } from './queries';
import './questionnaires.css';

export function QuestionnairesPage() {
  usePageTitle('Questionnaires');
  const due = useDue();
  const all = useQuestionnaires();
  const mine = useMyResponses();
  const titles = new Map(all.data?.items.map((q) => [q.slug, q.title]) ?? []);

  return (
    <>
      <h1>Questionnaires</h1>
      <p>
        Short, standard questionnaires (such as PHQ-9 for mood and GAD-7 for anxiety) help you see
        how you are doing over time. Each takes a few minutes; your answers are private to you.
      </p>

      <section aria-labelledby="due-heading" className="panel">
        <h2 id="due-heading">Due now</h2>
        {due.isPending && <Loading label="Loading what is due" />}
        {due.isError && <ProblemAlert error={asProblemError(due.error)} focus={false} />}
        {due.data &&
          (due.data.items.length === 0 ? (
            <p className="muted">
              Nothing is due. Questionnaires for your conditions appear here when it is time to
              answer them again.
            </p>
          ) : (
            <ul className="card-list">
              {due.data.items.map((d) => (
                <li key={d.slug} className="card">
                  <p className="card-title">{d.title}</p>
                  <p className="muted">
                    {d.last_response_at
                      ? `Last answered ${formatDate(d.last_response_at)}.`
                      : 'You have not answered it yet.'}
                  </p>
                  <Link className="button-link" to={`/questionnaires/${d.slug}`}>
                    Start {d.title}
                  </Link>
                </li>
              ))}
            </ul>
          ))}
      </section>

      <section aria-labelledby="all-heading" className="panel">
        <h2 id="all-heading">All questionnaires</h2>
        {all.isPending && <Loading label="Loading questionnaires" />}
        {all.isError && <ProblemAlert error={asProblemError(all.error)} focus={false} />}
        {all.data && (
          <ul className="plain-list">
            {all.data.items.map((q) => (
              <li key={q.slug}>
                <Link to={`/questionnaires/${q.slug}`}>
                  <strong>{q.title}</strong>
                </Link>{' '}
                <span className="muted">· {q.description}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="mine-heading" className="panel">
        <h2 id="mine-heading">Your recent answers</h2>
        {mine.isPending && <Loading label="Loading your answers" />}
        {mine.isError && <ProblemAlert error={asProblemError(mine.error)} focus={false} />}
        {mine.data &&
          (mine.data.items.length === 0 ? (
            <p className="muted">You haven’t answered a questionnaire yet.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Your recent questionnaire results</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Questionnaire</th>
                    <th scope="col">Score</th>
                    <th scope="col">Range</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.data.items.slice(0, 10).map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/questionnaires/responses/${r.id}`}>{formatDate(r.submitted_at)}</Link>
                      </td>
                      <td>
                        <Link to={`/questionnaires/${r.questionnaire}/history`}>
                          {titles.get(r.questionnaire) ?? r.questionnaire}
                        </Link>
                      </td>
                      <td>{r.score ?? '—'}</td>
                      <td>{bandLabel(r.band) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </>
  );
}
