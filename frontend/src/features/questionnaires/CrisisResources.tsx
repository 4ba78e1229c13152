import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { CrisisNumbers } from '../crisis/CrisisNumbers';
import { useCrisisHelp } from '../crisis/useCrisisHelp';

/**
 * Crisis help, shown above everything else when answers raised the crisis flag: right after
 * sending (`announce`: an alert that takes focus once, so screen-reader and keyboard users meet
 * it first), and again on the saved response (a plain region, found by its heading).
 * The numbers are the member's country's (see features/crisis/numbers.ts).
 */
export function CrisisResources({ announce = true }: { announce?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const { help, place } = useCrisisHelp();
  useEffect(() => {
    if (announce) ref.current?.focus();
  }, [announce]);
  return (
    <section
      className="alert alert-error crisis"
      role={announce ? 'alert' : undefined}
      aria-labelledby="crisis-heading"
      tabIndex={-1}
      ref={ref}
    >
      <h2 id="crisis-heading" className="alert-title">
        If you are thinking about harming yourself, please reach out now
      </h2>
      <p>You don’t have to face this alone. Talking to someone can help, right now.</p>
      {place && <p className="crisis-place">Numbers for {place}:</p>}
      <CrisisNumbers help={help} />
      <p>
        Kindred is not watched for emergencies: nobody here will see this answer in time to help.
        Please contact one of the services above.
      </p>
      <p>
        <Link to="/help">Crisis numbers for other countries</Link>
      </p>
    </section>
  );
}

/**
 * The short note shown while answering, as soon as an answer raises the crisis flag (before
 * anything is sent). It is meant to sit in a polite live region: it is announced without
 * taking the focus from the answer.
 */
export function CrisisNote() {
  const { help, place } = useCrisisHelp();
  return (
    <div className="alert alert-error crisis crisis-note">
      <p className="alert-title">If you are having thoughts of harming yourself, you can talk to someone now.</p>
      {place && <p className="crisis-place">Numbers for {place}:</p>}
      <CrisisNumbers help={help} />
      <p>
        <Link to="/help">More crisis numbers</Link>. Your answers stay here while you look.
      </p>
    </div>
  );
}
