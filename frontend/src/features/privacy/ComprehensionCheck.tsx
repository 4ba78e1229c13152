// The three plain-language questions asked before a member's first consent (DESIGN §6.6). The
// server marks the answers: a wrong one comes back as a 422 whose message explains it, shown
// under its question.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { RadioGroup } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { pKeys, useComprehensionCheck } from './queries';

type Answers = { answers: Record<string, string> };

export function ComprehensionCheck({
  onPassed,
  onCancel,
  children,
}: {
  onPassed: () => void | Promise<void>;
  onCancel: () => void;
  /** What happens after passing, said before the questions. */
  children?: ReactNode;
}) {
  const check = useComprehensionCheck();
  // The questions replace what the member was looking at: start them there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="check-heading" className="panel">
      <h2 id="check-heading" ref={heading} tabIndex={-1}>
        Before your first consent: three quick questions
      </h2>
      <p>
        We ask everyone these once, so that nobody agrees to share without knowing what sharing means. Nothing is shared
        until you have answered them and given your consent.
      </p>
      {children}
      {check.isPending && <Loading label="Loading the questions" />}
      {check.isError && <ProblemAlert error={asProblemError(check.error)} focus={false} />}
      {check.data && (
        <CheckForm questions={check.data.questions} onPassed={onPassed} onCancel={onCancel} />
      )}
    </section>
  );
}

function CheckForm({
  questions,
  onPassed,
  onCancel,
}: {
  questions: { id: string; text: string; options: { id: string; text: string }[] }[];
  onPassed: () => void | Promise<void>;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Answers>({ defaultValues: { answers: {} } });
  const fields = questions.map((q) => `answers.${q.id}` as const);
  const server = useServerErrors(setError, fields);

  const onSubmit = async (v: Answers) => {
    server.clear();
    try {
      const passed = await unwrap(api.POST('/api/v1/me/comprehension-check', { body: { answers: v.answers } }));
      queryClient.setQueryData(pKeys.check, passed);
      await onPassed();
    } catch (err) {
      server.handle(err);
    }
  };

  const wrong = Object.keys(errors.answers ?? {}).length;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Three quick questions">
      <ProblemAlert error={server.problem} form />
      {wrong > 0 && (
        <p className="alert alert-info" role="status">
          {wrong === 1 ? 'One answer needs another look.' : `${wrong} answers need another look.`} The reason is under
          each question.
        </p>
      )}
      {questions.map((q, i) => (
        <RadioGroup
          key={q.id}
          legend={`${i + 1}. ${q.text}`}
          registration={register(`answers.${q.id}`, { required: 'Choose an answer.' })}
          error={errors.answers?.[q.id]}
          options={q.options.map((o) => ({ value: o.id, label: o.text }))}
        />
      ))}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Checking…' : 'Check my answers and continue'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Not now
        </button>
      </div>
    </form>
  );
}
