// What a member is told about moderators' actions on their posts or on themselves: the
// reason, the end of a ban, and a one-time appeal.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { unwrap, type ProblemError } from '../../api/problem';
import type { ModAction } from '../../api/types';
import { formatDate, formatDateTime } from '../../app/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { useAuth } from '../auth/AuthProvider';
import { ACTION_NAMES, APPEALABLE, useModLog } from './queries';

interface AppealValues {
  statement: string;
}

/** A one-time appeal of one moderator action, behind an "Appeal" button. */
export function AppealAction({ action }: { action: ModAction }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AppealValues>({ defaultValues: { statement: '' } });
  const server = useServerErrors(setError, ['statement']);

  if (!APPEALABLE.has(action.action)) return null;
  if (sent) {
    return (
      <p role="status" className="alert alert-success">
        Your appeal was sent. A moderator who did not take this decision, or an administrator, will look at it, and you
        will get a notification with the outcome.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        Appeal this decision
      </button>
    );
  }
  const onSubmit = async (v: AppealValues) => {
    server.clear();
    try {
      await unwrap(api.POST('/api/v1/appeals', { body: { mod_action_id: action.id, statement: v.statement.trim() } }));
      setSent(true);
    } catch (err) {
      server.handle(err);
    }
  };
  const errId = `appeal-${action.id}-error`;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Appeal this decision" className="card card-block">
      <ProblemAlert error={server.problem} form />
      <div className="field">
        <label htmlFor={`appeal-${action.id}`}>Why should this decision be reversed?</label>
        <div className="hint" id={`appeal-${action.id}-hint`}>
          You can appeal once. Someone other than the moderator who decided will read it.
        </div>
        {errors.statement?.message && (
          <p className="field-error" id={errId}>
            {errors.statement.message}
          </p>
        )}
        <textarea
          id={`appeal-${action.id}`}
          rows={4}
          maxLength={2000}
          aria-invalid={errors.statement ? true : undefined}
          aria-describedby={`appeal-${action.id}-hint${errors.statement ? ` ${errId}` : ''}`}
          {...register('statement', { validate: (v) => v.trim() !== '' || 'Say why in a few words.' })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Send my appeal
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One moderator action about me: what, when, why, until when, and the appeal. */
export function ActionNotice({ action, title }: { action: ModAction; title?: string }) {
  return (
    <div className="alert alert-info notice" role="note" aria-label={title ?? ACTION_NAMES[action.action]}>
      <p className="alert-title">{title ?? ACTION_NAMES[action.action]}</p>
      <p>
        On {formatDateTime(action.created_at)}. <strong>Reason:</strong> {action.reason}
      </p>
      {action.action === 'member_banned' && (
        <p>{action.expires_at ? `The ban ends on ${formatDateTime(action.expires_at)}.` : 'The ban has no end date.'}</p>
      )}
      <AppealAction action={action} />
    </div>
  );
}

/** The latest log row about `match`, newest first. */
function useLatestAction(community: string, match: (a: ModAction) => boolean, enabled = true) {
  const log = useModLog(community, enabled);
  return { action: log.data?.items.find(match), loading: log.isPending && enabled };
}

/** On my removed (or rejected) post: the moderator's reason and the appeal. */
export function RemovalNotice({ community, postId, status }: { community: string; postId: string; status: string }) {
  const kind = status === 'rejected' ? 'post_rejected' : 'post_removed';
  const { action } = useLatestAction(community, (a) => a.target_kind === 'post' && a.target_id === postId && a.action === kind);
  const title = status === 'rejected' ? 'A moderator did not publish your post' : 'A moderator removed your post';
  if (!action) {
    return (
      <div className="alert alert-info notice" role="note" aria-label={title}>
        <p className="alert-title">{title}</p>
        <p>Other members no longer see it.</p>
      </div>
    );
  }
  return <ActionNotice action={action} title={title} />;
}

/** A write refused with 403 `banned`: the reason, the end and the appeal. */
export function BanNotice({ problem, community }: { problem: ProblemError; community: string }) {
  const { user } = useAuth();
  const { action } = useLatestAction(community, (a) => a.action === 'member_banned' && a.member === user?.handle);
  const { reason, expires_at: ends } = problem.problem;
  return (
    <div className="alert alert-error notice" role="alert">
      <p className="alert-title">You are banned from posting in this community</p>
      <p>
        <strong>Reason:</strong> {reason ?? action?.reason ?? 'not given'}
      </p>
      <p>{ends ? `The ban ends on ${formatDateTime(ends)}.` : 'The ban has no end date.'}</p>
      {action && <AppealAction action={action} />}
    </div>
  );
}

/** Warnings and bans about me in this community that still matter. */
export function MemberNotices({ community }: { community: string }) {
  const { user } = useAuth();
  const log = useModLog(community);
  const mine = (log.data?.items ?? []).filter((a) => a.member && a.member === user?.handle);
  // The newest member action decides whether a ban is in force (an unban ends it).
  const latest = mine[0];
  const now = Date.now();
  const ban =
    latest?.action === 'member_banned' && (!latest.expires_at || new Date(latest.expires_at).getTime() > now)
      ? latest
      : undefined;
  const warning = mine.find((a) => a.action === 'member_warned' && now - new Date(a.created_at).getTime() < 30 * 86_400_000);
  if (!ban && !warning) return null;
  return (
    <section aria-label="Notices for you">
      {ban && <ActionNotice action={ban} title="You are banned from posting here" />}
      {warning && <ActionNotice action={warning} title={`A moderator warned you on ${formatDate(warning.created_at)}`} />}
    </section>
  );
}
