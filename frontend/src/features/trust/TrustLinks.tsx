import { Link } from 'react-router';
import './footer.css';
import { TRUST_PAGES } from './version';

/** The footer's links to the terms of use, privacy notice and medical disclaimer. */
export function TrustLinks() {
  return (
    <nav aria-label="About Kindred" className="footer-links">
      <ul>
        {TRUST_PAGES.map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{p.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
