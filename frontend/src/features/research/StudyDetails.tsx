// A study as its researchers and the reviewing admins read it (shared by both areas).
import { useMemo } from 'react';
import type { Study } from '../../api/types';
import { formatDate, formatDateTime } from '../../app/format';
import { useMeasurementTypes } from '../measurements/queries';
import { useQuestionnaires } from '../questionnaires/queries';
import { categoryLabel, categoryOptions } from './categories';
import { DATE_MODE, STUDY_STATUS } from './queries';

export function StatusBadge({ study }: { study: Pick<Study, 'status'> }) {
  return <span className={`badge study-status study-${study.status}`}>{STUDY_STATUS[study.status]}</span>;
}

/** The reviewer's word: the reason a study was sent back, or the note that came with approval. */
export function ReviewOutcome({ study }: { study: Study }) {
  if (study.status === 'rejected') {
    return (
      <div className="alert alert-error" role="note" aria-label="The reviewer asked for changes">
        <p className="alert-title">The reviewer asked for changes</p>
        <p>{study.review_reason ?? 'No reason was given.'}</p>
        <p className="muted">Change the study and submit it again.</p>
      </div>
    );
  }
  if (study.status === 'approved' || study.status === 'closed') {
    return (
      <div className="alert alert-success" role="note" aria-label="Approved">
        <p className="alert-title">
          Approved{study.reviewed_at && ` on ${formatDate(study.reviewed_at)}`}
        </p>
        {study.date_mode && <p>Exports give dates as: {DATE_MODE[study.date_mode]}.</p>}
        {study.review_reason && (
          <p>
            <strong>The reviewer’s note:</strong> {study.review_reason}
          </p>
        )}
      </div>
    );
  }
  if (study.status === 'submitted') {
    return (
      <p className="alert alert-info">
        Sent for review{study.submitted_at && ` on ${formatDateTime(study.submitted_at)}`}. It cannot be changed while
        an administrator reviews it.
      </p>
    );
  }
  return null;
}

export function StudyDetails({ study }: { study: Study }) {
  const questionnaires = useQuestionnaires();
  const types = useMeasurementTypes();
  const options = useMemo(
    () => categoryOptions(questionnaires.data?.items ?? [], types.data?.items ?? []),
    [questionnaires.data, types.data],
  );
  return (
    <>
      <section aria-labelledby="about-heading" className="panel study-section">
        <h2 id="about-heading">About the study</h2>
        <dl className="study-facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge study={study} />
          </dd>
          <dt>Summary for members</dt>
          <dd className="prose">{study.lay_summary}</dd>
          <dt>Scientific purpose</dt>
          <dd className="prose">{study.purpose}</dd>
          <dt>Ethics reference</dt>
          <dd>{study.ethics_reference}</dd>
          <dt>Data window</dt>
          <dd>
            {formatDate(study.data_from)} to {formatDate(study.data_to)}
          </dd>
          <dt>Ends on</dt>
          <dd>{formatDate(study.ends_on)}</dd>
          <dt>Minimum cohort</dt>
          <dd>{study.min_cohort} members</dd>
          <dt>Who may take part</dt>
          <dd>
            {study.eligibility.length === 0 ? (
              'Nobody chosen yet'
            ) : (
              <ul className="plain-list">
                {study.eligibility.map((e) => (
                  <li key={`${e.kind}:${e.slug}`}>
                    {e.name} <span className="muted">({e.kind})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Researchers</dt>
          <dd>
            <ul className="plain-list">
              {study.members.map((m) => (
                <li key={m.user_id}>
                  {m.handle}
                  {m.owner && <span className="muted"> (owner)</span>}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="categories-heading" className="panel study-section">
        <h2 id="categories-heading">Data requested</h2>
        <ul className="plain-list category-list">
          {study.categories.map((c) => (
            <li key={c.category}>
              <strong>{categoryLabel(c.category, options)}</strong>: {c.reason}
            </li>
          ))}
        </ul>
      </section>
      {study.consent_text && (
        <section aria-labelledby="consent-heading" className="panel study-section">
          <h2 id="consent-heading">Consent text</h2>
          <p className="muted">
            Fixed on approval: members consent to exactly this text (SHA-256 <code>{study.consent_sha256}</code>).
          </p>
          <div className="consent-text" tabIndex={0} role="region" aria-label="Full consent text">
            {study.consent_text}
          </div>
        </section>
      )}
    </>
  );
}
