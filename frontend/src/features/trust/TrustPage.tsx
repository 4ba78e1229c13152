import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';
import { TERMS_VERSION, TRUST_PAGES, termsDate } from './version';
import './trust.css';

/**
 * The frame of the three trust pages: title, version and date (the version sign-up records),
 * a short summary, the text, and links to the other two.
 */
export function TrustPage({
  title,
  path,
  summary,
  children,
}: {
  title: string;
  /** This page's path (left out of "see also"). */
  path: string;
  /** What the page says in a few lines, shown first. */
  summary: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <article className="trust-page narrow-wide" aria-labelledby="trust-title">
      <h1 id="trust-title">{title}</h1>
      <dl className="trust-meta">
        <div>
          <dt>Version</dt>
          <dd data-testid="terms-version">{TERMS_VERSION}</dd>
        </div>
        <div>
          <dt>In force since</dt>
          <dd>
            <time dateTime={TERMS_VERSION}>{termsDate()}</time>
          </dd>
        </div>
      </dl>
      <div className="trust-summary">{summary}</div>
      {children}
      <nav aria-label="The other documents" className="trust-see-also">
        <h2>Read also</h2>
        <ul>
          {TRUST_PAGES.filter((p) => p.to !== path).map((p) => (
            <li key={p.to}>
              <Link to={p.to}>{p.label}</Link>
            </li>
          ))}
          <li>
            <Link to="/help">Get help now: crisis numbers</Link>
          </li>
        </ul>
      </nav>
    </article>
  );
}

/** One titled part of a trust page. */
export function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="trust-part">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
