import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import type { QuestionnaireDetail } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CrisisResources } from './CrisisResources';
import { storedAnswer } from './flow';
import { bandLabel } from './queries';
import { hasCrisisFlag } from './scoring';
import './questionnaires.css';

/** One of my past responses: the result and every answer, worded as the version asked it. */
export function ResponsePage() {
  const { id = '' } = useParams();
  usePageTitle('Your answers');
  const response = useQuery({
    queryKey: ['me', 'responses', id],
    queryFn: () => unwrap(api.GET('/api/v1/me/responses/{id}', { params: { path: { id } } })),
  });
  const r = response.data;
  const version = useQuery({
    queryKey: ['questionnaires', r?.questionnaire, 'version', r?.version],
    enabled: !!r,
    queryFn: (): Promise<QuestionnaireDetail> =>
      unwrap(
        api.GET('/api/v1/questionnaires/{slug}', {
          params: { path: { slug: r!.questionnaire }, query: { version: r!.version } },
        }),
      ),
    staleTime: Infinity,
  });

  if (response.isPending) return <Loading label="Loading your answers" />;
  if (response.isError) {
    return (
      <>
        <h1>Your answers</h1>
        <ProblemAlert error={asProblemError(response.error)} focus={false} />
        <Link to="/questionnaires">Back to questionnaires</Link>
      </>
    );
  }
  const q = version.data;
  const title = q?.title ?? r!.questionnaire;
  return (
    <>
      <h1>
        {title}, {formatDateTime(r!.submitted_at)}
      </h1>
      {/* These answers raised the crisis flag: the help shown after sending is here too. */}
      {(r!.show_crisis_resources || hasCrisisFlag(r!.flags)) && <CrisisResources announce={false} />}
      <p>
        Score <strong>{r!.score ?? '—'}</strong>
        {r!.band && <> · {bandLabel(r!.band)} range</>}
      </p>
      {version.isPending && <Loading label="Loading the questions" />}
      {q && (
        <dl className="review-list card card-block">
          {q.version.definition.items
            .filter((item) => r!.answers.some((a) => a.key === item.key))
            .map((item) => (
              <div key={item.key}>
                <dt>{item.text}</dt>
                <dd>{storedAnswer(item, r!.answers.find((a) => a.key === item.key))}</dd>
              </div>
            ))}
        </dl>
      )}
      <p>
        <Link to={`/questionnaires/${r!.questionnaire}/history`}>All your {title} scores</Link>
        {' · '}
        <Link to="/questionnaires">Back to questionnaires</Link>
      </p>
    </>
  );
}
