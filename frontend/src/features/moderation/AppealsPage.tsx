import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { AppealQueueItem } from '../../api/types';
import { ACTION_NAMES } from '../communities/queries';
import { ReasonAction } from './ReasonForm';
import { mKeys, Status, target, useRefresh } from './shared';

function AppealItem({ item, onDone }: { item: AppealQueueItem; onDone: (m: string) => void }) {
  const { appeal, action } = item;
  const [outcome, setOutcome] = useState<'uphold' | 'reverse'>('reverse');
  const id = useId();
  return (
    <li className="card card-block">
      <h2>{ACTION_NAMES[action.action]}</h2>
      <p className="muted">
        Decided {formatDateTime(action.created_at)}
        {action.moderator && ` by ${action.moderator}`} · about {target(action)}
      </p>
      <p>
        <strong>Moderator’s reason:</strong> {action.reason}
      </p>
      <p>
        <strong>Member’s appeal</strong> ({formatDateTime(appeal.created_at)}): {appeal.statement}
      </p>
      <ReasonAction
        label="Decide"
        hint="The member is sent your reason, and it goes into the moderation log."
        act={async (reason) => {
          await unwrap(
            api.POST('/api/v1/appeals/{id}/resolve', { params: { path: { id: appeal.id } }, body: { outcome, reason } }),
          );
          onDone(outcome === 'reverse' ? 'Appeal granted: the decision is reversed.' : 'Appeal turned down: the decision stands.');
        }}
      >
        <fieldset className="field">
          <legend>Your decision</legend>
          <div className="radio-row">
            <input type="radio" id={`${id}-rev`} name={`${id}-outcome`} checked={outcome === 'reverse'} onChange={() => setOutcome('reverse')} />
            <label htmlFor={`${id}-rev`}>Reverse it (restore the post, publish it or lift the ban)</label>
          </div>
          <div className="radio-row">
            <input type="radio" id={`${id}-up`} name={`${id}-outcome`} checked={outcome === 'uphold'} onChange={() => setOutcome('uphold')} />
            <label htmlFor={`${id}-up`}>Uphold it (the decision stands)</label>
          </div>
        </fieldset>
      </ReasonAction>
    </li>
  );
}

/** Open appeals I may decide: of communities I moderate (not my own actions), or all for admins. */
export function AppealsPage() {
  usePageTitle('Appeals');
  const [message, setMessage] = useState('');
  const refresh = useRefresh();
  const appeals = useQuery({ queryKey: mKeys.appeals, queryFn: () => unwrap(api.GET('/api/v1/appeals')) });
  return (
    <>
      <h1>Appeals</h1>
      <p>Members may appeal a moderator’s decision once. Someone other than the moderator who decided reviews it.</p>
      <Status message={message} />
      {appeals.isPending && <Loading label="Loading appeals" />}
      {appeals.isError && <ProblemAlert error={asProblemError(appeals.error)} focus={false} />}
      {appeals.data &&
        (appeals.data.items.length === 0 ? (
          <p className="muted">No appeals are waiting for you.</p>
        ) : (
          <ul className="card-list">
            {appeals.data.items.map((a) => (
              <AppealItem
                key={a.appeal.id}
                item={a}
                onDone={(m) => {
                  setMessage(m);
                  void refresh();
                }}
              />
            ))}
          </ul>
        ))}
    </>
  );
}
