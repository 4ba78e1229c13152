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
        <li>
          Private by default: Only you can see your profile until you choose who may (signed-in
          members, or anyone), and emails about replies, study invitations and moderation are off
          until you turn them on.
        </li>
        <li>
          Your measurements and questionnaire answers are never shown to other members.
          Researchers receive them only for a study you agree to join, without your name, email
          address or handle.
        </li>
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
