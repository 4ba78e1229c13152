import { useEffect, useRef } from 'react';

/**
 * Shown at once, above everything else, when an answer raised the `self_harm_risk` flag.
 * Focus moves here so screen-reader and keyboard users meet it first.
 */
export function CrisisResources() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      className="alert alert-error crisis"
      role="alert"
      aria-labelledby="crisis-heading"
      tabIndex={-1}
      ref={ref}
    >
      <h2 id="crisis-heading" className="alert-title">
        If you are thinking about harming yourself, please reach out now
      </h2>
      <p>You don’t have to face this alone. Talking to someone can help, right now.</p>
      <ul>
        <li>
          <strong>In immediate danger:</strong> call your local emergency number (112 in Europe,
          911 in the US and Canada, 999 in the UK).
        </li>
        <li>
          <strong>US:</strong> call or text <a href="tel:988">988</a> (988 Suicide &amp; Crisis
          Lifeline), any time.
        </li>
        <li>
          <strong>UK and Ireland:</strong> call Samaritans on <a href="tel:116123">116 123</a>,
          free, any time.
        </li>
        <li>
          <strong>Elsewhere:</strong> your doctor, or a local crisis line, can help today.
        </li>
      </ul>
      <p>
        Kindred is not watched for emergencies: nobody here will see this answer in time to help.
        Please contact one of the services above.
      </p>
    </section>
  );
}
