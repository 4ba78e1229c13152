import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { ReportCategory } from '../../api/types';
import { RadioGroup } from '../../components/fields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerErrors } from '../../components/useServerErrors';
import { REPORT_CATEGORIES } from './queries';

interface Values {
  category: ReportCategory | '';
  details: string;
}

/** Reports a post to the community's moderators, with a reason category. */
export function ReportForm({ postId, onDone }: { postId: string; onDone: (sent: boolean) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { category: '', details: '' } });
  const server = useServerErrors(setError, ['category', 'details']);
  const category = watch('category');

  const onSubmit = async (v: Values) => {
    if (v.category === '') return;
    server.clear();
    try {
      await unwrap(
        api.POST('/api/v1/posts/{id}/reports', {
          params: { path: { id: postId } },
          body: { category: v.category, ...(v.details.trim() ? { details: v.details.trim() } : {}) },
        }),
      );
      onDone(true);
    } catch (err) {
      server.handle(err);
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Report this post" className="card card-block">
      <ProblemAlert error={server.problem} form />
      <RadioGroup
        legend="What is wrong with this post?"
        hint="Only the moderators see your report. The author is not told who reported it."
        registration={register('category', { required: 'Choose what is wrong.' })}
        error={errors.category}
        options={REPORT_CATEGORIES.map((c) => ({ value: c.value, label: c.label, hint: c.hint }))}
      />
      <div className="field">
        <label htmlFor={`report-${postId}-details`}>
          Anything the moderators should know{category === 'other' ? '' : ' (optional)'}
        </label>
        <textarea id={`report-${postId}-details`} rows={3} maxLength={2000} {...register('details')} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          Send report
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
