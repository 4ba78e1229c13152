import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { Status, useRefresh } from './shared';
import { localTimestamp } from './time';

interface MemberValues {
  handle: string;
  reason: string;
  until: string;
}

function MemberForm({ slug, kind, onDone }: { slug: string; kind: 'warn' | 'ban' | 'unban'; onDone: (m: string) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<MemberValues>({ defaultValues: { handle: '', reason: '', until: '' } });
  const server = useServerErrors(setError, ['handle', 'reason']);
  const id = useId();
  const title = kind === 'warn' ? 'Warn a member' : kind === 'ban' ? 'Ban a member' : 'Lift a ban';
  const onSubmit = async (v: MemberValues) => {
    server.clear();
    const handle = v.handle.trim().replace(/^@/, '');
    const reason = v.reason.trim();
    try {
      if (kind === 'warn') {
        await unwrap(api.POST('/api/v1/communities/{slug}/warnings', { params: { path: { slug } }, body: { handle, reason } }));
        onDone(`${handle} was warned.`);
      } else if (kind === 'ban') {
        const expires = v.until ? localTimestamp(v.until) : null;
        await unwrap(
          api.POST('/api/v1/communities/{slug}/bans', { params: { path: { slug } }, body: { handle, reason, expires_at: expires } }),
        );
        onDone(expires ? `${handle} is banned until ${formatDateTime(expires)}.` : `${handle} is banned with no end date.`);
      } else {
        await unwrap(
          api.DELETE('/api/v1/communities/{slug}/bans/{handle}', { params: { path: { slug, handle } }, body: { reason } }),
        );
        onDone(`${handle}’s ban is lifted.`);
      }
      reset();
    } catch (err) {
      server.handle(err);
    }
  };
  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{title}</h2>
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-labelledby={`${id}-h`}>
        <ProblemAlert error={server.problem} form />
        <TextField
          label="Member’s handle"
          autoComplete="off"
          registration={register('handle', { validate: (v) => v.trim() !== '' || 'Enter the member’s handle.' })}
          error={errors.handle}
        />
        {kind === 'ban' && (
          <TextField
            label="Until (optional)"
            hint="Leave empty for a ban with no end date."
            type="datetime-local"
            registration={register('until')}
            error={errors.until}
          />
        )}
        <TextField
          label="Reason"
          hint="The member is shown this, and it goes into the moderation log."
          maxLength={2000}
          registration={register('reason', { validate: (v) => v.trim() !== '' || 'Give a reason.' })}
          error={errors.reason}
        />
        <button type="submit" className={kind === 'ban' ? 'button-danger' : undefined} disabled={isSubmitting}>
          {title}
        </button>
      </form>
    </section>
  );
}

/** Warn, ban (with an optional end) and unban members. */
export function MembersPage() {
  const { slug = '' } = useParams();
  const [message, setMessage] = useState('');
  const refresh = useRefresh();
  usePageTitle('Warn or ban');
  const done = (m: string) => {
    setMessage(m);
    void refresh();
  };
  return (
    <>
      <h1>Warn or ban a member</h1>
      <Status message={message} />
      <MemberForm slug={slug} kind="warn" onDone={done} />
      <MemberForm slug={slug} kind="ban" onDone={done} />
      <MemberForm slug={slug} kind="unban" onDone={done} />
    </>
  );
}
