import type { RouteObject } from 'react-router';
import { HistoryPage } from './HistoryPage';
import { QuestionnairesPage } from './QuestionnairesPage';
import { ResponsePage } from './ResponsePage';
import { TakeQuestionnairePage } from './TakeQuestionnairePage';

/** Routes under /questionnaires (mounted by app/routes.tsx behind RequireAuth). */
export const questionnaireRoutes: RouteObject[] = [
  { index: true, element: <QuestionnairesPage /> },
  { path: 'responses/:id', element: <ResponsePage /> },
  { path: ':slug', element: <TakeQuestionnairePage /> },
  { path: ':slug/history', element: <HistoryPage /> },
];
