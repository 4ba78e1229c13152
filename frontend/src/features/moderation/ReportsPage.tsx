import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { QueuedReport } from '../../api/types';
import { Author } from '../communities/Author';
import { Markdown } from '../communities/Markdown';
import { categoryLabel } from '../communities/queries';
import { ReasonAction } from './ReasonForm';
import { mKeys, Status, useRefresh } from './shared';

function ReportItem({ item, onDone }: { item: QueuedReport; onDone: (m: string) => void }) {
  const { report, post, thread } = item;
  const now = post?.body ?? null;
  const resolve = (action: 'dismiss' | 'remove') => async (reason: string) => {
    await unwrap(api.POST('/api/v1/reports/{id}/resolve', { params: { path: { id: report.id } }, body: { action, reason } }));
    onDone(action === 'remove' ? 'The post was removed and its author told why.' : 'The report was dismissed.');
  };
  return (
    <li className={`card card-block report${report.category === 'self_harm' ? ' report-urgent' : ''}`}>
      <h3>
        {categoryLabel(report.category)}
        {report.automatic && <span className="badge">Found automatically</span>}
      </h3>
      <p className="muted">
        Reported {formatDateTime(report.created_at)}
        {thread && (
          <>
            {' '}
            in <Link to={`/threads/${thread.id}${post ? `#post-${post.seq}` : ''}`}>{thread.title}</Link>
          </>
        )}
        {post && (
          <>
            {' '}
            · written by <Author author={post.author} anonymous={post.anonymous} mine={post.mine} />
          </>
        )}
      </p>
      {report.details && (
        <p>
          <strong>Reporter’s words:</strong> {report.details}
        </p>
      )}
      <div className="side-by-side">
        <div>
          <h4>As reported</h4>
          <Markdown source={report.snapshot} />
        </div>
        <div>
          <h4>Now{post && post.status !== 'published' ? ` (${post.status})` : ''}</h4>
          {now != null ? <Markdown source={now} /> : <p className="placeholder">No longer there.</p>}
        </div>
      </div>
      <div className="post-actions">
        {post?.status === 'published' && (
          <ReasonAction label="Remove the post" danger act={resolve('remove')} />
        )}
        <ReasonAction
          label="Dismiss the report"
          hint="Goes into the moderation log; the reporter’s name is never shown."
          act={resolve('dismiss')}
        />
      </div>
    </li>
  );
}

/** Open reports, self-harm concerns first, each with the reported text beside the current one. */
export function ReportsPage() {
  const { slug = '' } = useParams();
  const [message, setMessage] = useState('');
  const refresh = useRefresh();
  usePageTitle('Reports');
  const reports = useQuery({
    queryKey: mKeys.reports(slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/communities/{slug}/reports', { params: { path: { slug }, query: { status: 'open', limit: 50 } } })),
  });
  return (
    <>
      <h1>Reports</h1>
      <Status message={message} />
      {reports.isPending && <Loading label="Loading reports" />}
      {reports.isError && <ProblemAlert error={asProblemError(reports.error)} focus={false} />}
      {reports.data &&
        (reports.data.items.length === 0 ? (
          <p className="muted">No open reports. Thank you for keeping an eye on things.</p>
        ) : (
          <ol className="card-list">
            {reports.data.items.map((r) => (
              <ReportItem
                key={r.report.id}
                item={r}
                onDone={(m) => {
                  setMessage(m);
                  void refresh();
                }}
              />
            ))}
          </ol>
        ))}
    </>
  );
}
