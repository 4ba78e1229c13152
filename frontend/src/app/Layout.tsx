import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LogoIcon } from '../components/Icons';
import { ThemeToggle } from '../components/ThemeToggle';
import { useAuth } from '../features/auth/AuthProvider';
import { useUnreadCount } from '../features/communities/unread';
import { useMe } from '../features/profile/queries';
import { withReportLink } from '../features/report/links';
import { TrustLinks } from '../features/trust/TrustLinks';
import { navItems } from './nav';

/** The main navigation; needs a signed-in user (it asks who moderates what). */
function MainNav({ role }: { role: NonNullable<ReturnType<typeof useAuth>['user']>['role'] }) {
  const me = useMe();
  const unread = useUnreadCount();
  const moderator = (me.data?.moderator_of?.length ?? 0) > 0;
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {withReportLink(navItems(role, { moderator })).map((item) => (
          <li key={item.to}>
            {item.to === '/notifications' && unread > 0 ? (
              <NavLink to={item.to} aria-label={`${item.label}, ${unread} unread`}>
                {item.label}
                <span className="count-badge" aria-hidden="true">
                  {unread}
                </span>
              </NavLink>
            ) : (
              <NavLink to={item.to}>{item.label}</NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const first = useRef(true);

  // After a client-side navigation, move focus to the new page's heading so keyboard and
  // screen reader users start at the top of the new content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [location.pathname]);

  const onSignOut = async () => {
    await signOut();
    navigate('/login', { replace: true, state: { signedOut: true } });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={user ? '/dashboard' : '/'} className="brand">
            <LogoIcon />
            <span>Kindred</span>
          </Link>
          {user && <MainNav role={user.role} />}
          <div className="header-actions">
            <NavLink to="/help" className="help-link">
              Get help now
            </NavLink>
            <ThemeToggle />
            {user ? (
              <button type="button" className="button-secondary" onClick={() => void onSignOut()}>
                Sign out
              </button>
            ) : (
              <>
                <Link to="/login" className="header-link">
                  Sign in
                </Link>
                <Link to="/register" className="button-link">
                  Create account
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Kindred is run by and for its members. Nothing about you is shared unless you choose
          to share it.
        </p>
        <TrustLinks />
      </footer>
    </>
  );
}
