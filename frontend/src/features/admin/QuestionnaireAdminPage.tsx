// One questionnaire for administrators: its published version, a draft editor (the definition
// as JSON, started from the published version), and publishing or retiring a version.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, ProblemError, unwrap } from '../../api/problem';
import type { Definition } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { qKeys, useQuestionnaires } from '../questionnaires/queries';
import {
  definitionText,
  parseDefinition,
  starterDefinition,
  withFieldPaths,
  type VersionView,
} from './queries';
import { AdminCrumbs, Status } from './shared';

function Questions({ definition, label }: { definition: Definition; label: string }) {
  return (
    <ol className="question-list" aria-label={label}>
      {definition.items.map((i) => (
        <li key={i.key}>
          {i.text}
          {i.options && i.options.length > 0 && (
            <span className="muted"> ({i.options.map((o) => o.label).join(' / ')})</span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Draft editor: saves a new draft, then changes to it; publishing happens next to it. */
function DraftEditor({
  slug,
  start,
  onDone,
}: {
  slug: string;
  start: Definition;
  onDone: (m: string) => Promise<void>;
}) {
  const id = useId();
  const [text, setText] = useState(() => definitionText(start));
  const [draft, setDraft] = useState<VersionView | null>(null);
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (act: () => Promise<void>) => {
    setProblem(null);
    setBusy(true);
    try {
      await act();
    } catch (err) {
      setProblem(withFieldPaths(asProblemError(err)));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const parsed = parseDefinition(text);
      if (!parsed.ok) {
        throw new ProblemError({
          type: 'about:blank',
          title: 'Please check the definition',
          status: 422,
          code: 'invalid_json',
          detail: parsed.message,
        });
      }
      const body = { definition: parsed.definition };
      const v = draft
        ? await unwrap(
            api.PATCH('/api/v1/questionnaires/{slug}/versions/{version}', {
              params: { path: { slug, version: draft.version } },
              body,
            }),
          )
        : await unwrap(api.POST('/api/v1/questionnaires/{slug}/versions', { params: { path: { slug } }, body }));
      setDraft(v);
      setText(definitionText(v.definition));
      await onDone(draft ? `Draft version ${v.version} is saved.` : `Saved as draft version ${v.version}.`);
    });
  const publish = (v: VersionView) =>
    run(async () => {
      await unwrap(
        api.POST('/api/v1/questionnaires/{slug}/versions/{version}/publish', {
          params: { path: { slug, version: v.version } },
        }),
      );
      setDraft(null);
      await onDone(`Version ${v.version} is published: members now answer it.`);
    });
  return (
    <section aria-labelledby={`${id}-h`} className="panel admin-form">
      <h2 id={`${id}-h`}>{draft ? `Draft version ${draft.version}` : 'Draft a new version'}</h2>
      <p>
        The definition lists the questions (<code>items</code>), how the total is scored (<code>scoring</code>), and
        optionally score bands and flags. The server checks it in full and says where anything is wrong.
      </p>
      <ProblemAlert error={problem} />
      <div className="field">
        <label htmlFor={`${id}-def`}>Definition (JSON)</label>
        <textarea
          id={`${id}-def`}
          className="code-editor"
          rows={18}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="button" className={draft ? 'button-secondary' : undefined} disabled={busy} onClick={() => void save()}>
          {draft ? `Save changes to draft ${draft.version}` : 'Save as a draft'}
        </button>
        {draft && (
          <button type="button" disabled={busy} onClick={() => void publish(draft)}>
            Publish version {draft.version}
          </button>
        )}
      </div>
      {draft && (
        <>
          <h3>Questions in draft {draft.version}</h3>
          <Questions definition={draft.definition} label={`Questions in draft ${draft.version}`} />
        </>
      )}
    </section>
  );
}

/** Publish or retire any version by its number (drafts made earlier are not listed). */
function ByNumber({ slug, onDone }: { slug: string; onDone: (m: string) => Promise<void> }) {
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<{ version: string }>({ defaultValues: { version: '' } });
  const act = (kind: 'publish' | 'retire') =>
    handleSubmit(async ({ version }) => {
      setProblem(null);
      const n = Number(version);
      const params = { params: { path: { slug, version: n } } };
      try {
        if (kind === 'publish') {
          await unwrap(api.POST('/api/v1/questionnaires/{slug}/versions/{version}/publish', params));
          await onDone(`Version ${n} is published: members now answer it.`);
        } else {
          await unwrap(api.POST('/api/v1/questionnaires/{slug}/versions/{version}/retire', params));
          await onDone(`Version ${n} is retired: it can no longer be answered.`);
        }
      } catch (err) {
        setProblem(asProblemError(err));
      }
    });
  return (
    <form noValidate aria-labelledby="by-number" className="panel admin-form" onSubmit={(e) => e.preventDefault()}>
      <h2 id="by-number">Publish or retire a version by number</h2>
      <p>
        Publishing makes a draft the version members answer; retiring a published version stops new answers to it.
      </p>
      <ProblemAlert error={problem} />
      <TextField
        label="Version number"
        type="number"
        inputMode="numeric"
        min={1}
        error={errors.version}
        registration={register('version', {
          validate: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1) || 'Give a version number.',
        })}
      />
      <div className="form-actions">
        <button type="button" disabled={isSubmitting} onClick={() => void act('publish')()}>
          Publish
        </button>
        <button type="button" className="button-danger" disabled={isSubmitting} onClick={() => void act('retire')()}>
          Retire
        </button>
      </div>
    </form>
  );
}

export function QuestionnaireAdminPage() {
  const { slug = '' } = useParams();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const list = useQuestionnaires();
  const entry = list.data?.items.find((q) => q.slug === slug);
  const published = entry?.current_version ?? null;
  const detail = useQuery({
    queryKey: [...qKeys.detail(slug), published],
    queryFn: () => unwrap(api.GET('/api/v1/questionnaires/{slug}', { params: { path: { slug } } })),
    enabled: published != null,
  });
  usePageTitle(entry ? `Questionnaire: ${entry.title}` : 'Questionnaire');
  const [retireProblem, setRetireProblem] = useState<ProblemError | null>(null);
  const done = async (m: string) => {
    setMessage(m);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['questionnaires'] }),
      queryClient.invalidateQueries({ queryKey: ['me', 'questionnaires'] }),
    ]);
  };
  const retire = async (version: number) => {
    setRetireProblem(null);
    try {
      await unwrap(
        api.POST('/api/v1/questionnaires/{slug}/versions/{version}/retire', { params: { path: { slug, version } } }),
      );
      await done(`Version ${version} is retired: it can no longer be answered.`);
    } catch (err) {
      setMessage('');
      setRetireProblem(asProblemError(err));
    }
  };
  const loading = list.isPending || (published != null && detail.isPending);
  return (
    <>
      <AdminCrumbs trail={[{ to: '/admin/questionnaires', label: 'Questionnaires' }]} />
      {loading && <Loading label="Loading the questionnaire" />}
      {list.isError && <ProblemAlert error={asProblemError(list.error)} focus={false} />}
      {list.data && !entry && (
        <>
          <h1>Questionnaire</h1>
          <p>There is no questionnaire “{slug}”.</p>
        </>
      )}
      {entry && !loading && (
        <>
          <h1>{entry.title}</h1>
          {entry.description && <p className="lead">{entry.description}</p>}
          <Status message={message} />
          <section aria-labelledby="published-heading" className="panel admin-form">
            <h2 id="published-heading">
              {published == null ? 'No published version' : `Published version ${published}`}
            </h2>
            {detail.isError && <ProblemAlert error={asProblemError(detail.error)} focus={false} />}
            {published == null && <p>Members cannot answer it until a version is published.</p>}
            {detail.data && published != null && (
              <>
                {detail.data.version.published_at && (
                  <p className="muted">Published {formatDateTime(detail.data.version.published_at)}</p>
                )}
                <Questions definition={detail.data.version.definition} label={`Questions in version ${published}`} />
                <p>
                  <Link to={`/questionnaires/${slug}`}>See it as members do</Link>
                </p>
                <ProblemAlert error={retireProblem} />
                <div className="form-actions">
                  <button type="button" className="button-danger" onClick={() => void retire(published)}>
                    Retire version {published}
                  </button>
                </div>
              </>
            )}
          </section>
          <DraftEditor
            key={published ?? 0}
            slug={slug}
            start={detail.data?.version.definition ?? starterDefinition()}
            onDone={done}
          />
          <ByNumber slug={slug} onDone={done} />
        </>
      )}
    </>
  );
}
