// The cohort preview: how many members are eligible and consent, overall and per requested
// category, as a table whose rows carry a bar each. A count below k has no bar, only the words
// "fewer than k": the server never says how many, and a bar would pretend to.
import { useMemo } from 'react';
import { asProblemError } from '../../api/problem';
import type { Study } from '../../api/types';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMeasurementTypes } from '../measurements/queries';
import { useQuestionnaires } from '../questionnaires/queries';
import { categoryLabel, categoryOptions } from './categories';
import { cohortBars, enoughToExport, kPercent, thinCategories, type CohortBar } from './cohort';
import { useCohort } from './queries';

/** The category namer the study page uses (catalog names, else the key made readable). */
export function useStudyCategoryNamer(): (key: string) => string {
  const questionnaires = useQuestionnaires();
  const types = useMeasurementTypes();
  return useMemo(() => {
    const options = categoryOptions(questionnaires.data?.items ?? [], types.data?.items ?? []);
    return (key: string) => categoryLabel(key, options);
  }, [questionnaires.data, types.data]);
}

function Bar({ bar, k }: { bar: CohortBar; k: number }) {
  if (bar.percent === null) {
    return (
      <span className="cohort-suppressed" title="Not shown: counts below the minimum cohort stay hidden">
        {bar.text}
      </span>
    );
  }
  return (
    <>
      <span className="cohort-count">{bar.text}</span>
      <svg className="cohort-track" width="100%" height="14" aria-hidden="true" focusable="false">
        <rect className="cohort-bar" x="0" y="1" width={`${bar.percent}%`} height="12" rx="2" />
        <line className="cohort-k" x1={`${k}%`} x2={`${k}%`} y1="0" y2="14" />
      </svg>
    </>
  );
}

export function CohortPreview({ study }: { study: Study }) {
  const cohort = useCohort(study.id);
  const nameOf = useStudyCategoryNamer();
  const c = cohort.data;
  const bars = c ? cohortBars(c, nameOf) : [];
  const thin = c ? thinCategories(c) : [];
  return (
    <section aria-labelledby="cohort-heading" className="panel study-section">
      <h2 id="cohort-heading">Cohort preview</h2>
      {cohort.isPending && <Loading label="Counting members" />}
      {cohort.isError && <ProblemAlert error={asProblemError(cohort.error)} focus={false} />}
      {c && (
        <>
          <p className="muted">
            To protect members, counts are rounded down to a multiple of the minimum cohort (k = {c.k}), and a count
            below {c.k} is shown only as “fewer than {c.k}”, with no bar. The thin line marks k.
          </p>
          <div className="table-scroll">
            <table className="cohort-table">
              <caption>Members by group (minimum cohort k = {c.k})</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Members</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b, i) => (
                  <tr key={b.key} className={i === 2 ? 'cohort-first-category' : undefined}>
                    <th scope="row">
                      {i >= 2 && <span className="visually-hidden">Consenting to share: </span>}
                      {b.label}
                    </th>
                    <td className="cohort-cell">
                      <Bar bar={b} k={kPercent(c)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {c.categories.length > 0 && (
            <p className="muted">Rows after the first two count the consenting members who share that category.</p>
          )}
          {study.status === 'approved' && !enoughToExport(c) && (
            <p className="alert alert-info">
              Fewer than {c.k} members consent so far: nothing can be exported until at least {c.k} do.
            </p>
          )}
          {study.status === 'approved' && enoughToExport(c) && thin.length > 0 && (
            <p className="alert alert-info">
              Fewer than {c.k} members share {thin.map(nameOf).join(', ')}: an export now would leave{' '}
              {thin.length === 1 ? 'it' : 'them'} out, and its manifest would say so.
            </p>
          )}
        </>
      )}
    </section>
  );
}
