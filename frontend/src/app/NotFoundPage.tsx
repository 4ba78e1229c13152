import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="narrow">
      <h1>Page not found</h1>
      <p>We couldn’t find that page. The link may be wrong, or the page may have moved.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </div>
  );
}
