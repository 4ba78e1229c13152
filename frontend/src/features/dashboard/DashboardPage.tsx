import { useState } from 'react';
import { Link } from 'react-router';
import { asProblemError } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAuth } from '../auth/AuthProvider';
import { ResendVerification } from '../auth/ResendVerification';
import { STATUS_LABEL, useMyConditions } from '../conditions/queries';
import { MeasurementsPanel } from '../measurements/DashboardPanel';
import { TargetsPanel } from '../measurements/TargetsPanel';
import { visibilityChosen } from '../privacy/visibility';
import { VisibilityPrompt } from '../privacy/VisibilityPrompt';
import { QuestionnairesPanel } from '../questionnaires/DashboardPanel';
import { FirstRunChecklist } from './FirstRunChecklist';
import { RoleNotice } from './RoleNotice';
import './dashboard.css';

export function DashboardPage() {
  usePageTitle('Dashboard');
  const { user } = useAuth();
  const mine = useMyConditions();
  // What the first-visit question said when it was answered (it is gone by then).
  const [chosen, setChosen] = useState('');
  if (!user) return null;
  const askVisibility = !visibilityChosen(user);
  return (
    <>
      <h1>Hello, {user.handle}</h1>
      <RoleNotice role={user.role} />
      {!user.email_verified && (
        <div className="alert alert-info">
          <p className="alert-title">Please confirm your email address</p>
          <p>
            We sent a link to {user.email ?? 'your email address'}. Until you open it, you can
            look around and track your health, but you can’t post or join studies.
          </p>
          {user.email && <ResendVerification email={user.email} />}
        </div>
      )}

      <p role="status" className={chosen ? 'alert alert-success' : 'status-text'}>
        {chosen}
      </p>
      {askVisibility && <VisibilityPrompt user={user} onChosen={setChosen} />}
      <FirstRunChecklist user={user} />

      <div className="dashboard-grid">
        <section aria-labelledby="conditions-heading" className="panel">
          <h2 id="conditions-heading">Your conditions</h2>
          {mine.isPending && <Loading label="Loading your conditions" />}
          {mine.isError && <ProblemAlert error={asProblemError(mine.error)} focus={false} />}
          {mine.data &&
            (mine.data.items.length === 0 ? (
              <>
                <p>
                  Add the conditions you live with to find people with the same experience and
                  the right questionnaires.
                </p>
                <Link to="/onboarding/conditions" className="button-link">
                  Choose my conditions
                </Link>
              </>
            ) : (
              <>
                <ul className="plain-list">
                  {mine.data.items.map((m) => (
                    <li key={m.id}>
                      <strong>{m.condition.name}</strong>
                      {m.primary && <span className="badge">Main</span>}
                      <span className="muted"> · {STATUS_LABEL[m.status]}</span>
                    </li>
                  ))}
                </ul>
                <Link to="/onboarding/conditions">Change my conditions</Link>
              </>
            ))}
        </section>

        <MeasurementsPanel />
        <TargetsPanel />
        <QuestionnairesPanel />
      </div>
      {user.role === 'patient' && (
        <p className="muted">
          Doing health research? <Link to="/research/apply">Apply to become a verified researcher</Link>.
        </p>
      )}
    </>
  );
}
