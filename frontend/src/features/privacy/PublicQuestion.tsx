// The one question asked before a profile is made public (used here and on the profile page).
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { RadioGroup } from '../../components/fields';
import { PUBLIC_QUESTION } from './consent';

export function PublicQuestion({ registration, error }: { registration: UseFormRegisterReturn; error?: FieldError | undefined }) {
  return (
    <div className="public-check">
      <p className="alert alert-info">
        Before you make your profile public, please answer one question, so we know it is clear what that means.
      </p>
      <RadioGroup
        legend={PUBLIC_QUESTION.text}
        registration={registration}
        error={error}
        options={PUBLIC_QUESTION.options.map((o) => ({ value: o.id, label: o.text }))}
      />
    </div>
  );
}
