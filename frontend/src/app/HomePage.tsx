import { Link, Navigate } from 'react-router';
import { useAuth } from '../features/auth/AuthProvider';
import { usePageTitle } from './usePageTitle';

export function HomePage() {
  usePageTitle('');
  const { user } = useAuth();
  if (user) return <Navigate to="/dashboard" replace />;
  return (
    <div className="hero">
      <h1>Track your health. Learn from people like you.</h1>
      <p className="lead">
        Kindred is a community for people living with a health condition. Keep track of how you
        are doing, compare notes with others who understand, and decide — study by study —
        whether researchers may learn from your data.
      </p>
      <ul className="promise-list">
        <li>Private by default: nothing about you is shared unless you choose to share it.</li>
        <li>You can change your mind: withdrawing consent is as easy as giving it.</li>
        <li>Your data is yours: download it or delete your account at any time.</li>
      </ul>
      <p className="hero-actions">
        <Link to="/register" className="button-link">
          Create an account
        </Link>
        <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
