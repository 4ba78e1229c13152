import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navItems } from '../../app/nav';
import { renderRoutes } from '../../test/render';
import { ReportOffer, withReportLink } from './links';

describe('withReportLink', () => {
  it('puts the clinic report after the questionnaires, once, and nothing when signed out', () => {
    const items = withReportLink(navItems('patient'));
    expect(items.map((i) => i.label)).toEqual([
      'Dashboard',
      'Measurements',
      'Questionnaires',
      'Clinic report',
      'Communities',
      'Notifications',
      'Privacy',
      'Profile',
    ]);
    expect(withReportLink(items)).toEqual(items);
    expect(withReportLink(navItems(undefined))).toEqual([]);
  });
});

describe('ReportOffer', () => {
  const routes = [
    {
      element: <ReportOffer />,
      children: [
        { path: 'dashboard', element: <h1>Dashboard</h1> },
        { path: 'measurements', element: <h1>Measurements</h1> },
        { path: 'measurements/import', element: <h1>Import</h1> },
      ],
    },
  ];

  it('offers the report under the dashboard and the measurements page', () => {
    for (const path of ['/dashboard', '/measurements']) {
      const { unmount } = renderRoutes(routes, path);
      expect(screen.getByRole('link', { name: 'Print a report for your clinic visit' })).toHaveAttribute('href', '/report');
      unmount();
    }
  });

  it('stays out of the other pages under it', () => {
    renderRoutes(routes, '/measurements/import');
    expect(screen.getByRole('heading', { name: 'Import' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /clinic visit/ })).not.toBeInTheDocument();
  });
});
