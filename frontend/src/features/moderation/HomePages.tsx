import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { api } from '../../api/client';
import { asProblemError, unwrap } from '../../api/problem';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCommunity } from '../communities/queries';
import { mKeys } from './shared';

/** The communities I moderate, and the appeals waiting for me. */
export function ModerationHome() {
  usePageTitle('Moderation');
  const mine = useQuery({ queryKey: mKeys.mine, queryFn: () => unwrap(api.GET('/api/v1/me/communities')) });
  return (
    <>
      <h1>Moderation</h1>
      <p className="lead">
        Keep your communities safe and kind. Every action needs a reason: the member affected is shown it, and it goes
        into the community’s public moderation log.
      </p>
      <p>
        <Link to="/moderation/appeals">Appeals waiting for a decision</Link>
      </p>
      {mine.isPending && <Loading label="Loading your communities" />}
      {mine.isError && <ProblemAlert error={asProblemError(mine.error)} focus={false} />}
      {mine.data && (
        <section aria-labelledby="moderate-heading">
          <h2 id="moderate-heading">Communities you moderate</h2>
          {mine.data.moderator_of.length === 0 ? (
            <p className="muted">You do not moderate a community.</p>
          ) : (
            <ul className="card-list">
              {mine.data.moderator_of.map((c) => (
                <li key={c.slug} className="card">
                  <div>
                    <p className="card-title">{c.name}</p>
                    <p className="muted">{c.member_count.toLocaleString()} members</p>
                  </div>
                  <ul className="inline-links">
                    <li>
                      <Link to={`/moderation/${c.slug}`}>Reports<span className="visually-hidden"> in {c.name}</span></Link>
                    </li>
                    <li>
                      <Link to={`/moderation/${c.slug}/held`}>Held posts<span className="visually-hidden"> in {c.name}</span></Link>
                    </li>
                    <li>
                      <Link to={`/moderation/${c.slug}/members`}>Warn or ban<span className="visually-hidden"> in {c.name}</span></Link>
                    </li>
                    <li>
                      <Link to={`/moderation/${c.slug}/log`}>Log<span className="visually-hidden"> of {c.name}</span></Link>
                    </li>
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** The frame of one community's moderation pages: its name and the section links. */
export function CommunityModLayout() {
  const { slug = '' } = useParams();
  const c = useCommunity(slug);
  const name = c.data?.name ?? slug;
  const sections = [
    { to: `/moderation/${slug}`, label: 'Reports', end: true },
    { to: `/moderation/${slug}/held`, label: 'Held posts', end: false },
    { to: `/moderation/${slug}/members`, label: 'Warn or ban', end: false },
    { to: `/moderation/${slug}/log`, label: 'Moderation log', end: false },
  ];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/moderation">Moderation</Link> › <Link to={`/communities/${slug}`}>{name}</Link>
      </p>
      <div className="with-subnav">
        <nav aria-label="Moderation sections" className="subnav">
          <ul>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} end={s.end}>
                  {s.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="subnav-content">
          <Outlet />
        </div>
      </div>
    </>
  );
}
