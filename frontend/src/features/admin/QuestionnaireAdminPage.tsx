// One questionnaire for administrators: every version (drafts included) with what can be done
// to each (edit or publish a draft, retire a published version), the published version's
// questions, and a draft editor (the definition as JSON, started from the published version).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, ProblemError, unwrap } from '../../api/problem';
import type { Definition } from '../../api/types';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { qKeys, useQuestionnaires } from '../questionnaires/queries';
import {
  aKeys,
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

/**
 * Draft editor: saves a new draft (or changes `editing`, a draft chosen from the list), then
 * changes to it; publishing happens next to it.
 */
function DraftEditor({
  slug,
  start,
  editing,
  onSaved,
  onDone,
}: {
  slug: string;
  start: Definition;
  editing: VersionView | null;
  onSaved: (v: VersionView) => void;
  onDone: (m: string, changed?: number) => Promise<void>;
}) {
  const id = useId();
  const [text, setText] = useState(() => definitionText(editing?.definition ?? start));
  const [draft, setDraft] = useState<VersionView | null>(editing);
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
      onSaved(v);
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
      await onDone(`Version ${v.version} is published: members now answer it.`, v.version);
    });
  return (
    <section aria-labelledby={`${id}-h`} className="panel admin-form">
      <h2 id={`${id}-h`}>{draft ? `Draft version ${draft.version}` : 'Draft a new version'}</h2>
      <p>
        The definition lists the questions (<code>items</code>), how the total is scored (<code>scoring</code>), and
        optionally score bands and flags. The server checks it in full and says where anything is wrong.
      </p>
      <ProblemAlert error={problem} form />
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

const STATUS_LABEL: Record<VersionView['status'], string> = {
  draft: 'Draft',
  published: 'Published',
  retired: 'Retired',
};

/** Every version, drafts included (admins only): edit or publish a draft, retire a published one. */
function Versions({
  slug,
  editing,
  onEdit,
  onDone,
}: {
  slug: string;
  editing: number | null;
  onEdit: (v: VersionView) => void;
  onDone: (m: string, changed?: number) => Promise<void>;
}) {
  const versions = useQuery({
    queryKey: aKeys.versions(slug),
    queryFn: () => unwrap(api.GET('/api/v1/questionnaires/{slug}/versions', { params: { path: { slug } } })),
  });
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (kind: 'publish' | 'retire', version: number) => {
    setProblem(null);
    setBusy(true);
    const params = { params: { path: { slug, version } } };
    try {
      if (kind === 'publish') {
        await unwrap(api.POST('/api/v1/questionnaires/{slug}/versions/{version}/publish', params));
        await onDone(`Version ${version} is published: members now answer it.`, version);
      } else {
        await unwrap(api.POST('/api/v1/questionnaires/{slug}/versions/{version}/retire', params));
        await onDone(`Version ${version} is retired: it can no longer be answered.`, version);
      }
    } catch (err) {
      setProblem(asProblemError(err));
    } finally {
      setBusy(false);
    }
  };
  const items = versions.data?.items ?? [];
  return (
    <section aria-labelledby="versions-heading" className="panel admin-form">
      <h2 id="versions-heading">Versions</h2>
      <p>
        Publishing a draft makes it the version members answer; it can then never change. Retiring a published version
        stops new answers to it; past answers keep it.
      </p>
      <ProblemAlert error={problem} />
      {versions.isPending && <Loading label="Loading the versions" />}
      {versions.isError && <ProblemAlert error={asProblemError(versions.error)} focus={false} />}
      {versions.data &&
        (items.length === 0 ? (
          <p className="muted">No versions yet: save a draft below.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Versions, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Published</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{STATUS_LABEL[v.status]}</td>
                    <td>{v.definition.items.length}</td>
                    <td>{v.published_at ? formatDateTime(v.published_at) : '—'}</td>
                    <td>
                      <div className="form-actions">
                        {v.status === 'draft' && editing === v.version && (
                          <span className="muted">Open in the editor below</span>
                        )}
                        {v.status === 'draft' && editing !== v.version && (
                          <>
                            <button
                              type="button"
                              className="button-secondary"
                              disabled={busy}
                              onClick={() => onEdit(v)}
                            >
                              Edit draft {v.version}
                            </button>
                            <button type="button" disabled={busy} onClick={() => void act('publish', v.version)}>
                              Publish version {v.version}
                            </button>
                          </>
                        )}
                        {v.status === 'published' && (
                          <button
                            type="button"
                            className="button-danger"
                            disabled={busy}
                            onClick={() => void act('retire', v.version)}
                          >
                            Retire version {v.version}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

export function QuestionnaireAdminPage() {
  const { slug = '' } = useParams();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  // The draft in the editor (chosen from the list, or saved from the editor), and a counter
  // that starts the editor afresh when a draft is chosen from the list.
  const [editing, setEditing] = useState<VersionView | null>(null);
  const [session, setSession] = useState(0);
  const list = useQuestionnaires();
  const entry = list.data?.items.find((q) => q.slug === slug);
  const published = entry?.current_version ?? null;
  const detail = useQuery({
    queryKey: [...qKeys.detail(slug), published],
    queryFn: () => unwrap(api.GET('/api/v1/questionnaires/{slug}', { params: { path: { slug } } })),
    enabled: published != null,
  });
  usePageTitle(entry ? `Questionnaire: ${entry.title}` : 'Questionnaire');
  const done = async (m: string, changed?: number) => {
    setMessage(m);
    // A draft that was published is no longer being edited.
    if (changed != null && changed === editing?.version) {
      setEditing(null);
      setSession((n) => n + 1);
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['questionnaires'] }),
      queryClient.invalidateQueries({ queryKey: ['me', 'questionnaires'] }),
      queryClient.invalidateQueries({ queryKey: aKeys.versions(slug) }),
    ]);
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
              </>
            )}
          </section>
          <Versions
            slug={slug}
            editing={editing?.version ?? null}
            onEdit={(v) => {
              setMessage('');
              setEditing(v);
              setSession((n) => n + 1);
            }}
            onDone={done}
          />
          <DraftEditor
            key={`${session}-${published ?? 0}`}
            slug={slug}
            start={detail.data?.version.definition ?? starterDefinition()}
            editing={editing}
            onSaved={setEditing}
            onDone={done}
          />
        </>
      )}
    </>
  );
}
