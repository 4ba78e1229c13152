import type { RouteObject } from 'react-router';
import { ImportPage } from './ImportPage';
import { MeasurementsPage } from './MeasurementsPage';

/** Routes under /measurements (mounted by app/routes.tsx behind RequireAuth). */
export const measurementRoutes: RouteObject[] = [
  { index: true, element: <MeasurementsPage /> },
  { path: 'import', element: <ImportPage /> },
  // Rarely used: its own chunk, loaded when the page is opened.
  { path: 'apple-health', lazy: () => import('./AppleHealthPage').then((m) => ({ Component: m.AppleHealthPage })) },
];
