import type { RouteObject } from 'react-router';
import { QuestionnairesPage } from './QuestionnairesPage';

/** Routes under /questionnaires (mounted by app/routes.tsx behind RequireAuth). */
export const questionnaireRoutes: RouteObject[] = [{ index: true, element: <QuestionnairesPage /> }];
