import { PASSWORD_MAX, PASSWORD_MIN } from './schemas';

/** What makes a good password here: length, not symbols. */
export function PasswordGuidance() {
  return (
    <>
      Use {PASSWORD_MIN} to {PASSWORD_MAX} characters. You don’t need symbols, numbers or
      capital letters: a few unrelated words make a strong password that is easy to remember.
      Very common passwords are not accepted.
    </>
  );
}
