import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { asProblemError, ProblemError } from '../../api/problem';
import type { PlacedFinding } from '../../api/types';
import { CheckboxField, TextField } from '../../components/fields';
import { AlertIcon } from '../../components/Icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { BanNotice } from './notices';
import { FINDING_NAMES } from './queries';
import { splitByRanges, utf16Index } from './ranges';

export interface ComposerValues {
  title: string;
  body: string;
  anonymous: boolean;
}

interface Props {
  /** `thread` asks for a title; `edit` offers no "as a member" choice (it keeps the post's). */
  mode: 'thread' | 'reply' | 'edit';
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  initial?: Partial<ComposerValues>;
  /** The community (for a ban notice's appeal). */
  community: string;
  /** Sends the post; `confirm` is true once the author chose "post anyway". */
  send: (values: ComposerValues, confirm: boolean) => Promise<void>;
  onCancel?: () => void;
}

const FIELDS: readonly Path<ComposerValues>[] = ['title', 'body'];

/** A finding's text with the identifying part marked, for the review that replaces the field. */
function Marked({ text, findings }: { text: string; findings: PlacedFinding[] }) {
  const pieces = splitByRanges(
    text,
    findings.map((f) => [f.start, f.end] as const),
  );
  return (
    <>
      {pieces.map((p, i) => {
        const f = p.mark === null ? undefined : findings[p.mark];
        return f ? (
          <mark key={i} className="finding">
            {p.text}
            <span className="visually-hidden"> ({FINDING_NAMES[f.kind]})</span>
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        );
      })}
    </>
  );
}

/**
 * Writes a thread, a reply or an edit. When the server's privacy check finds something that
 * could identify a person, the text is shown with each finding marked in place of the field,
 * with the choice to edit it or to post anyway (re-sent with `confirm_privacy_findings`).
 */
export function Composer({ mode, label, submitLabel, initial, community, send, onCancel }: Props) {
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ComposerValues>({
    defaultValues: { title: initial?.title ?? '', body: initial?.body ?? '', anonymous: initial?.anonymous ?? false },
  });
  const server = useServerErrors(setError, FIELDS);
  const [findings, setFindings] = useState<PlacedFinding[] | null>(null);
  const [banned, setBanned] = useState<ProblemError | null>(null);
  const [sending, setSending] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  const pendingSelect = useRef<PlacedFinding | null>(null);
  const id = useId();
  const bodyId = `${id}-body`;
  const bodyHint = `${id}-body-hint`;
  const bodyErr = `${id}-body-error`;

  useEffect(() => {
    if (findings) reviewRef.current?.focus();
  }, [findings]);

  // Back from the review: put the cursor on (and select) the finding the author chose.
  useEffect(() => {
    const f = pendingSelect.current;
    if (findings !== null || !f) return;
    pendingSelect.current = null;
    const el = f.field === 'title' ? document.getElementById(`${id}-title`) : bodyRef.current;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      el.focus();
      el.setSelectionRange(utf16Index(el.value, f.start), utf16Index(el.value, f.end));
    }
  }, [findings, id]);

  const submit = async (values: ComposerValues, confirm: boolean) => {
    server.clear();
    setBanned(null);
    setSending(true);
    try {
      await send(values, confirm);
      setFindings(null);
      if (mode !== 'edit') reset({ title: '', body: '', anonymous: values.anonymous });
    } catch (err) {
      const p = asProblemError(err);
      if (p.code === 'privacy_check' && p.findings.length > 0) setFindings(p.findings);
      else if (p.code === 'banned') setBanned(p);
      else server.handle(err);
    } finally {
      setSending(false);
    }
  };

  const edit = (f: PlacedFinding | undefined) => {
    pendingSelect.current = f ?? null;
    setFindings(null);
  };

  const bodyReg = register('body', {
    validate: (v) => v.trim() !== '' || 'Write something before posting.',
  });
  const values = getValues();
  const titleFindings = findings?.filter((f) => f.field === 'title') ?? [];
  const bodyFindings = findings?.filter((f) => f.field !== 'title') ?? [];

  return (
    <div className="composer">
      {/* Outside the form: the notice holds its own (appeal) form, and forms do not nest. */}
      {banned && <BanNotice problem={banned} community={community} />}
      <form onSubmit={handleSubmit((v) => submit(v, false))} noValidate aria-label={label}>
        <ProblemAlert error={server.problem} form />
        {findings ? (
          <div className="privacy-review" role="group" aria-labelledby={`${id}-review`} tabIndex={-1} ref={reviewRef}>
            <p className="alert-title" id={`${id}-review`}>
              <AlertIcon /> Check before you post: this could identify you or someone else
            </p>
            <p>
              We marked {findings.length === 1 ? 'one detail' : `${findings.length} details`} in your text. Anyone who can
              read this community could see {findings.length === 1 ? 'it' : 'them'}, and could use{' '}
              {findings.length === 1 ? 'it' : 'them'} to find out who you are.
            </p>
            {mode === 'thread' && (
              <>
                <p className="review-label">Title</p>
                <p className="review-text">
                  <Marked text={values.title} findings={titleFindings} />
                </p>
              </>
            )}
            <p className="review-label">Your post</p>
            <p className="review-text">
              <Marked text={values.body} findings={bodyFindings} />
            </p>
            <ul>
              {findings.map((f, i) => (
                <li key={i}>
                  {FINDING_NAMES[f.kind].replace(/^./, (c) => c.toUpperCase())}: “{f.text}”{' '}
                  <button type="button" className="button-inline" onClick={() => edit(f)}>
                    Edit this<span className="visually-hidden">: {f.text}</span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" onClick={() => edit(findings[0])}>
                Edit my post
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={sending}
                onClick={() => void submit(getValues(), true)}
              >
                Post anyway
              </button>
            </div>
          </div>
        ) : (
          <>
            {mode === 'thread' && (
              <TextField
                id={`${id}-title`}
                label="Title"
                maxLength={200}
                registration={register('title', {
                  validate: (v) => v.trim() !== '' || 'Give your thread a title.',
                })}
                error={errors.title}
              />
            )}
            <div className="field">
              <label htmlFor={bodyId}>{mode === 'reply' ? 'Your reply' : 'Your post'}</label>
              <div id={bodyHint} className="hint">
                You can use *emphasis*, **bold**, lists and links. HTML shows as plain text.
              </div>
              {errors.body?.message && (
                <p id={bodyErr} className="field-error">
                  <AlertIcon /> {errors.body.message}
                </p>
              )}
              <textarea
                id={bodyId}
                rows={mode === 'reply' ? 5 : 8}
                maxLength={20000}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={errors.body ? `${bodyHint} ${bodyErr}` : bodyHint}
                {...bodyReg}
                ref={(el) => {
                  bodyReg.ref(el);
                  bodyRef.current = el;
                }}
              />
            </div>
            {mode !== 'edit' && (
              <CheckboxField
                label="Post as “a member”"
                hint="Other members will see “a member” instead of your handle. You, this community’s moderators and Kindred’s administrators can still see that you wrote it."
                registration={register('anonymous')}
              />
            )}
            <div className="form-actions">
              <button type="submit" disabled={isSubmitting || sending}>
                {submitLabel}
              </button>
              {onCancel && (
                <button type="button" className="button-secondary" onClick={onCancel}>
                  Cancel
                </button>
              )}
            </div>
          </>
        )}
      </form>
    </div>
  );
}
