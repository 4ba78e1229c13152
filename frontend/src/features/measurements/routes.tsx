import type { RouteObject } from 'react-router';
import { ImportPage } from './ImportPage';
import { MeasurementsPage } from './MeasurementsPage';

/** Routes under /measurements (mounted by app/routes.tsx behind RequireAuth). */
export const measurementRoutes: RouteObject[] = [
  { index: true, element: <MeasurementsPage /> },
  { path: 'import', element: <ImportPage /> },
];
