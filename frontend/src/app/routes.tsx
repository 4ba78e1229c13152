import type { RouteObject } from 'react-router';
import { ChooseConditionsPage } from '../features/conditions/ChooseConditionsPage';
import { HelpPage } from '../features/crisis/HelpPage';
import { CheckEmailPage } from '../features/auth/CheckEmailPage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { measurementRoutes } from '../features/measurements/routes';
import { ReportOffer } from '../features/report/links';
import { ChangePasswordPage } from '../features/profile/ChangePasswordPage';
import { DataPage } from '../features/profile/DataPage';
import { ProfileLayout } from '../features/profile/ProfileLayout';
import { ProfilePage } from '../features/profile/ProfilePage';
import { SessionsPage } from '../features/profile/SessionsPage';
import { questionnaireRoutes } from '../features/questionnaires/routes';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

// Communities load as their own chunk, and the moderation area as another that a member who
// moderates nothing never downloads. Route-level `lazy` resolves before the navigation ends,
// so the page's heading is there when the layout moves focus to it.
const communities = () => import('../features/communities/pages');
const moderation = () => import('../features/moderation/pages');
// Researchers' and administrators' pages are chunks of their own too; the one research page a
// patient may open (applying to become a researcher) is a small chunk by itself.
const apply = () => import('../features/research/apply');
const research = () => import('../features/research/pages');
const admin = () => import('../features/admin/pages');
// The privacy centre (invitations, consent, receipts, data access, profile visibility): a chunk
// of its own.
const privacy = () => import('../features/privacy/pages');
// The terms of use, privacy notice and medical disclaimer (public; linked from the footer and
// sign-up), and the report for a clinic visit: a chunk each.
const trust = () => import('../features/trust/pages');
const report = () => import('../features/report/pages');

// The email links point at /verify-email and /reset-password, and notifications at
// /threads/:id, /communities/:slug and /notifications: keep those paths stable.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'check-email', element: <CheckEmailPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      // Crisis numbers: for everyone, signed in or not, linked from every page's header.
      { path: 'help', element: <HelpPage /> },
      { path: 'privacy-notice', lazy: () => trust().then((m) => ({ Component: m.PrivacyNoticePage })) },
      { path: 'terms', lazy: () => trust().then((m) => ({ Component: m.TermsPage })) },
      { path: 'disclaimer', lazy: () => trust().then((m) => ({ Component: m.DisclaimerPage })) },
      {
        element: <RequireAuth />,
        children: [
          // The dashboard and the measurements page end with a line offering the clinic report.
          {
            element: <ReportOffer />,
            children: [
              { path: 'dashboard', element: <DashboardPage /> },
              { path: 'measurements', children: measurementRoutes },
            ],
          },
          { path: 'report', lazy: () => report().then((m) => ({ Component: m.ReportPage })) },
          { path: 'onboarding/conditions', element: <ChooseConditionsPage /> },
          { path: 'questionnaires', children: questionnaireRoutes },
          { path: 'communities', lazy: () => communities().then((m) => ({ Component: m.CommunitiesPage })) },
          { path: 'communities/:slug', lazy: () => communities().then((m) => ({ Component: m.CommunityPage })) },
          { path: 'communities/:slug/search', lazy: () => communities().then((m) => ({ Component: m.SearchPage })) },
          { path: 'threads/:id', lazy: () => communities().then((m) => ({ Component: m.ThreadPage })) },
          { path: 'notifications', lazy: () => communities().then((m) => ({ Component: m.NotificationsPage })) },
          {
            path: 'moderation',
            children: [
              { index: true, lazy: () => moderation().then((m) => ({ Component: m.ModerationHome })) },
              { path: 'appeals', lazy: () => moderation().then((m) => ({ Component: m.AppealsPage })) },
              {
                path: ':slug',
                lazy: () => moderation().then((m) => ({ Component: m.CommunityModLayout })),
                children: [
                  { index: true, lazy: () => moderation().then((m) => ({ Component: m.ReportsPage })) },
                  { path: 'held', lazy: () => moderation().then((m) => ({ Component: m.HeldPage })) },
                  { path: 'members', lazy: () => moderation().then((m) => ({ Component: m.MembersPage })) },
                  { path: 'log', lazy: () => moderation().then((m) => ({ Component: m.LogPage })) },
                ],
              },
            ],
          },
          {
            path: 'research',
            children: [
              { index: true, lazy: () => research().then((m) => ({ Component: m.StudiesPage })) },
              { path: 'apply', lazy: () => apply().then((m) => ({ Component: m.ApplyPage })) },
              { path: 'studies/new', lazy: () => research().then((m) => ({ Component: m.NewStudyPage })) },
              { path: 'studies/:id', lazy: () => research().then((m) => ({ Component: m.StudyPage })) },
              { path: 'studies/:id/edit', lazy: () => research().then((m) => ({ Component: m.EditStudyPage })) },
            ],
          },
          {
            path: 'admin',
            children: [
              { index: true, lazy: () => admin().then((m) => ({ Component: m.AdminHome })) },
              { path: 'researchers', lazy: () => admin().then((m) => ({ Component: m.ResearchersPage })) },
              { path: 'studies', lazy: () => admin().then((m) => ({ Component: m.StudiesQueuePage })) },
              { path: 'studies/:id', lazy: () => admin().then((m) => ({ Component: m.ReviewStudyPage })) },
              { path: 'conditions', lazy: () => admin().then((m) => ({ Component: m.ConditionsPage })) },
              { path: 'communities', lazy: () => admin().then((m) => ({ Component: m.CommunitiesAdminPage })) },
              { path: 'communities/:slug', lazy: () => admin().then((m) => ({ Component: m.CommunityAdminPage })) },
              { path: 'questionnaires', lazy: () => admin().then((m) => ({ Component: m.QuestionnairesAdminPage })) },
              {
                path: 'questionnaires/:slug',
                lazy: () => admin().then((m) => ({ Component: m.QuestionnaireAdminPage })),
              },
              { path: 'users', lazy: () => admin().then((m) => ({ Component: m.UsersPage })) },
              { path: 'flags', lazy: () => admin().then((m) => ({ Component: m.FlagsPage })) },
              { path: 'audit', lazy: () => admin().then((m) => ({ Component: m.AuditPage })) },
            ],
          },
          {
            path: 'privacy',
            lazy: () => privacy().then((m) => ({ Component: m.PrivacyLayout })),
            children: [
              { index: true, lazy: () => privacy().then((m) => ({ Component: m.InvitationsPage })) },
              { path: 'invitations/:id', lazy: () => privacy().then((m) => ({ Component: m.InvitationPage })) },
              { path: 'consents', lazy: () => privacy().then((m) => ({ Component: m.ConsentsPage })) },
              { path: 'consents/:id', lazy: () => privacy().then((m) => ({ Component: m.ReceiptPage })) },
              { path: 'data-access', lazy: () => privacy().then((m) => ({ Component: m.DataAccessPage })) },
              { path: 'visibility', lazy: () => privacy().then((m) => ({ Component: m.VisibilityPage })) },
            ],
          },
          {
            path: 'profile',
            element: <ProfileLayout />,
            children: [
              { index: true, element: <ProfilePage /> },
              { path: 'password', element: <ChangePasswordPage /> },
              { path: 'sessions', element: <SessionsPage /> },
              { path: 'data', element: <DataPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
